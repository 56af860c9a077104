using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Platform.Jobs;
using Jiexin.Platform.Notifications.Live;
using Jiexin.Platform.Notifications.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiexin.Modules.Events.Deadlines;

/// <summary>
/// 黄牌/红牌: marks events whose deadline is near (<see cref="Event.WarnAt"/> passed) or passed (<see cref="Event.DueAt"/>),
/// each once per deadline, with a timeline entry (and so, through the outbox, a notification) per mark.
/// <para>
/// Exactly once with several app instances on one database: in one transaction, one conditional UPDATE claims the
/// rows (<c>SET Warning = level, WarningClaim = run WHERE Warning &lt; level AND DueAt &lt; now …</c>), then the run
/// writes the timeline entries of the rows it claimed and commits. A second instance's UPDATE waits for the first
/// transaction's row locks (PostgreSQL) or the write lock (SQLite), then finds the condition false: it claims nothing.
/// A crash before the commit rolls the claim back with the entries, so nothing is lost either.
/// </para>
/// </summary>
public sealed class MarkDeadlineWarningsJob(
    JiexinDbContext db,
    IOptions<DeadlineOptions> options,
    OutboxSignal outbox,
    LiveUpdates live,
    TimeProvider clock,
    IEnumerable<Contracts.IEventFiguresObserver> figures) : IRecurringJob
{
    public const string DueSoonAction = "DueSoon";
    public const string OverdueAction = "Overdue";

    /// <summary>States in which the assignee's clock runs (not suspended, not waiting for verification, not finished).</summary>
    public static readonly IReadOnlyList<EventStatus> ClockRunning =
    [
        EventStatus.Reported, EventStatus.Triaged, EventStatus.Dispatched, EventStatus.Accepted,
        EventStatus.Returned, EventStatus.ExtensionRequested, EventStatus.Reopened,
    ];

    public string Name => "deadline-warnings";

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Overdue first: an event that went past its deadline unnoticed gets the red card only.
        var marked = await MarkAsync(DeadlineWarning.Overdue, now, ct);
        marked += await MarkAsync(DeadlineWarning.DueSoon, now, ct);
        return marked;
    }

    private IQueryable<Event> Due(DeadlineWarning level, DateTime now)
    {
        var running = ClockRunning.ToArray();
        var events = db.Set<Event>().Where(e => e.Warning < level && e.DueAt != null && Enumerable.Contains(running, e.Status));
        return level == DeadlineWarning.Overdue
            ? events.Where(e => e.DueAt < now)
            : events.Where(e => e.WarnAt != null && e.WarnAt <= now && e.DueAt >= now);
    }

    private async Task<int> MarkAsync(DeadlineWarning level, DateTime now, CancellationToken ct)
    {
        // Found outside the transaction: on SQLite a transaction that reads first cannot upgrade to write once another
        // writer has committed. The claim below re-checks everything anyway.
        var candidates = await Due(level, now).AsNoTracking().OrderBy(e => e.DueAt).Take(options.Value.BatchSize).Select(e => e.Id).ToListAsync(ct);
        if (candidates.Count == 0)
        {
            return 0;
        }

        var run = Guid.CreateVersion7(now);
        List<Guid> changed;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var claimed = await Due(level, now)
                .Where(e => candidates.Contains(e.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Warning, level).SetProperty(e => e.WarningClaim, run), ct);
            if (claimed == 0)
            {
                return 0;
            }

            var events = await db.Set<Event>().Where(e => e.WarningClaim == run).ToListAsync(ct);
            foreach (var e in events)
            {
                db.Add(new EventTimelineEntry
                {
                    Id = Guid.CreateVersion7(now),
                    EventId = e.Id,
                    At = now,
                    Action = level == DeadlineWarning.Overdue ? OverdueAction : DueSoonAction,
                    FromStatus = e.Status,
                    ToStatus = e.Status,
                    ActorName = "系统",
                    Note = level == DeadlineWarning.Overdue
                        ? $"红牌：已超过办理期限（{Shared.ChinaTime.Format(e.DueAt!.Value)}）。"
                        : $"黄牌：临近办理期限（{Shared.ChinaTime.Format(e.DueAt!.Value)}）。",
                });
            }

            // The claim's UPDATE bypassed the change tracker: tell the figures (红牌 counts as overdue) in this transaction.
            if (level == DeadlineWarning.Overdue)
            {
                var changes = events
                    .Select(e => new Contracts.EventFiguresChange(
                        Figures.EventFiguresOf.Of(e.CreatedAt, e.CommunityId, e.GridId, e.AssigneeKind, e.AssigneeId, e.CategoryCode, e.Status, DeadlineWarning.None, e.ClosedAt, e.UpdatedAt, e.ResolvedTier),
                        Figures.EventFiguresOf.Of(e)))
                    .Where(c => c.Before != c.After)
                    .ToList();
                foreach (var observer in figures)
                {
                    observer.OnChanged(db, changes);
                }
            }

            // The timeline entries' notifications are written into the outbox by this same SaveChanges.
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            changed = [.. events.Select(e => e.Id)];
        }

        outbox.Wake();
        foreach (var id in changed)
        {
            live.PublishChanged(new LiveChange(Notifications.EventNotifications.Topic, id));
        }

        return changed.Count;
    }
}
