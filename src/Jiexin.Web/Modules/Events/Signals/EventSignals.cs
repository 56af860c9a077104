using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Contracts;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.Shared;
using Jiexin.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.Signals;

/// <summary>
/// <see cref="IEventSignals"/> over the events table. Every read is bounded: a report-time window through the
/// (Status, CreatedAt) index (all statuses listed, so both providers range-scan each), or open work by deadline.
/// </summary>
internal sealed class EventSignals(JiexinDbContext db) : IEventSignals
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
    private static readonly EventStatus[] AllStatuses = Enum.GetValues<EventStatus>();
    private static readonly EventStatus[] OpenStatuses = [.. EventWorkflow.Open];

    public async Task<IReadOnlyList<DailyCategoryCount>> CountDailyAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        // One query per China date, each a range of the (Status, CreatedAt) index counted per (community, 小类) in SQL and
        // folded into 大类 here. Grouping by hour in one query instead (as this did) made SQLite evaluate four
        // strftime calls per row, and it ran every minute over four weeks of reports.
        var result = new List<DailyCategoryCount>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - ChinaOffset;
            var end = start.AddDays(1);
            var rows = await db.Set<Event>().AsNoTracking()
                .Where(e => Enumerable.Contains(AllStatuses, e.Status) && e.CreatedAt >= start && e.CreatedAt < end && e.CommunityId != null)
                .GroupBy(e => new { e.CommunityId, e.CategoryCode })
                .Select(g => new { g.Key.CommunityId, g.Key.CategoryCode, Count = g.Count() })
                .ToListAsync(ct);
            result.AddRange(rows
                .GroupBy(r => (Community: r.CommunityId!.Value, Group: GroupOf(r.CategoryCode)))
                .Select(g => new DailyCategoryCount(g.Key.Community, g.Key.Group, day, g.Sum(x => x.Count))));
        }

        return result;
    }

    public async Task<IReadOnlyList<ReportedEvent>> ListOpenReportedSinceAsync(DateTime sinceUtc, int max, CancellationToken ct) =>
        await Project(db.Set<Event>().AsNoTracking()
                .Where(e => Enumerable.Contains(OpenStatuses, e.Status) && e.CreatedAt >= sinceUtc)
                .OrderByDescending(e => e.CreatedAt)
                .Take(max))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<ReportedPlace>> ListPlacedSinceAsync(DateTime sinceUtc, int max, CancellationToken ct) =>
        await db.Set<Event>().AsNoTracking()
            .Where(e => Enumerable.Contains(AllStatuses, e.Status) && e.CreatedAt >= sinceUtc)
            .OrderByDescending(e => e.CreatedAt)
            .Take(max)
            .Select(e => new ReportedPlace(e.Id, e.TrackingCode, e.Latitude, e.Longitude, e.Address, e.CommunityId, e.GridId, e.ReporterUserId, e.CreatedAt))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<ReportedEvent>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToArray();
        return await Project(db.Set<Event>().AsNoTracking().Where(e => Enumerable.Contains(list, e.Id))).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<OverdueCount>> CountOverdueAsync(DateTime nowUtc, int minCount, CancellationToken ct)
    {
        var overdue = await db.Set<Event>().AsNoTracking()
            .Where(e => e.DueAt != null && e.DueAt < nowUtc && Enumerable.Contains(OpenStatuses, e.Status))
            .Select(e => new { e.Id, e.GridId, e.AssigneeKind, e.AssigneeId })
            .ToListAsync(ct);
        var byGrid = overdue.Where(e => e.GridId is not null).GroupBy(e => e.GridId!.Value)
            .Select(g => new OverdueCount(OrgUnitKind.Grid, g.Key, g.Count(), [.. g.Select(x => x.Id)]));
        var byDepartment = overdue.Where(e => e.AssigneeKind == OrgUnitKind.Department && e.AssigneeId is not null).GroupBy(e => e.AssigneeId!.Value)
            .Select(g => new OverdueCount(OrgUnitKind.Department, g.Key, g.Count(), [.. g.Select(x => x.Id)]));
        return [.. byGrid.Concat(byDepartment).Where(c => c.Count >= minCount)];
    }

    internal static string GroupOf(string? categoryCode) => categoryCode is { Length: >= 2 } code ? code[..2] : "";

    private static IQueryable<ReportedEvent> Project(IQueryable<Event> events) =>
        events.Select(e => new ReportedEvent(e.Id, e.TrackingCode, e.Description, e.Latitude, e.Longitude, e.Address, e.CommunityId, e.GridId,
            e.ReporterUserId, e.CategoryCode, e.CategoryName, e.CreatedAt,
            e.Status != EventStatus.Closed && e.Status != EventStatus.Merged && e.Status != EventStatus.Rejected, e.Version));
}

/// <summary><see cref="IEventCoordination"/>: each other report goes through the one action path (<see cref="ActOnEvent.ActOnEvent.Handler"/>, 合并).</summary>
internal sealed class EventCoordination(JiexinDbContext db, EventAccess access, ActOnEvent.ActOnEvent.Handler act, IEventLinks links, TimeProvider clock)
    : IEventCoordination
{
    public async Task<CoordinationResult?> MergeIntoAsync(Guid primaryEventId, IReadOnlyList<Guid> others, string note, ClaimsPrincipal user, CancellationToken ct)
    {
        var primary = await db.Set<Event>().AsNoTracking().Include(x => x.Summons).SingleOrDefaultAsync(x => x.Id == primaryEventId, ct);
        if (primary is null || !EventWorkflow.Open.Contains(primary.Status) || !await access.CanSeeAsync(user, primary))
        {
            return null;
        }

        var merged = new List<Guid>();
        var refused = new Dictionary<Guid, string>();
        foreach (var id in others.Distinct().Where(x => x != primaryEventId))
        {
            var version = await db.Set<Event>().AsNoTracking().Where(x => x.Id == id).Select(x => (int?)x.Version).SingleOrDefaultAsync(ct);
            if (version is null)
            {
                refused[id] = "未找到该事件。";
                continue;
            }

            var outcome = await act.Handle(id, nameof(EventAction.Merge),
                new ActOnEvent.ActOnEvent.Request(version, note, null, null, primaryEventId, null, null, null), user, ct);
            if (outcome.Status == ActOnEvent.ActOnEvent.Status.Done)
            {
                merged.Add(id);
            }
            else
            {
                refused[id] = outcome.Message ?? "不能合并。";
            }

            db.ChangeTracker.Clear();
        }

        if (merged.Count > 0)
        {
            await links.NoteLinkAsync(primaryEventId, "Coordinate", $"{note}（合并 {merged.Count} 件同类诉求）", user.GetUserId(),
                user.FindFirst(Platform.Auth.JiexinClaims.DisplayName)?.Value ?? "", clock.GetUtcNow().UtcDateTime, ct);
            await db.SaveChangesAsync(ct);
        }

        return new(primary.Id, primary.TrackingCode, merged, refused);
    }
}
