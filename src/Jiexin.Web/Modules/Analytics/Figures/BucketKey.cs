using Jiexin.Modules.Analytics.Domain;

namespace Jiexin.Modules.Analytics.Figures;

/// <summary>The key of one <see cref="EventFigureBucket"/>.</summary>
public readonly record struct BucketKey(
    FigureGrain Grain, FigureScope ScopeKind, Guid ScopeId, FigureDimension Dimension, FigureMeasure Measure, int Day, string Value, short Tier)
{
    /// <summary>
    /// THE rule from one counted key to the buckets it adds to: for each scope the event belongs to (the street, its
    /// community, its grid, its department), the total (with the tier) and one line per breakdown, at both grains.
    /// </summary>
    public static void Expand(in FigureKey k, long count, Dictionary<BucketKey, long> into)
    {
        var month = FigureKey.MonthOf(k.Day);
        var community = k.CommunityId == Guid.Empty ? "" : k.CommunityId.ToString();
        var department = k.DepartmentId == Guid.Empty ? "" : k.DepartmentId.ToString();
        Span<(FigureScope Kind, Guid Id)> scopes = stackalloc (FigureScope, Guid)[4];
        var n = 0;
        scopes[n++] = (FigureScope.All, Guid.Empty);
        if (k.CommunityId != Guid.Empty)
        {
            scopes[n++] = (FigureScope.Community, k.CommunityId);
        }

        if (k.GridId != Guid.Empty)
        {
            scopes[n++] = (FigureScope.Grid, k.GridId);
        }

        if (k.DepartmentId != Guid.Empty)
        {
            scopes[n++] = (FigureScope.Department, k.DepartmentId);
        }

        foreach (var (kind, id) in scopes[..n])
        {
            foreach (var (grain, day) in new[] { (FigureGrain.Day, k.Day), (FigureGrain.Month, month) })
            {
                Add(into, new BucketKey(grain, kind, id, FigureDimension.Total, k.Measure, day, "", k.Tier), count);
                Add(into, new BucketKey(grain, kind, id, FigureDimension.Category, k.Measure, day, k.Category, -1), count);
                Add(into, new BucketKey(grain, kind, id, FigureDimension.Community, k.Measure, day, community, -1), count);
                Add(into, new BucketKey(grain, kind, id, FigureDimension.Department, k.Measure, day, department, -1), count);
            }
        }
    }

    private static void Add(Dictionary<BucketKey, long> into, BucketKey key, long count) =>
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(into, key, out _) += count;
}
