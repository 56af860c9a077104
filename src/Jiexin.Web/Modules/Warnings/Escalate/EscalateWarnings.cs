using Jiexin.Data;
using Jiexin.Modules.Warnings.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Jobs;
using Jiexin.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Warnings.Escalate;

/// <summary>
/// 逾期升级: an alert unanswered at its response deadline is escalated once (村社区 → 街道指挥中心): marked with the moment
/// and announced to the command centre and the leaders, in one save against the alert's version — of two instances
/// racing, one wins and the other's save is refused, so it is escalated (and announced) once.
/// </summary>
public static class EscalateWarnings
{
    public sealed class Handler(JiexinDbContext db, IOrgDirectory orgs, TimeProvider clock, ILogger<Handler> log)
    {
        public async Task<int> Handle(CancellationToken ct)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var due = await db.Set<Warning>().AsNoTracking()
                .Where(w => w.ResponseDueAt != null && w.ResponseDueAt <= now && w.RespondedAt == null && w.EscalatedAt == null && w.Status != WarningStatus.Closed)
                .OrderBy(w => w.ResponseDueAt).Take(500)
                .ToListAsync(ct);
            var escalated = 0;
            foreach (var w in due)
            {
                db.Attach(w);
                w.EscalatedAt = now;
                var where = w.CommunityId is { } c ? orgs.Describe(new OrgUnitRef(OrgUnitKind.Community, c)) : "";
                List<string> audiences = [Audience.Role(Roles.Commander), Audience.Role(Roles.Leader)];
                if (w.CommunityId is { } community)
                {
                    audiences.Add(Audience.Unit(OrgUnitKind.Community, community));
                }

                new NotificationMessage($"预警逾期未响应，已升级：{w.Title}",
                        $"{where}应于 {w.ResponseDueAt!.Value.AddHours(8):M月d日 HH:mm} 前响应，至今未响应，已报街道指挥中心督办。",
                        NotificationKind.Supervision, audiences, NotificationChannels.InApp | NotificationChannels.Sms,
                        StaffLink: "/warnings", SubjectType: Evaluate.EvaluateWarnings.NotificationTopic, SubjectId: w.Id)
                    .Enqueue(db, $"warning_escalated:{w.Id:N}", now);
                try
                {
                    await db.SaveChangesAsync(ct);
                    escalated++;
                }
                catch (DbUpdateException)
                {
                    // Responded to, closed or escalated by someone else a moment ago: their change stands.
                    log.LogDebug("Warning {Id} changed while being escalated", w.Id);
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            }

            return escalated;
        }
    }

    public sealed class Job(Handler handler) : IRecurringJob
    {
        public string Name => "warnings-escalation";

        public Task<int> RunOnceAsync(CancellationToken ct) => handler.Handle(ct);
    }
}
