using Jiexin.Data;
using Jiexin.Modules.ServiceLists.Contracts;
using Jiexin.Modules.ServiceLists.Domain;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.ServiceLists.Figures;

/// <summary>Counts per community from the list items of a month; one query, the counting in memory (a month is small).</summary>
internal sealed class ServiceListFigures(JiexinDbContext db, ITerritoryLookup territory, TimeProvider clock) : IServiceListFigures
{
    public async Task<IReadOnlyList<CommunityListFigures>> ForMonthAsync(string month, CancellationToken ct)
    {
        if (!ListRules.IsMonth(month))
        {
            throw new ArgumentException("月份格式应为 yyyy-MM。", nameof(month));
        }

        var first = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd");
        var fromUtc = ChinaTime.ToUtc(first.ToDateTime(TimeOnly.MinValue));
        var toUtc = ChinaTime.ToUtc(first.AddMonths(1).ToDateTime(TimeOnly.MinValue));
        var rows = await db.Set<ListItem>().AsNoTracking()
            .Where(i => i.Kind != ListKind.Resource && i.CommunityId != null
                        && (i.OpenedMonth == month || i.Month == month || (i.ClosedAt >= fromUtc && i.ClosedAt < toUtc)))
            .Select(i => new { CommunityId = i.CommunityId!.Value, i.OpenedMonth, i.Month, i.Status, i.ClosedAt, i.Deadline })
            .ToListAsync(ct);
        var today = ChinaTime.Today(clock);
        var endOfMonth = ListRules.LastDayOf(month);
        var asOf = today < endOfMonth ? today : endOfMonth;
        return [.. territory.Communities.Select(c =>
        {
            var mine = rows.Where(r => r.CommunityId == c.Id).ToList();
            var closed = mine.Where(r => r.ClosedAt >= fromUtc && r.ClosedAt < toUtc).ToList();
            return new CommunityListFigures(c.Id, c.Name,
                mine.Count(r => r.OpenedMonth == month),
                closed.Count,
                closed.Count(r => ListRules.ClosedOnTime(r.ClosedAt!.Value, r.Deadline)),
                mine.Count(r => r.Month == month && r.Status == ListItemStatus.Open && r.Deadline < asOf));
        })];
    }

    public async Task<IReadOnlyList<CommunityProjectFigures>> ProjectsForYearAsync(int year, CancellationToken ct)
    {
        var rows = await db.Set<SecretaryProject>().AsNoTracking().Where(p => p.Year == year && p.CommunityId != null)
            .Select(p => new { CommunityId = p.CommunityId!.Value, Done = p.Milestones.Count(m => m.DoneOn != null), Total = p.Milestones.Count })
            .ToListAsync(ct);
        return [.. territory.Communities.Select(c =>
        {
            var mine = rows.Where(r => r.CommunityId == c.Id).ToList();
            var average = mine.Count == 0 ? 0 : (int)Math.Round(mine.Average(r => (double)SecretaryProject.ProgressOf(r.Done, r.Total)), MidpointRounding.AwayFromZero);
            return new CommunityProjectFigures(c.Id, c.Name, mine.Count, average, mine.Sum(r => r.Done), mine.Sum(r => r.Total));
        })];
    }
}
