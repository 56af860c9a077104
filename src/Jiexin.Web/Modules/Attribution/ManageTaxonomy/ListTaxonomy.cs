using Jiexin.Data;
using Jiexin.Modules.Attribution.Domain;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Attribution.ManageTaxonomy;

/// <summary>
/// <c>GET /api/v1/attribution/taxonomy</c> (Admin): every 大类 and 小类 as stored, disabled ones too, each 大类 followed
/// by its 小类, with the phrases, the first-level label and the version an edit must carry. Filters: <c>q</c> (code,
/// name or a phrase), <c>label</c>, <c>group</c> (a 大类 code), <c>enabled</c>. A 大类 is listed when it or one of its
/// 小类 matches, so the tree never loses its heading.
/// </summary>
public static class ListTaxonomy
{
    public sealed record Query(string? Q = null, string? Label = null, string? Group = null, bool? Enabled = null);

    public sealed record Item(
        Guid Id,
        Guid? ParentId,
        string Code,
        string Name,
        string EnglishName,
        string Icon,
        string? GroupCode,
        string? GroupName,
        string Label,
        IReadOnlyList<string> Phrases,
        string? DefaultDepartmentShortName,
        int SortOrder,
        bool Enabled,
        int Version)
    {
        public bool IsSubcategory => ParentId is not null;
    }

    public sealed class Handler(JiexinDbContext db)
    {
        public async Task<IReadOnlyList<Item>> Handle(Query query, CancellationToken ct)
        {
            var all = await db.Set<AttributionCategory>().AsNoTracking().ToListAsync(ct);
            var items = Ordered(all);
            var q = query.Q?.Trim();
            var label = string.IsNullOrWhiteSpace(query.Label) ? null : query.Label.Trim();
            var group = string.IsNullOrWhiteSpace(query.Group) ? null : query.Group.Trim();
            bool Matches(Item i) =>
                (q is null || i.Code.Contains(q, StringComparison.OrdinalIgnoreCase) || i.Name.Contains(q, StringComparison.OrdinalIgnoreCase)
                    || i.EnglishName.Contains(q, StringComparison.OrdinalIgnoreCase) || i.Phrases.Any(p => p.Contains(q, StringComparison.OrdinalIgnoreCase)))
                && (label is null || i.Label == label)
                && (group is null || (i.GroupCode ?? i.Code) == group)
                && (query.Enabled is null || i.Enabled == query.Enabled);

            if (q is null && label is null && group is null && query.Enabled is null)
            {
                return items;
            }

            var matchedSubs = items.Where(i => i.IsSubcategory && Matches(i)).ToList();
            var keepGroups = matchedSubs.Select(i => i.ParentId!.Value).ToHashSet();
            // A 大类 matched by itself (label filters only apply to 小类: a 大类 has none).
            foreach (var g in items.Where(i => !i.IsSubcategory && label is null && Matches(i)))
            {
                keepGroups.Add(g.Id);
            }

            return [.. items.Where(i => i.IsSubcategory ? matchedSubs.Contains(i) : keepGroups.Contains(i.Id))];
        }

        public async Task<Item?> Find(Guid id, CancellationToken ct)
        {
            var all = await db.Set<AttributionCategory>().AsNoTracking().ToListAsync(ct);
            return Ordered(all).FirstOrDefault(i => i.Id == id);
        }

        private static List<Item> Ordered(List<AttributionCategory> all)
        {
            var result = new List<Item>(all.Count);
            foreach (var g in all.Where(c => c.ParentId is null).OrderBy(c => c.SortOrder).ThenBy(c => c.Code, StringComparer.Ordinal))
            {
                result.Add(ToItem(g, null));
                foreach (var s in all.Where(c => c.ParentId == g.Id).OrderBy(c => c.SortOrder).ThenBy(c => c.Code, StringComparer.Ordinal))
                {
                    result.Add(ToItem(s, g));
                }
            }

            return result;
        }

        internal static Item ToItem(AttributionCategory c, AttributionCategory? parent) => new(
            c.Id, c.ParentId, c.Code, c.Name, c.EnglishName, c.Icon, parent?.Code, parent?.Name, c.Label, PhraseList.Parse(c.Phrases),
            c.DefaultDepartmentShortName, c.SortOrder, c.Enabled, c.Version);
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder attribution) =>
        attribution.MapGet("/taxonomy", async Task<Ok<IReadOnlyList<Item>>> ([AsParameters] Query query, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(query, ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName("Attribution.ListTaxonomy")
            .WithSummary("分类目录（管理）：全部大类、小类，含停用的、关键词与模型一级类别");
}
