using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Warnings.Domain;
using Jiexin.Modules.Warnings.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Warnings.ListWarnings;

/// <summary>预警 list: the alerts the caller may see, filtered by kind, status, severity and community, newest first, paged.</summary>
public static class ListWarnings
{
    public const int MaxPageSize = 100;

    public sealed record Query(
        WarningKind? Kind = null,
        WarningStatus? Status = null,
        WarningSeverity? Severity = null,
        Guid? CommunityId = null,
        bool? Open = null,
        int? Page = null,
        int? PageSize = null);

    public sealed record Page(IReadOnlyList<WarningDto> Items, int Total, int PageNumber, int PageSize, int OpenCount);

    public sealed class Handler(JiexinDbContext db, WarningAccess access, IOrgDirectory orgs)
    {
        public async Task<Page> Handle(Query q, ClaimsPrincipal user, CancellationToken ct)
        {
            var page = Math.Max(1, q.Page ?? 1);
            var size = Math.Clamp(q.PageSize ?? 20, 1, MaxPageSize);
            var visible = access.Visible(db.Set<Warning>().AsNoTracking(), user);
            var query = visible;
            if (q.Kind is { } kind)
            {
                query = query.Where(w => w.Kind == kind);
            }

            if (q.Status is { } status)
            {
                query = query.Where(w => w.Status == status);
            }

            if (q.Open == true)
            {
                query = query.Where(w => w.Status != WarningStatus.Closed);
            }

            if (q.Severity is { } severity)
            {
                query = query.Where(w => w.Severity == severity);
            }

            if (q.CommunityId is { } community)
            {
                query = query.Where(w => w.CommunityId == community);
            }

            var total = await query.CountAsync(ct);
            var openCount = await visible.CountAsync(w => w.Status == WarningStatus.Open, ct);
            var rows = await query.OrderByDescending(w => w.RaisedAt).ThenByDescending(w => w.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
            return new([.. rows.Select(w => WarningDto.From(w, orgs))], total, page, size, openCount);
        }
    }

    public sealed class GetHandler(JiexinDbContext db, WarningAccess access, IOrgDirectory orgs)
    {
        public async Task<WarningDto?> Handle(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            var w = await access.Visible(db.Set<Warning>().AsNoTracking(), user).SingleOrDefaultAsync(x => x.Id == id, ct);
            return w is null ? null : WarningDto.From(w, orgs);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapGet("/", async Task<Ok<Page>> ([AsParameters] Query q, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(q, user, ct)))
            .WithName("Warnings.ListWarnings");

    public static RouteHandlerBuilder MapGet(RouteGroupBuilder g) =>
        g.MapGet("/{id:guid}", async Task<Results<Ok<WarningDto>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, GetHandler handler, CancellationToken ct) =>
                await handler.Handle(id, user, ct) is { } w ? TypedResults.Ok(w) : Problems.NotFound("未找到该预警。"))
            .WithName("Warnings.GetWarning");
}
