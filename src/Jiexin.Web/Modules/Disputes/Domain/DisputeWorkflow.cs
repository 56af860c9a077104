using Jiexin.Platform.Auth;

namespace Jiexin.Modules.Disputes.Domain;

/// <summary>The actions people take on a dispute; each is one row of <see cref="DisputeWorkflow"/>.</summary>
public enum DisputeAction
{
    Route,
    Accept,
    Decline,
    RecordCaseMeeting,
    ScheduleSession,
    RecordSession,
    Agree,
    PartiallyAgree,
    Sign,
    Fail,
    Refer,
    ConfirmReferralReceipt,
    RecordReferralProgress,
    RecordReferralResult,
    RequestJudicialConfirmation,
    RecordJudicialConfirmation,
    RecordFollowUp,
    Withdraw,
    Reject,
}

/// <summary>Whose scope an action is checked against (<see cref="Shared.DisputeAccess"/>).</summary>
public enum DisputeScope
{
    /// <summary>The front desk: staff whose org scope covers the case's place (the street covers all), or who took the case in.</summary>
    Desk,

    /// <summary>The receiver of the routing: the mediator, the room's lead mediator, or the department's staff.</summary>
    Receiver,

    /// <summary>Either of the two.</summary>
    Case,
}

/// <summary>What the person taking an action supplies with it (the handler resolves names and default deadlines first).</summary>
public sealed record DisputeInput
{
    public string? Note { get; init; }
    public TriageTier? Tier { get; init; }
    public ReceiverKind? ReceiverKind { get; init; }
    public Guid? ReceiverId { get; init; }
    public string? ReceiverName { get; init; }
    public DateTime? AcceptBy { get; init; }
    public DateTime? DueAt { get; init; }
    public string? InvitedParties { get; init; }
    public string? LeaderName { get; init; }
    public string? Plan { get; init; }
    public string? Participants { get; init; }
    public string? Facts { get; init; }
    public DateTime? ScheduledAt { get; init; }
    public string? Place { get; init; }
    public Guid? SessionId { get; init; }
    public string? Minutes { get; init; }
    public string? Terms { get; init; }
    public string? Performance { get; init; }
    public string? Unresolved { get; init; }
    public DateOnly? SignedOn { get; init; }
    public LegalGuidance? Guidance { get; init; }
    public ReferralChannel? ReferralChannel { get; init; }
    public string? ReferralReceiver { get; init; }
    public bool? Resolved { get; init; }
    public string? Court { get; init; }
    public bool? Confirmed { get; init; }
    public string? AgreementNumber { get; init; }
    public bool? Honoured { get; init; }
}

/// <summary>Who acts, and when.</summary>
public sealed record DisputeContext(Guid? UserId, string UserName, DateTime Now);

/// <summary>One row: from which states, to which (null: stays), by whom, under which guard (a zh-CN message and the field), with which effect.</summary>
public sealed record DisputeTransition(
    DisputeAction Action,
    string Name,
    IReadOnlySet<DisputeStatus> From,
    DisputeStatus? To,
    IReadOnlyList<string> Roles,
    DisputeScope Scope,
    Func<Dispute, DisputeInput, (string Field, string Message)?> Guard,
    Action<Dispute, DisputeInput, DisputeContext> Apply,
    Func<Dispute, DisputeStatus>? Next = null);

public enum DisputeFailure
{
    None,
    UnknownAction,
    WrongStatus,
    RoleNotAllowed,
    GuardFailed,
}

public sealed record DisputeResult(DisputeFailure Failure, string? Message = null, string? Field = null)
{
    public static readonly DisputeResult Ok = new(DisputeFailure.None);

    public bool Succeeded => Failure == DisputeFailure.None;
}

/// <summary>
/// The dispute case workflow as one table (like Events' EventWorkflow): every action declares its source states,
/// target state, roles, scope, guard and effect. Handlers never branch on status; scope is the caller's check.
/// </summary>
public static class DisputeWorkflow
{
    private static readonly string[] DeskRoles = [Roles.Commander, Roles.Leader, Roles.Mediator, Roles.Admin];
    private static readonly string[] ReceiverRoles = [Roles.Mediator, Roles.DepartmentStaff, Roles.Commander, Roles.Leader];

    /// <summary>States in which the centre still has work on the case (Referred included: it stays in view).</summary>
    public static readonly IReadOnlySet<DisputeStatus> Open = Set(
        DisputeStatus.Received, DisputeStatus.Routed, DisputeStatus.Mediating, DisputeStatus.Signing, DisputeStatus.Referred);

    public static readonly IReadOnlyList<DisputeTransition> Table =
    [
        new(DisputeAction.Route, "分流转办", Set(DisputeStatus.Received, DisputeStatus.Routed), DisputeStatus.Routed,
            DeskRoles, DisputeScope.Desk,
            (_, i) => i.Tier is null ? ("tier", "请选择分流方式（全科、专家门诊、会诊或特诊）。")
                : i.ReceiverKind is null || i.ReceiverId is null ? ("receiverId", "请选择承办的调解员、调解室或部门。")
                : i.Tier == TriageTier.Special && string.IsNullOrWhiteSpace(i.LeaderName) ? ("leaderName", "特诊须由领导牵头，请填写牵头领导。")
                : i.Tier == TriageTier.Special && string.IsNullOrWhiteSpace(i.Plan) ? ("plan", "特诊须制定专案方案，请填写。")
                : i.Tier == TriageTier.Joint && string.IsNullOrWhiteSpace(i.InvitedParties) ? ("invitedParties", "会诊须邀请相关部门或专家，请填写。")
                : null,
            (d, i, _) =>
            {
                d.Tier = i.Tier;
                d.ReceiverKind = i.ReceiverKind;
                d.ReceiverUserId = i.ReceiverKind == ReceiverKind.Mediator ? i.ReceiverId : null;
                d.ReceiverRoomId = i.ReceiverKind == ReceiverKind.Room ? i.ReceiverId : null;
                d.ReceiverDepartmentId = i.ReceiverKind == ReceiverKind.Department ? i.ReceiverId : null;
                d.ReceiverName = i.ReceiverName;
                d.InvitedParties = Trim(i.InvitedParties);
                d.LeaderName = Trim(i.LeaderName);
                d.SpecialPlan = Trim(i.Plan);
                d.AcceptBy = i.AcceptBy;
                d.DueAt = i.DueAt;
                d.AcceptedAt = null;
            }),
        new(DisputeAction.Accept, "接收", Set(DisputeStatus.Routed), DisputeStatus.Mediating,
            ReceiverRoles, DisputeScope.Receiver, NoGuard, (d, _, c) => d.AcceptedAt = c.Now),
        new(DisputeAction.Decline, "退回", Set(DisputeStatus.Routed), DisputeStatus.Received,
            ReceiverRoles, DisputeScope.Receiver, NoteRequired("请填写退回理由。"),
            (d, _, _) =>
            {
                d.ReceiverKind = null;
                d.ReceiverUserId = d.ReceiverRoomId = d.ReceiverDepartmentId = null;
                d.ReceiverName = null;
                d.AcceptBy = d.DueAt = null;
            }),
        new(DisputeAction.RecordCaseMeeting, "记录案情分析会", Set(DisputeStatus.Routed, DisputeStatus.Mediating), null,
            ReceiverRoles, DisputeScope.Case,
            (_, i) => string.IsNullOrWhiteSpace(i.Participants) ? ("participants", "请填写参会人员。")
                : string.IsNullOrWhiteSpace(i.Facts) ? ("facts", "请填写查明的事实。")
                : string.IsNullOrWhiteSpace(i.Plan) ? ("plan", "请填写调解方案。")
                : null,
            (d, i, c) => d.Meetings.Add(new CaseMeeting
            {
                Id = Guid.CreateVersion7(c.Now), DisputeId = d.Id, HeldAt = i.ScheduledAt ?? c.Now,
                Participants = i.Participants!.Trim(), Facts = i.Facts!.Trim(), Plan = i.Plan!.Trim(), RecordedBy = c.UserName,
            })),
        new(DisputeAction.ScheduleSession, "安排调解", Set(DisputeStatus.Mediating), null,
            ReceiverRoles, DisputeScope.Receiver,
            (_, i) => i.ScheduledAt is null ? ("scheduledAt", "请填写调解时间。") : null,
            (d, i, c) => d.Sessions.Add(new MediationSession
            {
                Id = Guid.CreateVersion7(c.Now), DisputeId = d.Id, ScheduledAt = i.ScheduledAt!.Value,
                Place = Trim(i.Place), Participants = Trim(i.Participants), MediatorName = c.UserName,
            })),
        new(DisputeAction.RecordSession, "记录调解笔录", Set(DisputeStatus.Mediating), null,
            ReceiverRoles, DisputeScope.Receiver,
            (d, i) => i.SessionId is not { } s || d.Sessions.All(x => x.Id != s) ? ("sessionId", "请选择要记录的调解会。")
                : string.IsNullOrWhiteSpace(i.Minutes) ? ("minutes", "请填写调解笔录。")
                : null,
            (d, i, c) =>
            {
                var session = d.Sessions.Single(x => x.Id == i.SessionId);
                session.Minutes = i.Minutes!.Trim();
                session.Participants = Trim(i.Participants) ?? session.Participants;
                session.HeldAt = c.Now;
            }),
        new(DisputeAction.Agree, "达成协议", Set(DisputeStatus.Mediating), DisputeStatus.Signing,
            ReceiverRoles, DisputeScope.Receiver,
            (_, i) => string.IsNullOrWhiteSpace(i.Terms) ? ("terms", "请填写协议内容。") : null,
            (d, i, c) => d.Agreement = NewAgreement(d, i, c, partial: false)),
        new(DisputeAction.PartiallyAgree, "部分达成协议", Set(DisputeStatus.Mediating), DisputeStatus.Signing,
            ReceiverRoles, DisputeScope.Receiver,
            (_, i) => string.IsNullOrWhiteSpace(i.Terms) ? ("terms", "请填写已达成一致的协议内容。")
                : string.IsNullOrWhiteSpace(i.Unresolved) ? ("unresolved", "请填写未达成一致的事项及引导去向。")
                : null,
            (d, i, c) => d.Agreement = NewAgreement(d, i, c, partial: true)),
        new(DisputeAction.Sign, "协议签署", Set(DisputeStatus.Signing), DisputeStatus.Closed,
            ReceiverRoles, DisputeScope.Receiver,
            (d, i) => d.Agreement is null ? ("terms", "尚未生成调解协议书。")
                : i.SignedOn is null ? ("signedOn", "请填写签署日期。")
                : null,
            (d, i, c) =>
            {
                d.Agreement!.SignedOn = i.SignedOn;
                d.Agreement.SignedRecordedAt = c.Now;
                d.Outcome = d.Agreement.IsPartial ? DisputeOutcome.PartialAgreement : DisputeOutcome.Agreement;
                d.ClosedAt = c.Now;
                foreach (var days in DisputeRules.FollowUpDays)
                {
                    d.FollowUps.Add(new FollowUpVisit { Id = Guid.CreateVersion7(c.Now), DisputeId = d.Id, DueAt = c.Now.AddDays(days) });
                }
            }),
        new(DisputeAction.Fail, "调解不成", Set(DisputeStatus.Mediating, DisputeStatus.Signing), DisputeStatus.Closed,
            ReceiverRoles, DisputeScope.Receiver,
            (_, i) => i.Guidance is null ? ("guidance", "请选择引导当事人的途径（诉讼、仲裁等）。")
                : string.IsNullOrWhiteSpace(i.Note) ? ("note", "请填写调解不成的情况及引导说明。")
                : null,
            (d, i, c) =>
            {
                d.Outcome = DisputeOutcome.Failed;
                d.Guidance = i.Guidance;
                d.OutcomeNote = Trim(i.Note);
                d.ClosedAt = c.Now;
            }),
        new(DisputeAction.Refer, "移交五调联动", Set(DisputeStatus.Received, DisputeStatus.Routed, DisputeStatus.Mediating), DisputeStatus.Referred,
            DeskRoles, DisputeScope.Case,
            (d, i) => i.ReferralChannel is null ? ("referralChannel", "请选择移交渠道（诉调、警调、专调、访调、劳调）。")
                : string.IsNullOrWhiteSpace(i.ReferralReceiver) ? ("referralReceiver", "请填写接收单位。")
                : null,
            (d, i, c) => d.Referrals.Add(new DisputeReferral
            {
                Id = Guid.CreateVersion7(c.Now), DisputeId = d.Id, Channel = i.ReferralChannel!.Value,
                ReceiverName = i.ReferralReceiver!.Trim(), ReferredAt = c.Now, ReferredBy = c.UserName,
            })),
        new(DisputeAction.ConfirmReferralReceipt, "登记签收回执", Set(DisputeStatus.Referred), null,
            DeskRoles, DisputeScope.Case,
            (d, _) => CurrentReferral(d) is { ReceiptAt: null } ? null : ("referral", "该移交已签收。"),
            (d, i, c) =>
            {
                var r = CurrentReferral(d)!;
                r.ReceiptAt = c.Now;
                r.ReceiptBy = Trim(i.Note) ?? r.ReceiverName;
            }),
        new(DisputeAction.RecordReferralProgress, "登记办理进展", Set(DisputeStatus.Referred), null,
            DeskRoles, DisputeScope.Case,
            (d, i) => CurrentReferral(d) is not { ReceiptAt: not null } ? ("referral", "接收单位尚未签收。")
                : string.IsNullOrWhiteSpace(i.Note) ? ("note", "请填写办理进展。") : null,
            (d, i, _) => CurrentReferral(d)!.LastProgress = i.Note!.Trim()),
        new(DisputeAction.RecordReferralResult, "登记移交结果", Set(DisputeStatus.Referred), DisputeStatus.Closed,
            DeskRoles, DisputeScope.Case,
            (d, i) => CurrentReferral(d) is not { ReceiptAt: not null } ? ("referral", "接收单位尚未签收。")
                : i.Resolved is null ? ("resolved", "请选择是否化解。")
                : string.IsNullOrWhiteSpace(i.Note) ? ("note", "请填写办理结果。") : null,
            (d, i, c) =>
            {
                var r = CurrentReferral(d)!;
                r.Resolved = i.Resolved;
                r.Result = i.Note!.Trim();
                r.ResultAt = c.Now;
                if (i.Resolved == true)
                {
                    d.Outcome = DisputeOutcome.ResolvedByReferral;
                    d.OutcomeNote = r.Result;
                    d.ClosedAt = c.Now;
                }
            },
            // Not resolved there: the case comes back to the centre, which mediates on (or closes it as failed).
            Next: d => d.Outcome == DisputeOutcome.ResolvedByReferral ? DisputeStatus.Closed : DisputeStatus.Mediating),
        new(DisputeAction.RequestJudicialConfirmation, "申请司法确认", Set(DisputeStatus.Closed), null,
            DeskRoles, DisputeScope.Case,
            (d, i) => d.Agreement is not { SignedOn: not null } ? ("agreement", "只有已签署的调解协议可以申请司法确认。")
                : d.Agreement.Judicial is JudicialConfirmation.Requested or JudicialConfirmation.Confirmed ? ("agreement", "已申请司法确认。")
                : string.IsNullOrWhiteSpace(i.Court) ? ("court", "请填写受理法院。") : null,
            (d, i, c) =>
            {
                d.Agreement!.Judicial = JudicialConfirmation.Requested;
                d.Agreement.Court = i.Court!.Trim();
                d.Agreement.JudicialRequestedAt = c.Now;
            }),
        new(DisputeAction.RecordJudicialConfirmation, "登记司法确认结果", Set(DisputeStatus.Closed), null,
            DeskRoles, DisputeScope.Case,
            (d, i) => d.Agreement is not { Judicial: JudicialConfirmation.Requested } ? ("agreement", "尚未申请司法确认。")
                : i.Confirmed is null ? ("confirmed", "请选择法院是否确认。") : null,
            (d, i, c) =>
            {
                d.Agreement!.Judicial = i.Confirmed == true ? JudicialConfirmation.Confirmed : JudicialConfirmation.Refused;
                d.Agreement.JudicialDecidedAt = c.Now;
                d.Agreement.JudicialNote = Trim(i.Note);
            }),
        new(DisputeAction.RecordFollowUp, "登记回访", Set(DisputeStatus.Closed), null,
            ReceiverRoles, DisputeScope.Case,
            (d, i) => NextFollowUp(d) is null ? ("followUp", "没有待回访的安排。")
                : i.Honoured is null ? ("honoured", "请选择协议履行情况。")
                : string.IsNullOrWhiteSpace(i.Note) ? ("note", "请填写回访情况。") : null,
            (d, i, c) =>
            {
                var visit = NextFollowUp(d)!;
                visit.VisitedAt = c.Now;
                visit.VisitedBy = c.UserName;
                visit.Honoured = i.Honoured;
                visit.Note = i.Note!.Trim();
            }),
        new(DisputeAction.Withdraw, "当事人撤回", Set(DisputeStatus.Received, DisputeStatus.Routed, DisputeStatus.Mediating, DisputeStatus.Signing), DisputeStatus.Closed,
            DeskRoles, DisputeScope.Case, NoteRequired("请填写撤回情况。"),
            (d, i, c) =>
            {
                d.Outcome = DisputeOutcome.Withdrawn;
                d.OutcomeNote = Trim(i.Note);
                d.ClosedAt = c.Now;
            }),
        new(DisputeAction.Reject, "不予受理", Set(DisputeStatus.Received), DisputeStatus.Rejected,
            DeskRoles, DisputeScope.Desk, NoteRequired("请填写不予受理的理由（如已进入诉讼程序）。"),
            (d, _, c) => d.ClosedAt = c.Now),
    ];

    private static readonly Dictionary<DisputeAction, DisputeTransition> ByAction = Table.ToDictionary(t => t.Action);

    public static DisputeTransition? Find(DisputeAction action) => ByAction.GetValueOrDefault(action);

    /// <summary>Actions the given roles could take now from the case's state (scope not yet checked).</summary>
    public static IEnumerable<DisputeTransition> Available(Dispute d, IReadOnlyCollection<string> roles) =>
        Table.Where(t => t.From.Contains(d.Status) && t.Roles.Any(roles.Contains));

    /// <summary>Checks state, role and guard, then applies the effect and records the step. Scope is the caller's.</summary>
    public static DisputeResult Apply(Dispute d, DisputeAction action, DisputeInput input, IReadOnlyCollection<string> roles, DisputeContext context)
    {
        if (Find(action) is not { } t)
        {
            return new(DisputeFailure.UnknownAction, "未知的操作。");
        }

        if (!t.From.Contains(d.Status))
        {
            return new(DisputeFailure.WrongStatus, $"纠纷当前状态为“{DisputeRules.StatusName(d.Status)}”，不能{t.Name}。");
        }

        if (!t.Roles.Any(roles.Contains))
        {
            return new(DisputeFailure.RoleNotAllowed, $"您的角色不能{t.Name}。");
        }

        if (t.Guard(d, input) is { } problem)
        {
            return new(DisputeFailure.GuardFailed, problem.Message, problem.Field);
        }

        var from = d.Status;
        t.Apply(d, input, context);
        d.Status = t.Next?.Invoke(d) ?? t.To ?? d.Status;
        d.UpdatedAt = context.Now;
        d.Timeline.Add(new DisputeTimelineEntry
        {
            Id = Guid.CreateVersion7(context.Now),
            DisputeId = d.Id,
            At = context.Now,
            Action = t.Action.ToString(),
            FromStatus = from,
            ToStatus = d.Status,
            ActorUserId = context.UserId,
            ActorName = context.UserName,
            Note = StepNote(t.Action, d, input),
        });
        return DisputeResult.Ok;
    }

    /// <summary>The referral in progress (the latest).</summary>
    public static DisputeReferral? CurrentReferral(Dispute d) => d.Referrals.OrderByDescending(r => r.ReferredAt).ThenByDescending(r => r.Id).FirstOrDefault();

    /// <summary>The earliest follow-up visit not yet made.</summary>
    public static FollowUpVisit? NextFollowUp(Dispute d) => d.FollowUps.Where(f => f.VisitedAt is null).OrderBy(f => f.DueAt).FirstOrDefault();

    /// <summary>What the timeline (and the notification) says about a step, beyond the action's name.</summary>
    private static string? StepNote(DisputeAction action, Dispute d, DisputeInput i) => action switch
    {
        DisputeAction.Route => Join($"{DisputeRules.TierName(d.Tier!.Value)} → {d.ReceiverName}", i.Note),
        DisputeAction.Refer => Join($"{DisputeRules.ReferralName(i.ReferralChannel!.Value)} → {i.ReferralReceiver!.Trim()}", i.Note),
        DisputeAction.ScheduleSession => Join($"调解时间 {Jiexin.Platform.Calendar.ChinaTime.FromUtc(i.ScheduledAt!.Value):yyyy-MM-dd HH:mm}" + (Trim(i.Place) is { } p ? $"，{p}" : ""), i.Note),
        DisputeAction.Agree or DisputeAction.PartiallyAgree => $"协议书 {d.Agreement!.Number}",
        DisputeAction.Sign => $"签署日期 {i.SignedOn:yyyy-MM-dd}",
        DisputeAction.Fail => Join(DisputeRules.GuidanceName(i.Guidance!.Value), i.Note),
        DisputeAction.RecordReferralResult => Join(i.Resolved == true ? "已化解" : "未化解，退回中心继续调解", i.Note),
        DisputeAction.RequestJudicialConfirmation => $"受理法院：{i.Court!.Trim()}",
        DisputeAction.RecordJudicialConfirmation => Join(i.Confirmed == true ? "法院裁定确认有效" : "法院不予确认", i.Note),
        DisputeAction.RecordCaseMeeting => $"参会：{i.Participants!.Trim()}",
        DisputeAction.RecordFollowUp => Join(i.Honoured == true ? "协议正在履行" : "协议未履行", i.Note),
        _ => Trim(i.Note),
    };

    private static DisputeAgreement NewAgreement(Dispute d, DisputeInput i, DisputeContext c, bool partial) => new()
    {
        Id = Guid.CreateVersion7(c.Now),
        DisputeId = d.Id,
        Number = i.AgreementNumber ?? $"{d.CaseNumber}-XY",
        IsPartial = partial,
        Terms = i.Terms!.Trim(),
        Performance = Trim(i.Performance),
        Unresolved = partial ? Trim(i.Unresolved) : null,
        MediatorName = c.UserName,
        CreatedAt = c.Now,
    };

    private static string? Join(string head, string? note) => Trim(note) is { } n ? $"{head}｜{n}" : head;

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    internal static HashSet<DisputeStatus> Set(params DisputeStatus[] states) => [.. states];

    private static (string Field, string Message)? NoGuard(Dispute d, DisputeInput i) => null;

    private static Func<Dispute, DisputeInput, (string Field, string Message)?> NoteRequired(string message) =>
        (_, i) => string.IsNullOrWhiteSpace(i.Note) ? ("note", message) : null;
}
