using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Data;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Disputes.DisputeTypes;

public sealed record DisputeTypeDto(string Code, string Name, int SortOrder, bool IsActive);

/// <summary>纠纷类型: listed for intake forms, edited by the command centre (add, rename, reorder, deactivate; never delete: cases keep their code).</summary>
public static class ListDisputeTypes
{
    public sealed class Handler(JiexinDbContext db)
    {
        public async Task<IReadOnlyList<DisputeTypeDto>> Handle(bool includeInactive, CancellationToken ct) =>
            await db.Set<DisputeType>().AsNoTracking().Where(t => includeInactive || t.IsActive).OrderBy(t => t.SortOrder).ThenBy(t => t.Code)
                .Select(t => new DisputeTypeDto(t.Code, t.Name, t.SortOrder, t.IsActive)).ToListAsync(ct);
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder disputes) =>
        disputes.MapGet("/types", async Task<Ok<IReadOnlyList<DisputeTypeDto>>> (bool? all, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(all == true, ct)))
            .WithName("Disputes.ListDisputeTypes");
}

public static class SaveDisputeType
{
    public sealed record Request(string? Name, int? SortOrder, bool? IsActive);

    public sealed class Handler(JiexinDbContext db)
    {
        public async Task<(DisputeTypeDto? Type, string? Field, string? Error)> Handle(string code, Request body, CancellationToken ct)
        {
            code = code.Trim().ToLowerInvariant();
            if (code.Length is 0 or > 32 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return (null, "code", "类型代码只能由字母、数字和下划线组成（不超过 32 个字符）。");
            }

            var name = body.Name?.Trim() ?? "";
            if (name.Length is 0 or > 32)
            {
                return (null, "name", "请填写类型名称（不超过 32 个字）。");
            }

            if (await db.Set<DisputeType>().AnyAsync(t => t.Name == name && t.Code != code, ct))
            {
                return (null, "name", "已有同名的纠纷类型。");
            }

            var type = await db.Set<DisputeType>().SingleOrDefaultAsync(t => t.Code == code, ct);
            if (type is null)
            {
                type = new DisputeType { Code = code, Name = name, SortOrder = body.SortOrder ?? 100 };
                db.Add(type);
            }

            type.Name = name;
            type.SortOrder = body.SortOrder ?? type.SortOrder;
            type.IsActive = body.IsActive ?? type.IsActive;
            await db.SaveChangesAsync(ct);
            return (new(type.Code, type.Name, type.SortOrder, type.IsActive), null, null);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder disputes) =>
        disputes.MapPut("/types/{code}", async Task<Results<Ok<DisputeTypeDto>, ValidationProblem>> (string code, Request body, Handler handler, CancellationToken ct) =>
            {
                var (type, field, error) = await handler.Handle(code, body, ct);
                return type is null ? Problems.Validation(field!, error!) : TypedResults.Ok(type);
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Commander))
            .WithName("Disputes.SaveDisputeType");
}

/// <summary>Seeds the list of dispute types once (after that the list is the centre's to edit).</summary>
internal sealed class DisputeTypeSeeder(JiexinDbContext db) : IStartupTask
{
    public int Order => 140;

    public async Task RunAsync(CancellationToken ct)
    {
        if (await db.Set<DisputeType>().AnyAsync(ct))
        {
            return;
        }

        db.AddRange(DisputeType.Defaults.Select((t, i) => new DisputeType { Code = t.Code, Name = t.Name, SortOrder = (i + 1) * 10 }));
        await db.SaveChangesAsync(ct);
    }
}
