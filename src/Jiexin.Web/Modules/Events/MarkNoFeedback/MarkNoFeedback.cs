using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.MarkNoFeedback;

/// <summary>
/// Records "no feedback" (未评价) for every closing a resident reporter left unrated for
/// <see cref="EventFeedback.Window"/> (7 days) — never counted as satisfied. Meant for a background job: idempotent
/// (a closing that already has a verdict is skipped, and the unique (event, closing) index stops a racing second
/// instance), re-runnable, and given the time to judge by.
/// </summary>
public static class MarkNoFeedback
{
    public const int BatchSize = 200;

    /// <summary>The timeline action of a lapsed rating (not an <see cref="EventAction"/>: no one takes it).</summary>
    public const string TimelineAction = "NoFeedback";

    public sealed class Handler(JiexinDbContext db)
    {
        /// <summary>Marks every overdue closing as of <paramref name="now"/> (UTC); returns how many it marked.</summary>
        public async Task<int> Handle(DateTime now, CancellationToken ct)
        {
            var marked = 0;
            var conflicts = 0;
            while (true)
            {
                var (batch, conflicted) = await MarkBatchAsync(now, ct);
                marked += batch;
                if (conflicted ? ++conflicts > 3 : batch < BatchSize)
                {
                    return marked;
                }
            }
        }

        private async Task<(int Marked, bool Conflicted)> MarkBatchAsync(DateTime now, CancellationToken ct)
        {
            var cutoff = now - EventFeedback.Window;
            var due = await db.Set<Event>().AsNoTracking()
                .Where(e => e.Status == EventStatus.Closed && e.ReporterUserId != null && e.ClosedAt != null && e.ClosedAt <= cutoff
                            && !e.Feedback.Any(f => f.ClosedAt == e.ClosedAt))
                .OrderBy(e => e.ClosedAt)
                .Take(BatchSize)
                .Select(e => new { e.Id, ClosedAt = e.ClosedAt!.Value, e.AssigneeKind, e.AssigneeId })
                .ToListAsync(ct);
            foreach (var e in due)
            {
                db.Add(new EventFeedback
                {
                    Id = Guid.CreateVersion7(now),
                    EventId = e.Id,
                    ClosedAt = e.ClosedAt,
                    Kind = FeedbackKind.NoFeedback,
                    RecordedAt = now,
                    AssigneeKind = e.AssigneeKind,
                    AssigneeId = e.AssigneeId,
                });
                db.Add(new EventTimelineEntry
                {
                    Id = Guid.CreateVersion7(now),
                    EventId = e.Id,
                    At = now,
                    Action = TimelineAction,
                    FromStatus = EventStatus.Closed,
                    ToStatus = EventStatus.Closed,
                    ActorName = "系统",
                    Note = "办结 7 天内未评价，记为“未评价”。",
                });
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another instance marked some of these first; the next query no longer finds them.
                db.ChangeTracker.Clear();
                return (0, true);
            }

            db.ChangeTracker.Clear();
            return (due.Count, false);
        }
    }
}
