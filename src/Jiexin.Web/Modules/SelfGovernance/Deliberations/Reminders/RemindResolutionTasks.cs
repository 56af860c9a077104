using Jiexin.Data;
using Jiexin.Modules.SelfGovernance.Domain;
using Jiexin.Platform.Calendar;
using Jiexin.Platform.Jobs;
using Jiexin.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.SelfGovernance.Deliberations.Reminders;

/// <summary>
/// Follow-through of 四方议事: the community whose resolution assigned a task is reminded once when the task falls due
/// (its due day or the day before, China calendar) and once when it is overdue, until it is closed. Task owners are
/// named people of the four parties, not accounts, so the reminder goes to the community's staff, who hold the loop.
/// Idempotent and safe with several instances: each reminder is claimed by one conditional UPDATE (task open, not yet
/// reminded), and only the instance whose UPDATE hit the row writes the outbox row, in the same transaction (the
/// outbox's unique dedupe key is a second guard).
/// </summary>
public static class RemindResolutionTasks
{
    public const int BatchSize = 200;
    public const string NotificationTopic = "deliberation";

    public enum Reminder { DueSoon, Overdue }

    public sealed class Handler(JiexinDbContext db)
    {
        /// <summary>Sends every reminder due as of <paramref name="nowUtc"/>; returns how many it sent.</summary>
        public async Task<int> Handle(DateTime nowUtc, CancellationToken ct)
        {
            var today = DateOnly.FromDateTime(ChinaTime.FromUtc(nowUtc));
            var tomorrow = today.AddDays(1);
            var sent = 0;
            var rounds = 0;
            while (rounds++ < 50)
            {
                var due = await (from t in db.Set<ResolutionTask>().AsNoTracking()
                                 join r in db.Set<Resolution>().AsNoTracking() on t.ResolutionId equals r.Id
                                 where t.State == TaskState.Open
                                       && ((t.DueOn < today && t.OverdueRemindedAt == null)
                                           || (t.DueOn >= today && t.DueOn <= tomorrow && t.DueSoonRemindedAt == null))
                                 orderby t.Id
                                 select new { t.Id, t.Title, t.OwnerName, t.DueOn, r.CommunityId, r.MeetingId })
                    .Take(BatchSize).ToListAsync(ct);
                if (due.Count == 0)
                {
                    return sent;
                }

                var batch = 0;
                await using (var tx = await db.Database.BeginTransactionAsync(ct))
                {
                    foreach (var task in due)
                    {
                        var reminder = task.DueOn < today ? Reminder.Overdue : Reminder.DueSoon;
                        var open = db.Set<ResolutionTask>().Where(t => t.Id == task.Id && t.State == TaskState.Open);
                        var hit = reminder == Reminder.Overdue
                            ? await open.Where(t => t.OverdueRemindedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.OverdueRemindedAt, nowUtc), ct)
                            : await open.Where(t => t.DueSoonRemindedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.DueSoonRemindedAt, nowUtc), ct);
                        if (hit != 1)
                        {
                            continue;
                        }

                        var title = reminder == Reminder.Overdue ? "议事决议任务已逾期" : "议事决议任务即将到期";
                        new NotificationMessage($"{title}：{task.Title}", $"责任人 {task.OwnerName}，完成时限 {task.DueOn:yyyy-MM-dd}。请督促落实并在议事会页面办结。",
                                NotificationKind.Deadline, [Audience.Unit(OrgUnitKind.Community, task.CommunityId)],
                                StaffLink: $"/deliberations/{task.MeetingId}", SubjectType: NotificationTopic, SubjectId: task.MeetingId)
                            .Enqueue(db, $"selfgov_task:{task.Id:N}:{reminder}", nowUtc);
                        batch++;
                    }

                    await db.SaveChangesAsync(ct);
                    await tx.CommitAsync(ct);
                }

                db.ChangeTracker.Clear();
                sent += batch;
                if (due.Count < BatchSize)
                {
                    return sent;
                }
            }

            return sent;
        }
    }
}

/// <summary>Runs <see cref="RemindResolutionTasks"/> on the job runner's tick; one indexed query when nothing is due.</summary>
public sealed class RemindResolutionTasksJob(RemindResolutionTasks.Handler handler, TimeProvider clock) : IRecurringJob
{
    public string Name => "selfgov-remind-resolution-tasks";

    public Task<int> RunOnceAsync(CancellationToken ct) => handler.Handle(clock.GetUtcNow().UtcDateTime, ct);
}
