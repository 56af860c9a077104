using Jiexin.Data;
using Jiexin.Modules.Events.Deadlines;
using Jiexin.Modules.Events.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Notifications;

namespace Jiexin.Modules.Events.Notifications;

/// <summary>Whom a step concerns, besides the reporter.</summary>
[Flags]
public enum Concerned
{
    None = 0,

    /// <summary>The staff of the unit holding the event after the step.</summary>
    Assignee = 1,

    /// <summary>The staff of the unit that held it before the step (returned, reopened, failed verification).</summary>
    PreviousAssignee = 2,

    /// <summary>The grid's staff (grid worker) and the community's staff of the event's place.</summary>
    GridAndCommunity = 4,

    /// <summary>The command centre.</summary>
    Commanders = 8,
}

/// <summary>
/// Who hears of which step of an event: one row per timeline action. A step the table does not know (a transition
/// added later) goes to the holder's staff and the reporter, so new steps notify without a change here; add a row to
/// say more precisely. Nobody is told of their own action.
/// </summary>
public static class EventNotifications
{
    public const string Topic = "event";

    /// <summary>One row: whom among staff, the bell category, whether staff also get an SMS, whether the reporter is told.</summary>
    public sealed record Rule(Concerned Staff, NotificationKind Kind, bool Urgent, bool TellReporter, string StaffTitle, string? ReporterTitle = null);

    public static readonly IReadOnlyDictionary<string, Rule> Rules = new Dictionary<string, Rule>(StringComparer.Ordinal)
    {
        ["Report"] = new(Concerned.GridAndCommunity | Concerned.Commanders, NotificationKind.Todo, false, true, "新事件待研判", "您的反映已受理"),
        [nameof(EventAction.Triage)] = new(Concerned.None, NotificationKind.Todo, false, false, "已研判"),
        [nameof(EventAction.Dispatch)] = new(Concerned.Assignee, NotificationKind.Todo, true, true, "新派单，请签收", "您反映的问题已派单处理"),
        [nameof(EventAction.SelfHandle)] = new(Concerned.None, NotificationKind.Todo, false, true, "网格自行处置", "您反映的问题正在处理"),
        [nameof(EventAction.Accept)] = new(Concerned.None, NotificationKind.Todo, false, true, "已签收", "您反映的问题正在处理"),
        [nameof(EventAction.Return)] = new(Concerned.Commanders, NotificationKind.Todo, false, false, "事件被退单，请重新派单"),
        [nameof(EventAction.RequestExtension)] = new(Concerned.Commanders, NotificationKind.Todo, false, false, "延期申请待审批"),
        [nameof(EventAction.GrantExtension)] = new(Concerned.Assignee, NotificationKind.Todo, false, false, "延期申请已批准"),
        [nameof(EventAction.DenyExtension)] = new(Concerned.Assignee, NotificationKind.Todo, false, false, "延期申请被驳回"),
        [nameof(EventAction.Suspend)] = new(Concerned.Assignee, NotificationKind.Todo, false, true, "事件已挂起", "您反映的问题暂缓办理"),
        [nameof(EventAction.Resume)] = new(Concerned.Assignee, NotificationKind.Todo, false, true, "事件恢复办理", "您反映的问题恢复办理"),
        [nameof(EventAction.Handle)] = new(Concerned.GridAndCommunity, NotificationKind.Todo, false, true, "已处置，待核查", "您反映的问题已处置，待核查"),
        [nameof(EventAction.VerifyPass)] = new(Concerned.Commanders, NotificationKind.Todo, false, false, "核查通过，待办结"),
        [nameof(EventAction.VerifyFail)] = new(Concerned.Commanders | Concerned.PreviousAssignee, NotificationKind.Todo, false, false, "核查不通过，需重办"),
        [nameof(EventAction.Close)] = new(Concerned.None, NotificationKind.Progress, false, true, "已办结", "您反映的问题已办结，请评价"),
        [nameof(EventAction.Reopen)] = new(Concerned.Commanders | Concerned.PreviousAssignee, NotificationKind.Supervision, false, true, "事件重办", "您反映的问题将重新办理"),
        [nameof(EventAction.Merge)] = new(Concerned.None, NotificationKind.Progress, false, true, "已合并", "您反映的问题已与同类问题合并办理"),
        [nameof(EventAction.Reject)] = new(Concerned.None, NotificationKind.Progress, false, true, "不予受理", "您反映的问题不予受理"),
        ["Supervise"] = new(Concerned.Assignee, NotificationKind.Supervision, true, false, "督办：请尽快办理并回复"),
        ["AnswerSupervision"] = new(Concerned.Commanders, NotificationKind.Supervision, false, false, "督办已回复"),
        [nameof(EventAction.Whistle)] = new(Concerned.Commanders, NotificationKind.Todo, true, false, "吹哨：请召集部门报到"),
        [nameof(EventAction.CheckIn)] = new(Concerned.Commanders, NotificationKind.Progress, false, false, "部门已报到"),
        [nameof(EventAction.RecordPart)] = new(Concerned.Commanders, NotificationKind.Progress, false, false, "部门已完成所负责部分"),
        [nameof(EventAction.EscalateAboveStreet)] = new(Concerned.Commanders, NotificationKind.Progress, false, true, "已上报区级", "您反映的问题已上报区级部门办理"),
        [nameof(EventAction.Rate)] = new(Concerned.None, NotificationKind.Progress, false, false, "群众已评价"),
        // A dissatisfied rating (1–2 stars) is a complaint for the command centre to review: reopen or explain.
        [RateDissatisfied] = new(Concerned.Commanders, NotificationKind.Supervision, true, false, "群众不满意，请复核"),
        [nameof(EventAction.ReopenAfterReview)] = new(Concerned.Commanders | Concerned.PreviousAssignee, NotificationKind.Supervision, false, true, "复核后重办", "您反映的问题将重新办理"),
        [nameof(EventAction.CloseAfterReview)] = new(Concerned.None, NotificationKind.Progress, false, true, "复核后办结", "您的评价已复核，事件办结"),
        [MarkDeadlineWarningsJob.DueSoonAction] = new(Concerned.Assignee, NotificationKind.Deadline, false, false, "黄牌：事件临近办理期限"),
        [MarkDeadlineWarningsJob.OverdueAction] = new(Concerned.Assignee | Concerned.Commanders, NotificationKind.Deadline, true, false, "红牌：事件已超期"),
    };

    /// <summary>For steps the table does not list.</summary>
    public static readonly Rule Default = new(Concerned.Assignee, NotificationKind.Todo, false, true, "事件有新进展", "您反映的问题有新进展");

    private const string RateDissatisfied = nameof(EventAction.Rate) + ":" + nameof(EventStatus.Dissatisfied);

    public static Rule RuleFor(string action) => Rules.GetValueOrDefault(action) ?? Default;

    /// <summary>The rule for a step: by action, or by action and outcome where the outcome matters (a dissatisfied rating).</summary>
    public static Rule RuleFor(EventTimelineEntry step) =>
        Rules.GetValueOrDefault($"{step.Action}:{step.ToStatus}") ?? RuleFor(step.Action);

    /// <summary>The staff message and the reporter's message of a new timeline entry (either may be null: nobody to tell).</summary>
    public static (NotificationMessage? Staff, NotificationMessage? Reporter) For(Event e, EventTimelineEntry step, OrgUnitRef? previousAssignee)
    {
        var rule = RuleFor(step);
        var staffLink = $"/events/{e.Id}";
        var summary = e.Description.Length > 40 ? e.Description[..40] + "…" : e.Description;
        var body = step.Note is { Length: > 0 } note ? $"{summary}｜{note}" : summary;

        var audiences = new List<string>();
        if (rule.Staff.HasFlag(Concerned.Assignee) && e.AssigneeKind is { } kind && e.AssigneeId is { } id)
        {
            audiences.Add(Audience.Unit(kind, id));
        }

        if (rule.Staff.HasFlag(Concerned.PreviousAssignee) && previousAssignee is { } before)
        {
            audiences.Add(Audience.Unit(before.Kind, before.Id));
        }

        if (rule.Staff.HasFlag(Concerned.GridAndCommunity))
        {
            if (e.GridId is { } grid)
            {
                audiences.Add(Audience.Unit(OrgUnitKind.Grid, grid));
            }

            if (e.CommunityId is { } community)
            {
                audiences.Add(Audience.Unit(OrgUnitKind.Community, community));
            }
        }

        if (rule.Staff.HasFlag(Concerned.Commanders))
        {
            audiences.Add(Audience.Role(Roles.Commander));
        }

        var staff = audiences.Count == 0 ? null : new NotificationMessage(
            $"{rule.StaffTitle}：{e.TrackingCode}",
            body,
            rule.Kind,
            audiences,
            rule.Urgent ? NotificationChannels.InApp | NotificationChannels.Sms : NotificationChannels.InApp,
            StaffLink: staffLink,
            SubjectType: Topic,
            SubjectId: e.Id,
            ExcludeUserId: step.ActorUserId);

        // The reporter hears of others' steps, and gets a receipt (受理回执) for their own report.
        var reporter = rule.TellReporter && e.ReporterUserId is { } r && (r != step.ActorUserId || step.Action == "Report")
            ? new NotificationMessage(
                rule.ReporterTitle ?? rule.StaffTitle,
                $"编号 {e.TrackingCode}：{(step.Note is { Length: > 0 } n && step.Action != "Report" ? n : summary)}",
                NotificationKind.Progress,
                [Audience.User(r)],
                NotificationChannels.InApp | NotificationChannels.WeChat,
                ResidentLink: $"/m/events/{e.Id}",
                StaffLink: staffLink,
                SubjectType: Topic,
                SubjectId: e.Id)
            : null;
        return (staff, reporter);
    }
}
