using Jiexin.Data;
using Jiexin.Modules.Attribution.Domain;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Attribution.ManageRouting;

/// <summary>
/// <c>GET /api/v1/attribution/routing-rules</c> (Admin): the routing rules with names for category, place and
/// department, most specific first (grid, community, street-wide; 小类 before 大类; higher priority), the order in which
/// they win. Filters: <c>q</c> (category, department, place or note), <c>categoryCode</c> (a 小类 also lists its 大类's
/// rules), <c>communityId</c>, <c>departmentId</c>.
/// </summary>
public static class ListRoutingRules
{
    public sealed record Query(string? Q = null, string? CategoryCode = null, Guid? CommunityId = null, Guid? DepartmentId = null);

    /// <summary><see cref="Scope"/>: 网格 / 社区 / 全街道; <see cref="DepartmentMissing"/>: the department was deleted, the rule is passed over.</summary>
    public sealed record Item(
        Guid Id,
        string CategoryCode,
        string CategoryName,
        bool IsGroupRule,
        Guid? CommunityId,
        string? CommunityName,
        Guid? GridId,
        string? GridName,
        string Scope,
        Guid DepartmentId,
        string DepartmentName,
        string DepartmentShortName,
        bool DepartmentMissing,
        int Priority,
        bool Enabled,
        string? Note,
        int Version);

    public sealed class Handler(JiexinDbContext db, ITerritoryLookup territory)
    {
        public async Task<IReadOnlyList<Item>> Handle(Query query, CancellationToken ct)
        {
            var rules = await db.Set<RoutingRule>().AsNoTracking().ToListAsync(ct);
            var categories = await db.Set<AttributionCategory>().AsNoTracking().ToListAsync(ct);
            var items = rules.Select(r => ToItem(r, categories, territory)).ToList();

            IEnumerable<Item> result = items;
            if (!string.IsNullOrWhiteSpace(query.CategoryCode))
            {
                var code = query.CategoryCode.Trim();
                var groupCode = code.Length == 4 ? code[..2] : null;
                result = result.Where(i => i.CategoryCode == code || i.CategoryCode == groupCode);
            }

            if (query.CommunityId is { } communityId)
            {
                var grids = territory.GridsOf(communityId).Select(g => g.Id).ToHashSet();
                result = result.Where(i => i.CommunityId == communityId || (i.GridId is { } g && grids.Contains(g)));
            }

            if (query.DepartmentId is { } departmentId)
            {
                result = result.Where(i => i.DepartmentId == departmentId);
            }

            if (!string.IsNullOrWhiteSpace(query.Q))
            {
                var q = query.Q.Trim();
                result = result.Where(i => i.CategoryCode.Contains(q, StringComparison.OrdinalIgnoreCase)
                    || i.CategoryName.Contains(q, StringComparison.OrdinalIgnoreCase)
                    || i.DepartmentName.Contains(q, StringComparison.OrdinalIgnoreCase)
                    || i.DepartmentShortName.Contains(q, StringComparison.OrdinalIgnoreCase)
                    || (i.CommunityName?.Contains(q, StringComparison.OrdinalIgnoreCase) ?? false)
                    || (i.GridName?.Contains(q, StringComparison.OrdinalIgnoreCase) ?? false)
                    || (i.Note?.Contains(q, StringComparison.OrdinalIgnoreCase) ?? false));
            }

            return [.. result
                .OrderBy(i => i.CategoryCode[..Math.Min(2, i.CategoryCode.Length)], StringComparer.Ordinal)
                .ThenBy(i => i.GridId is not null ? 0 : i.CommunityId is not null ? 1 : 2)
                .ThenBy(i => i.IsGroupRule)
                .ThenByDescending(i => i.Priority)
                .ThenBy(i => i.CategoryCode, StringComparer.Ordinal)
                .ThenBy(i => i.Id)];
        }

        public async Task<Item?> Find(Guid id, CancellationToken ct)
        {
            var rule = await db.Set<RoutingRule>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
            if (rule is null)
            {
                return null;
            }

            var categories = await db.Set<AttributionCategory>().AsNoTracking().Where(c => c.Code == rule.CategoryCode || c.Code == rule.CategoryCode.Substring(0, 2)).ToListAsync(ct);
            return ToItem(rule, categories, territory);
        }
    }

    internal static Item ToItem(RoutingRule r, IReadOnlyList<AttributionCategory> categories, ITerritoryLookup territory)
    {
        var category = categories.FirstOrDefault(c => c.Code == r.CategoryCode);
        var parent = category?.ParentId is { } parentId ? categories.FirstOrDefault(c => c.Id == parentId) : null;
        var categoryName = category is null ? $"（已删除的类别 {r.CategoryCode}）"
            : parent is null ? $"{category.Name}（整个大类）"
            : $"{parent.Name} · {category.Name}";
        var (communityId, communityName, gridName) = Place(r, territory);
        var department = territory.Departments.FirstOrDefault(d => d.Id == r.DepartmentId);
        var scope = r.GridId is not null ? "网格" : r.CommunityId is not null ? "社区" : "全街道";
        return new Item(
            r.Id, r.CategoryCode, categoryName, category is { ParentId: null }, communityId, communityName, r.GridId, gridName, scope,
            r.DepartmentId, department?.Name ?? "（部门已删除）", department?.ShortName ?? "", department is null,
            r.Priority, r.Enabled, r.Note, r.Version);
    }

    private static (Guid? CommunityId, string? CommunityName, string? GridName) Place(RoutingRule r, ITerritoryLookup territory)
    {
        if (r.GridId is { } gridId)
        {
            foreach (var community in territory.Communities)
            {
                if (territory.GridsOf(community.Id).FirstOrDefault(g => g.Id == gridId) is { } grid)
                {
                    return (community.Id, community.Name, grid.Name);
                }
            }

            return (null, null, "（网格已删除）");
        }

        if (r.CommunityId is { } communityId)
        {
            return (communityId, territory.Communities.FirstOrDefault(c => c.Id == communityId)?.Name ?? "（社区已删除）", null);
        }

        return (null, null, null);
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder attribution) =>
        attribution.MapGet("/routing-rules", async Task<Ok<IReadOnlyList<Item>>> ([AsParameters] Query query, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(query, ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName("Attribution.ListRoutingRules")
            .WithSummary("派单规则列表（最具体的在前）");
}
