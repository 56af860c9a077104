using Jiexin.Data;
using Jiexin.Modules.Attribution.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.Deadlines.ListDeadlinePolicies;

public sealed record DeadlinePolicyDto(Guid Id, string? CategoryCode, string CategoryName, DeadlineTier Tier, string TierName, int Amount, DeadlineUnit Unit, string Limit, int Version);

/// <summary><c>GET /api/v1/events/deadline-policies</c>: every time limit, the defaults first, then by 大类 and tier (staff may read).</summary>
public static class ListDeadlinePolicies
{
    public sealed class Handler(JiexinDbContext db, ICategoryDirectory categories)
    {
        public async Task<IReadOnlyList<DeadlinePolicyDto>> Handle(CancellationToken ct)
        {
            var rows = await db.Set<DeadlinePolicy>().AsNoTracking().ToListAsync(ct);
            return [.. rows
                .OrderBy(p => p.CategoryCode ?? "")
                .ThenBy(p => p.Tier)
                .Select(p => new DeadlinePolicyDto(p.Id, p.CategoryCode, CategoryName(categories, p.CategoryCode), p.Tier,
                    DeadlineText.TierName(p.Tier), p.Amount, p.Unit, p.Describe(), p.Version))];
        }
    }

    public static string CategoryName(ICategoryDirectory categories, string? code) =>
        code is null
            ? Platform.Localization.Text.T("全部类别（默认）", "Any category (default)")
            : categories.Groups.FirstOrDefault(g => g.Code == code)?.Name ?? code;

    public static RouteHandlerBuilder Map(RouteGroupBuilder events) =>
        events.MapGet("/deadline-policies", async Task<Ok<IReadOnlyList<DeadlinePolicyDto>>> (Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(ct)))
            .RequireAuthorization(Platform.Auth.Policies.Staff)
            .WithName("Events.ListDeadlinePolicies");
}
