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
        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - ChinaOffset;
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - ChinaOffset;
        // Counted per (community, 小类, hour) in SQL — a few thousand rows for four weeks of a busy street — and
        // folded into China dates and 大类 here, which keeps the SQL the same on both providers.
        var rows = await db.Set<Event>().AsNoTracking()
            .Where(e => Enumerable.Contains(AllStatuses, e.Status) && e.CreatedAt >= start && e.CreatedAt < end && e.CommunityId != null)
            .GroupBy(e => new { e.CommunityId, e.CategoryCode, e.CreatedAt.Year, e.CreatedAt.Month, e.CreatedAt.Day, e.CreatedAt.Hour })
            .Select(g => new { g.Key.CommunityId, g.Key.CategoryCode, g.Key.Year, g.Key.Month, g.Key.Day, g.Key.Hour, Count = g.Count() })
            .ToListAsync(ct);
        return rows
            .Select(r => new
            {
                Community = r.CommunityId!.Value,
                Group = GroupOf(r.CategoryCode),
                Day = DateOnly.FromDateTime(new DateTime(r.Year, r.Month, r.Day, r.Hour, 0, 0, DateTimeKind.Utc) + ChinaOffset),
                r.Count,
            })
            .GroupBy(r => (r.Community, r.Group, r.Day))
            .Select(g => new DailyCategoryCount(g.Key.Community, g.Key.Group, g.Key.Day, g.Sum(x => x.Count)))
            .ToList();
    }

    public async Task<IReadOnlyList<ReportedEvent>> ListReportedSinceAsync(DateTime sinceUtc, bool openOnly, int max, CancellationToken ct)
    {
        var statuses = openOnly ? OpenStatuses : AllStatuses;
        return await Project(db.Set<Event>().AsNoTracking()
                .Where(e => Enumerable.Contains(statuses, e.Status) && e.CreatedAt >= sinceUtc)
                .OrderByDescending(e => e.CreatedAt)
                .Take(max))
            .ToListAsync(ct);
    }

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
