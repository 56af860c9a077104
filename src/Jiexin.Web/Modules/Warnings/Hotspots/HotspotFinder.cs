using Jiexin.Modules.Events.Contracts;
using Jiexin.Modules.Warnings.Rules;

namespace Jiexin.Modules.Warnings.Hotspots;

/// <summary>One hotspot (热点): open reports linked by similar words, nearness and time, with its heat index.</summary>
public sealed record Hotspot(
    Guid Id,
    string Title,
    IReadOnlyList<string> Keywords,
    double Heat,
    int ReportCount,
    int ReporterCount,
    double CenterLatitude,
    double CenterLongitude,
    double RadiusMetres,
    Guid? CommunityId,
    DateTime FirstReportedAt,
    DateTime LastReportedAt,
    IReadOnlyList<ReportedEvent> Reports);

/// <summary>
/// Groups open reports into hotspots. Two reports are linked when they are at most R metres and H hours apart and the
/// Jaccard similarity of their jieba word sets is at least S; a hotspot is a connected group (single linkage, union-find)
/// of at least N reports. Heat = 10 × Σ 2^(−ageᵢ / half-life) × (0.5 + 0.5 × distinct reporters / reports): a fresh
/// report counts 10, its weight halves every half-life, and reports from one person count half as much as from many.
/// </summary>
public static class HotspotFinder
{
    public static IReadOnlyList<Hotspot> Find(IReadOnlyList<ReportedEvent> reports, DateTime nowUtc, WarningsOptions o)
    {
        var located = reports.Where(r => r.IsOpen && r.Latitude is not null && r.Longitude is not null).OrderBy(r => r.ReportedAt).ThenBy(r => r.Id).ToList();
        var words = located.Select(r => WordTokens.OfEvent(r.Id, r.Description)).ToList();
        var index = new NearbyIndex<int>(o.HotspotRadiusMeters);
        for (var i = 0; i < located.Count; i++)
        {
            index.Add(located[i].Latitude!.Value, located[i].Longitude!.Value, i);
        }

        var parent = Enumerable.Range(0, located.Count).ToArray();
        int Root(int i)
        {
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }

            return i;
        }

        var maxApart = TimeSpan.FromHours(o.HotspotMaxHoursApart);
        for (var i = 0; i < located.Count; i++)
        {
            foreach (var j in index.Near(located[i].Latitude!.Value, located[i].Longitude!.Value))
            {
                if (j <= i || (located[j].ReportedAt - located[i].ReportedAt).Duration() > maxApart
                    || WordTokens.Jaccard(words[i], words[j]) < o.HotspotMinSimilarity)
                {
                    continue;
                }

                parent[Root(j)] = Root(i);
            }
        }

        return [.. Enumerable.Range(0, located.Count)
            .GroupBy(Root)
            .Where(g => g.Count() >= o.HotspotMinReports)
            .Select(g => Describe([.. g], located, words, nowUtc, o))
            .OrderByDescending(h => h.Heat)];
    }

    /// <summary>The heat index of a group of reports (see the class summary).</summary>
    public static double Heat(IReadOnlyList<ReportedEvent> reports, DateTime nowUtc, double halfLifeHours)
    {
        if (reports.Count == 0)
        {
            return 0;
        }

        var decayed = reports.Sum(r => Math.Pow(2, -Math.Max(0, (nowUtc - r.ReportedAt).TotalHours) / halfLifeHours));
        var reporters = DistinctReporters(reports);
        return Math.Round(10 * decayed * (0.5 + 0.5 * reporters / reports.Count), 1);
    }

    // Anonymous or staff-entered reports (no resident account) count as separate people.
    private static int DistinctReporters(IReadOnlyList<ReportedEvent> reports) =>
        reports.Where(r => r.ReporterUserId is not null).Select(r => r.ReporterUserId).Distinct().Count() + reports.Count(r => r.ReporterUserId is null);

    private static Hotspot Describe(List<int> members, List<ReportedEvent> located, List<HashSet<string>> words, DateTime nowUtc, WarningsOptions o)
    {
        var reports = members.Select(i => located[i]).OrderBy(r => r.ReportedAt).ThenBy(r => r.Id).ToList();
        // Keywords: the words most members share (ties by length, longer words say more).
        var keywords = members.SelectMany(i => words[i]).GroupBy(w => w)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key.Length).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(3).Select(g => g.Key).ToList();
        var lat = reports.Average(r => r.Latitude!.Value);
        var lng = reports.Average(r => r.Longitude!.Value);
        var radius = reports.Max(r => NearbyIndex<int>.DistanceMetres(lat, lng, r.Latitude!.Value, r.Longitude!.Value));
        var community = reports.Where(r => r.CommunityId is not null).GroupBy(r => r.CommunityId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        return new(reports[0].Id, string.Join("·", keywords), keywords, Heat(reports, nowUtc, o.HotspotHalfLifeHours), reports.Count, DistinctReporters(reports),
            lat, lng, Math.Round(radius), community, reports[0].ReportedAt, reports[^1].ReportedAt, reports);
    }
}
