using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Disputes.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Notifications;
using Jiexin.Platform.Notifications.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Jiexin.Modules.Disputes.Notifications;

/// <summary>Who hears of which step of a dispute: one row per timeline action (nobody is told of their own action).</summary>
public static class DisputeNotifications
{
    public const string Topic = "dispute";

    [Flags]
    public enum Concerned
    {
        None = 0,
        Commanders = 1,
        Receiver = 2,
        Parties = 4,
    }

    public sealed record Rule(Concerned Who, string StaffTitle, string? PartyTitle = null, bool Urgent = false);

    public static readonly IReadOnlyDictionary<string, Rule> Rules = new Dictionary<string, Rule>(StringComparer.Ordinal)
    {
        [DisputeDto.RegisterAction] = new(Concerned.Commanders | Concerned.Parties, "新纠纷待分流", "您的纠纷已受理"),
        [nameof(DisputeAction.Route)] = new(Concerned.Receiver | Concerned.Parties, "新纠纷分流，请接收", "您的纠纷已安排调解", Urgent: true),
        [nameof(DisputeAction.Decline)] = new(Concerned.Commanders, "纠纷被退回，请重新分流"),
        [nameof(DisputeAction.ScheduleSession)] = new(Concerned.Parties, "已安排调解", "您的纠纷已安排调解会"),
        [nameof(DisputeAction.Sign)] = new(Concerned.Parties, "调解协议已签署", "调解协议已签署，纠纷结案"),
        [nameof(DisputeAction.Fail)] = new(Concerned.Parties | Concerned.Commanders, "调解不成", "调解未成，请按引导途径维护权益"),
        [nameof(DisputeAction.Refer)] = new(Concerned.Commanders | Concerned.Parties, "纠纷已移交五调联动", "您的纠纷已移交相关单位调处"),
        [nameof(DisputeAction.RecordReferralResult)] = new(Concerned.Commanders | Concerned.Parties, "五调联动结果已登记", "您的纠纷有办理结果"),
        [nameof(DisputeAction.Withdraw)] = new(Concerned.Parties, "纠纷已撤回", "您的纠纷已撤回"),
        [nameof(DisputeAction.Reject)] = new(Concerned.Parties, "纠纷不予受理", "您的纠纷不予受理"),
        [Evidence.DisputeEvidence.AddEvidenceAction] = new(Concerned.Receiver, "纠纷补充了证据材料"),
    };

    /// <summary>The messages a new timeline step produces (staff and parties); none for a step the table does not list.</summary>
    public static IEnumerable<NotificationMessage> For(Dispute d, DisputeTimelineEntry step, Guid? roomLead)
    {
        if (!Rules.TryGetValue(step.Action, out var rule))
        {
            yield break;
        }

        var link = $"/disputes/{d.Id}";
        var summary = d.Description.Length > 40 ? d.Description[..40] + "…" : d.Description;
        var body = step.Note is { Length: > 0 } note ? $"{summary}｜{note}" : summary;
        var audiences = new List<string>();
        var title = rule.StaffTitle;
        var urgent = rule.Urgent;
        var kind = NotificationKind.Todo;
        if (rule.Who.HasFlag(Concerned.Commanders))
        {
            audiences.Add(Audience.Role(Roles.Commander));
        }

        // 排查预警: a group dispute or an orange/red risk at intake reaches the command centre as a warning, by SMS too.
        if (step.Action == DisputeDto.RegisterAction && (d.IsGroup || d.Risk >= RiskLevel.Orange))
        {
            title = $"矛盾纠纷预警（{DisputeRules.RiskName(d.Risk == RiskLevel.None ? RiskLevel.Yellow : d.Risk)}{(d.IsGroup ? "，群体性" : "")}）";
            urgent = true;
            kind = NotificationKind.Supervision;
            audiences.Add(Audience.Role(Roles.Leader));
        }

        if (rule.Who.HasFlag(Concerned.Receiver))
        {
            if (d.ReceiverUserId is { } u)
            {
                audiences.Add(Audience.User(u));
            }
            else if (roomLead is { } lead)
            {
                audiences.Add(Audience.User(lead));
            }
            else if (d.ReceiverDepartmentId is { } dept)
            {
                audiences.Add(Audience.Unit(OrgUnitKind.Department, dept));
            }
        }

        if (audiences.Count > 0)
        {
            yield return new NotificationMessage($"{title}：{d.CaseNumber}", body, kind, audiences,
                urgent ? NotificationChannels.InApp | NotificationChannels.Sms : NotificationChannels.InApp,
                StaffLink: link, SubjectType: Topic, SubjectId: d.Id, ExcludeUserId: step.ActorUserId);
        }

        var parties = rule.Who.HasFlag(Concerned.Parties)
            ? d.Parties.Select(p => p.UserId).OfType<Guid>().Append(d.ReporterUserId ?? Guid.Empty).Where(x => x != Guid.Empty).Distinct().ToList()
            : [];
        if (parties.Count > 0 && rule.PartyTitle is { } partyTitle)
        {
            yield return new NotificationMessage(partyTitle, $"案号 {d.CaseNumber}：{(step.Action == DisputeDto.RegisterAction ? summary : step.Note ?? summary)}",
                NotificationKind.Progress, [.. parties.Select(Audience.User)], NotificationChannels.InApp | NotificationChannels.WeChat,
                StaffLink: link, SubjectType: Topic, SubjectId: d.Id, ExcludeUserId: step.Action == DisputeDto.RegisterAction ? null : step.ActorUserId);
        }
    }
}

/// <summary>
/// Turns every new dispute timeline entry into notification outbox rows in the same SaveChanges (the pattern of
/// Events' EventNotificationsInterceptor, the same outbox and dispatcher).
/// </summary>
public sealed class DisputeNotificationsInterceptor(OutboxSignal outbox) : SaveChangesInterceptor
{
    /// <summary>This save's outbox rows, on the context (the interceptor is shared by all of them).</summary>
    private sealed class Pending : List<OutboxMessage>;

    private static Pending PendingOf(DbContext? context) => context is JiexinDbContext db ? db.SaveState<Pending>() : [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            Capture(context);
        }

        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            Capture(context);
        }

        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Discard(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Discard(eventData.Context);
        return Task.CompletedTask;
    }

    private void Capture(DbContext context)
    {
        var steps = context.ChangeTracker.AsDetected<DisputeTimelineEntry>().Where(x => x.State == EntityState.Added).Select(x => x.Entity).ToList();
        if (steps.Count == 0)
        {
            return;
        }

        var disputes = context.ChangeTracker.AsDetected<Dispute>();
        foreach (var step in steps)
        {
            var d = disputes.FirstOrDefault(x => x.Entity.Id == step.DisputeId)?.Entity;
            if (d is null)
            {
                continue; // every writer so far has the case tracked
            }

            var roomLead = d.ReceiverRoomId is { } room
                ? context.Set<MediationRoom>().AsNoTracking().Where(r => r.Id == room).Select(r => r.LeadUserId).FirstOrDefault()
                : null;
            var n = 0;
            foreach (var message in DisputeNotifications.For(d, step, roomLead))
            {
                PendingOf(context).Add(message.Enqueue(context, $"disputes_timeline:{step.Id:N}:{n++}", step.At));
            }
        }
    }

    private void Saved(DbContext? context)
    {
        var pending = PendingOf(context);
        if (pending.Count > 0 && context?.Database.CurrentTransaction is null)
        {
            outbox.Wake();
        }

        pending.Clear();
    }

    private static void Discard(DbContext? context)
    {
        var pending = PendingOf(context);
        if (context is not null)
        {
            foreach (var row in pending)
            {
                context.Entry(row).State = EntityState.Detached;
            }
        }

        pending.Clear();
    }
}
