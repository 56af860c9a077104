using Jiexin.Data;
using Jiexin.Modules.SelfGovernance.Domain;
using Jiexin.Platform.Calendar;
using Jiexin.Platform.Jobs;
using Jiexin.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.SelfGovernance.HouseholdGroups;

/// <summary>
/// 联户 tasks are reminded like resolution tasks (<see cref="Deliberations.Reminders.RemindResolutionTasks"/>): once when a
/// task falls due (its due day or the day before, China calendar) and once when it is overdue, until it is closed. The
/// reminder goes to the community's staff, and to the 联户长 too when the leader has an account. Safe with several
/// instances: each reminder is claimed by one conditional UPDATE (task open, not yet reminded) and only the instance whose
/// UPDATE hit the row writes the outbox row, in the same transaction; the outbox's unique dedupe key is a second guard.
/// </summary>
public static class RemindGroupTasks
{
    public const int BatchSize = 200;
    public const string NotificationTopic = "household-group";

    public enum Reminder { DueSoon, Overdue }

    public static string DedupeKey(Guid taskId, Reminder reminder) => $"selfgov_group_task:{taskId:N}:{reminder}";

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
                var due = await (from t in db.Set<GroupTask>().AsNoTracking()
                                 join g in db.Set<HouseholdGroup>().AsNoTracking() on t.GroupId equals g.Id
                                 where t.State == TaskState.Open
                                       && ((t.DueOn < today && t.OverdueRemindedAt == null)
                                           || (t.DueOn >= today && t.DueOn <= tomorrow && t.DueSoonRemindedAt == null))
                                 orderby t.Id
                                 select new { t.Id, t.Title, t.DueOn, GroupId = g.Id, GroupName = g.Name, g.LeaderName, g.LeaderUserId, g.CommunityId })
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
                        var open = db.Set<GroupTask>().Where(t => t.Id == task.Id && t.State == TaskState.Open);
                        var hit = reminder == Reminder.Overdue
                            ? await open.Where(t => t.OverdueRemindedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.OverdueRemindedAt, nowUtc), ct)
                            : await open.Where(t => t.DueSoonRemindedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.DueSoonRemindedAt, nowUtc), ct);
                        if (hit != 1)
                        {
                            continue;
                        }

                        List<string> audiences = [Audience.Unit(OrgUnitKind.Community, task.CommunityId)];
                        if (task.LeaderUserId is { } leader)
                        {
                            audiences.Add(Audience.User(leader));
                        }

                        var title = reminder == Reminder.Overdue ? "联户任务已逾期" : "联户任务即将到期";
                        new NotificationMessage($"{title}：{task.Title}", $"{task.GroupName}（联户长 {task.LeaderName}），完成时限 {task.DueOn:yyyy-MM-dd}。请督促落实并在联组页面办结。",
                                NotificationKind.Deadline, audiences,
                                StaffLink: $"/household-groups/{task.GroupId}", SubjectType: NotificationTopic, SubjectId: task.GroupId)
                            .Enqueue(db, DedupeKey(task.Id, reminder), nowUtc);
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

/// <summary>Runs <see cref="RemindGroupTasks"/> on the job runner's tick; one query when nothing is due.</summary>
public sealed class RemindGroupTasksJob(RemindGroupTasks.Handler handler, TimeProvider clock) : IRecurringJob
{
    public string Name => "selfgov-remind-group-tasks";

    public Task<int> RunOnceAsync(CancellationToken ct) => handler.Handle(clock.GetUtcNow().UtcDateTime, ct);
}
