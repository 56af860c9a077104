using Jiexin.Modules.Attribution.Domain;

namespace Jiexin.Modules.Attribution.Routing;

/// <summary>
/// The enabled routing rules, grouped by category code, answering "which rule applies to this 小类 at this place".
/// Most specific wins: place first (grid, then community, then street-wide), then category (the 小类 itself, then
/// its 大类), then the higher priority; the rule id breaks ties so the answer never depends on load order.
/// </summary>
public sealed class RoutingTable
{
    private readonly Dictionary<string, RoutingRule[]> _byCategory;

    public RoutingTable(IEnumerable<RoutingRule> rules)
    {
        _byCategory = rules
            .Where(r => r.Enabled)
            .GroupBy(r => r.CategoryCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    public static RoutingTable Empty { get; } = new([]);

    public int Count => _byCategory.Values.Sum(r => r.Length);

    /// <summary>
    /// The best rule for a 小类 (and its 大类) at a place whose department <paramref name="departmentExists"/>, or null.
    /// A rule naming a department that no longer exists is passed over, never followed.
    /// </summary>
    public RoutingRule? Find(string subcategoryCode, string? categoryCode, Guid? gridId, Guid? communityId, Func<Guid, bool> departmentExists)
    {
        RoutingRule? best = null;
        (int Place, int Category, int Priority) bestRank = default;
        foreach (var (code, categoryRank) in new[] { (subcategoryCode, 1), (categoryCode, 0) })
        {
            if (code is null || !_byCategory.TryGetValue(code, out var rules))
            {
                continue;
            }

            foreach (var rule in rules)
            {
                var placeRank = PlaceRank(rule, gridId, communityId);
                if (placeRank < 0 || !departmentExists(rule.DepartmentId))
                {
                    continue;
                }

                var rank = (placeRank, categoryRank, rule.Priority);
                if (best is null || rank.CompareTo(bestRank) > 0 || (rank == bestRank && rule.Id.CompareTo(best.Id) < 0))
                {
                    best = rule;
                    bestRank = rank;
                }
            }
        }

        return best;
    }

    /// <summary>2 for this grid, 1 for this community, 0 street-wide, -1 when the rule is for another place.</summary>
    private static int PlaceRank(RoutingRule rule, Guid? gridId, Guid? communityId)
    {
        if (rule.GridId is { } ruleGrid)
        {
            return ruleGrid == gridId ? 2 : -1;
        }

        if (rule.CommunityId is { } ruleCommunity)
        {
            return ruleCommunity == communityId ? 1 : -1;
        }

        return 0;
    }

    /// <summary>Where a rule's place puts it in <see cref="Contracts.RoutingSource"/>.</summary>
    public static Contracts.RoutingSource SourceOf(RoutingRule rule) =>
        rule.GridId is not null ? Contracts.RoutingSource.GridRule
        : rule.CommunityId is not null ? Contracts.RoutingSource.CommunityRule
        : Contracts.RoutingSource.CategoryRule;
}
