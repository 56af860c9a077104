using Jiexin.Data;
using Jiexin.Modules.Events.Contracts;
using Jiexin.Modules.Events.Domain;
using Jiexin.Platform.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.AssessmentFigures;

/// <summary>
/// The raw counts behind 考核, per unit and period: every query is a range over an index bounded by the period —
/// timeline steps by (Action, At), summonses by SummonedAt, verdicts by RecordedAt, intake by (Status, CreatedAt) with
/// every status listed, open overdue work by DueAt — and groups in the database, except the response pairing
/// (派单 → 签收), which needs the working calendar and is done over one month's dispatches in memory.
/// </summary>
public sealed class EventAssessmentSource(JiexinDbContext db, IWorkingCalendar calendar) : IAssessmentSource
{
    private const string Dispatch = nameof(EventAction.Dispatch);
    private const string Accept = nameof(EventAction.Accept);
    private const string Return = nameof(EventAction.Return);
    private const string Handle = nameof(EventAction.Handle);
    private const string Close = nameof(EventAction.Close);

    /// <summary>How long after the period a response to one of its dispatches is still looked for.</summary>
    private static readonly TimeSpan ResponseHorizon = TimeSpan.FromDays(31);

    private static readonly EventStatus[] AllStatuses = Enum.GetValues<EventStatus>();

    /// <summary>States in which the holder still owes the handling (挂起 stops the clock, so it is not here).</summary>
    private static readonly EventStatus[] Unhandled =
        [EventStatus.Dispatched, EventStatus.Accepted, EventStatus.ExtensionRequested, EventStatus.Summoned];

    public async Task<IReadOnlyList<AssessmentUnitCounts>> CountAsync(AssessmentPeriod period, CancellationToken ct)
    {
        var (from, to, now) = (period.FromUtc, period.ToUtc, period.NowUtc);
        var units = new Dictionary<(OrgUnitKind, Guid), AssessmentUnitCounts>();
        AssessmentUnitCounts Unit(OrgUnitKind kind, Guid id)
        {
            if (!units.TryGetValue((kind, id), out var u))
            {
                u = new AssessmentUnitCounts { Kind = kind, Id = id };
                units[(kind, id)] = u;
            }

            return u;
        }

        var timeline = db.Set<EventTimelineEntry>().AsNoTracking();
        var events = db.Set<Event>().AsNoTracking();

        // 退单 and 办结反馈 per unit, with on-time handling against the deadline in force at the step.
        var steps = await timeline
            .Where(t => (t.Action == Return || t.Action == Handle) && t.At >= from && t.At < to && t.UnitId != null)
            .GroupBy(t => new { t.Action, t.UnitKind, t.UnitId })
            .Select(g => new { g.Key.Action, g.Key.UnitKind, g.Key.UnitId, Count = g.Count(), OnTime = g.Count(t => t.DueAt == null || t.At <= t.DueAt) })
            .ToListAsync(ct);
        foreach (var s in steps.Where(s => s.UnitKind is not null))
        {
            var u = Unit(s.UnitKind!.Value, s.UnitId!.Value);
            if (s.Action == Return)
            {
                u.Returned += s.Count;
            }
            else
            {
                u.Handled += s.Count;
                u.HandledOnTime += s.OnTime;
            }
        }

        await CountResponsesAsync(period, Unit, ct);

        // Work still held unhandled whose deadline fell in the period and is past.
        var overdueUntil = now < to ? now : to;
        var overdue = await events
            .Where(e => e.DueAt >= from && e.DueAt < overdueUntil && e.AssigneeId != null && EF.Constant(Unhandled).Contains(e.Status))
            .GroupBy(e => new { e.AssigneeKind, e.AssigneeId })
            .Select(g => new { g.Key.AssigneeKind, g.Key.AssigneeId, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var o in overdue.Where(o => o.AssigneeKind is not null))
        {
            Unit(o.AssigneeKind!.Value, o.AssigneeId!.Value).OpenOverdue += o.Count;
        }

        // 报到: summonses of the period whose check-in is decided (done, or its deadline passed); a round replaced before
        // anyone checked in is nobody's fault.
        var checkIns = await db.Set<EventSummons>().AsNoTracking()
            .Where(s => s.SummonedAt >= from && s.SummonedAt < to && (s.CheckedInAt != null || (s.CheckInDueAt <= now && !s.Superseded)))
            .GroupBy(s => s.DepartmentId)
            .Select(g => new { DepartmentId = g.Key, Count = g.Count(), OnTime = g.Count(s => s.CheckedInAt != null && !s.IsLate) })
            .ToListAsync(ct);
        foreach (var c in checkIns)
        {
            var u = Unit(OrgUnitKind.Department, c.DepartmentId);
            u.Summoned += c.Count;
            u.CheckedInOnTime += c.OnTime;
        }

        // 评价 / 未评价 recorded in the period, for the unit that held the event when it closed.
        var feedback = await db.Set<EventFeedback>().AsNoTracking()
            .Where(f => f.RecordedAt >= from && f.RecordedAt < to && f.AssigneeId != null)
            .GroupBy(f => new { f.AssigneeKind, f.AssigneeId })
            .Select(g => new
            {
                g.Key.AssigneeKind,
                g.Key.AssigneeId,
                Count = g.Count(),
                Rated = g.Count(f => f.Kind == FeedbackKind.Rated),
                Satisfied = g.Count(f => f.Kind == FeedbackKind.Rated && f.Rating >= 4),
            })
            .ToListAsync(ct);
        foreach (var f in feedback.Where(f => f.AssigneeKind is not null))
        {
            var u = Unit(f.AssigneeKind!.Value, f.AssigneeId!.Value);
            u.FeedbackDue += f.Count;
            u.Rated += f.Rated;
            u.Satisfied += f.Satisfied;
        }

        // 源头发现: intake per grid; every status listed so the (Status, CreatedAt) index serves the range.
        var intake = await events
            .Where(e => EF.Constant(AllStatuses).Contains(e.Status) && e.CreatedAt >= from && e.CreatedAt < to && e.GridId != null)
            .GroupBy(e => e.GridId)
            .Select(g => new { GridId = g.Key, Count = g.Count(), Patrol = g.Count(e => e.Channel == EventChannel.Patrol) })
            .ToListAsync(ct);
        foreach (var i in intake)
        {
            var u = Unit(OrgUnitKind.Grid, i.GridId!.Value);
            u.Reported += i.Count;
            u.Discovered += i.Patrol;
        }

        // 销号 in the period per grid, by the tier that held the event when it closed.
        var closings = await timeline
            .Where(t => t.Action == Close && t.At >= from && t.At < to)
            .Join(events, t => t.EventId, e => e.Id, (t, e) => new { e.GridId, t.UnitKind })
            .Where(x => x.GridId != null)
            .GroupBy(x => new { x.GridId, x.UnitKind })
            .Select(g => new { g.Key.GridId, g.Key.UnitKind, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var c in closings)
        {
            var u = Unit(OrgUnitKind.Grid, c.GridId!.Value);
            u.Closed += c.Count;
            if (c.UnitKind == OrgUnitKind.Grid)
            {
                u.ClosedAtGrid += c.Count;
            }
            else if (c.UnitKind == OrgUnitKind.Community)
            {
                u.ClosedAtCommunity += c.Count;
            }
        }

        return [.. units.Values];
    }

    /// <summary>
    /// 签收及时: each 派单 of the period paired with the next step on the event that answers it — 签收 or 退单 by the
    /// same unit, or a new 派单 (the dispatcher took it back). Accepted within the working-time window counts in time;
    /// no answer by the end of the window counts late; a dispatch still inside its window, or taken back before the
    /// window ended, is not counted.
    /// </summary>
    private async Task CountResponsesAsync(AssessmentPeriod period, Func<OrgUnitKind, Guid, AssessmentUnitCounts> unit, CancellationToken ct)
    {
        var (from, to, now) = (period.FromUtc, period.ToUtc, period.NowUtc);
        var timeline = db.Set<EventTimelineEntry>().AsNoTracking();
        var dispatches = await timeline
            .Where(t => t.Action == Dispatch && t.At >= from && t.At < to && t.UnitId != null)
            .Select(t => new { t.EventId, t.At, t.UnitKind, t.UnitId })
            .ToListAsync(ct);
        if (dispatches.Count == 0)
        {
            return;
        }

        var horizon = to + ResponseHorizon;
        var answers = (await timeline
                .Where(t => (t.Action == Accept || t.Action == Return || t.Action == Dispatch) && t.At >= from && t.At < horizon)
                .Select(t => new { t.EventId, t.At, t.Action, t.UnitId })
                .ToListAsync(ct))
            .GroupBy(t => t.EventId)
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.At).ToList());

        foreach (var d in dispatches.Where(d => d.UnitKind is not null))
        {
            var due = calendar.AddWorkingTime(d.At, period.ResponseWindow);
            var answer = answers.GetValueOrDefault(d.EventId)?.FirstOrDefault(a => a.At > d.At || (a.At == d.At && a.Action != Dispatch));
            bool? inTime = answer switch
            {
                { Action: Accept } a when a.UnitId == d.UnitId => a.At <= due,
                { Action: Return } a when a.UnitId == d.UnitId => false,
                { } a when a.At <= due => null, // taken back (re-dispatched) inside the window
                _ when now > due => false,
                _ => null, // still inside the window
            };
            if (inTime is { } counted)
            {
                var u = unit(d.UnitKind!.Value, d.UnitId!.Value);
                u.Dispatched++;
                if (counted)
                {
                    u.AcceptedInTime++;
                }
            }
        }
    }
}
