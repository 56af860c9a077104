using Jiexin.Modules.Events.Contracts;

namespace Jiexin.Modules.Warnings.Rules;

/// <summary>Rule (b): repeated reports at one place or by one reporter.</summary>
public static class RepeatRules
{
    /// <summary>
    /// Place: taking reports oldest first, each report not yet in a group gathers every report not yet in a group
    /// within <paramref name="radiusMetres"/> of it and reported within <paramref name="windowDays"/> after it; a
    /// gathering of at least <paramref name="minReports"/> is one group (its first report is the anchor).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<ReportedPlace>> SamePlace(IReadOnlyList<ReportedPlace> reports, int minReports, double radiusMetres, int windowDays)
    {
        var located = reports.Where(r => r.Latitude is not null && r.Longitude is not null).OrderBy(r => r.ReportedAt).ThenBy(r => r.Id).ToList();
        var index = new NearbyIndex<ReportedPlace>(radiusMetres);
        foreach (var r in located)
        {
            index.Add(r.Latitude!.Value, r.Longitude!.Value, r);
        }

        var used = new HashSet<Guid>();
        var groups = new List<IReadOnlyList<ReportedPlace>>();
        var window = TimeSpan.FromDays(windowDays);
        foreach (var anchor in located)
        {
            if (used.Contains(anchor.Id))
            {
                continue;
            }

            var members = index.Near(anchor.Latitude!.Value, anchor.Longitude!.Value)
                .Where(r => !used.Contains(r.Id) && r.ReportedAt >= anchor.ReportedAt && r.ReportedAt - anchor.ReportedAt <= window)
                .OrderBy(r => r.ReportedAt).ThenBy(r => r.Id)
                .ToList();
            if (members.Count >= minReports)
            {
                used.UnionWith(members.Select(m => m.Id));
                groups.Add(members);
            }
        }

        return groups;
    }

    /// <summary>Reporter: at least <paramref name="minReports"/> reports by one account within the window (the reports given are the window).</summary>
    public static IReadOnlyList<(Guid ReporterUserId, IReadOnlyList<ReportedPlace> Reports)> SameReporter(IReadOnlyList<ReportedPlace> reports, int minReports) =>
        [.. reports.Where(r => r.ReporterUserId is not null)
            .GroupBy(r => r.ReporterUserId!.Value)
            .Where(g => g.Count() >= minReports)
            .Select(g => (g.Key, (IReadOnlyList<ReportedPlace>)[.. g.OrderBy(r => r.ReportedAt)]))];
}
