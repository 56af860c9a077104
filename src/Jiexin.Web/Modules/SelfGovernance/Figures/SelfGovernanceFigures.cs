using Jiexin.Data;
using Jiexin.Modules.SelfGovernance.Contracts;
using Jiexin.Modules.SelfGovernance.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.SelfGovernance.Figures;

/// <summary>
/// Counts per month in China time (UTC+8): the range is turned into UTC bounds in SQL, the month buckets are made in
/// memory from the few timestamps (a community holds a handful of meetings a month), so both providers agree.
/// </summary>
internal sealed class SelfGovernanceFigures(JiexinDbContext db) : ISelfGovernanceFigures
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public async Task<IReadOnlyList<DeliberationMonth>> DeliberationsByMonthAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var start = DateTime.SpecifyKind(from.ToDateTime(TimeOnly.MinValue) - ChinaOffset, DateTimeKind.Utc);
        var end = DateTime.SpecifyKind(to.ToDateTime(TimeOnly.MinValue) - ChinaOffset, DateTimeKind.Utc);
        var held = await db.Set<DeliberationMeeting>().AsNoTracking()
            .Where(m => m.Status == MeetingStatus.Held && m.HeldAt >= start && m.HeldAt < end)
            .Select(m => new { m.CommunityId, At = m.HeldAt!.Value }).ToListAsync(ct);
        var done = await db.Set<Resolution>().AsNoTracking()
            .Where(r => r.Status == ResolutionStatus.CarriedOut && r.CarriedOutAt >= start && r.CarriedOutAt < end)
            .Select(r => new { r.CommunityId, At = r.CarriedOutAt!.Value }).ToListAsync(ct);

        var keys = held.Select(h => (h.CommunityId, Month(h.At))).Concat(done.Select(d => (d.CommunityId, Month(d.At)))).Distinct();
        return [.. keys
            .Select(k => new DeliberationMonth(k.CommunityId, k.Item2.Year, k.Item2.Month,
                held.Count(h => h.CommunityId == k.CommunityId && Month(h.At) == k.Item2),
                done.Count(d => d.CommunityId == k.CommunityId && Month(d.At) == k.Item2)))
            .OrderBy(m => m.Year).ThenBy(m => m.Month).ThenBy(m => m.CommunityId)];
    }

    private static (int Year, int Month) Month(DateTime utc)
    {
        var china = utc + ChinaOffset;
        return (china.Year, china.Month);
    }
}
