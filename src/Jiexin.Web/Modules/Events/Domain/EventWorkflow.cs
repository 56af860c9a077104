using Jiexin.Data;
using Jiexin.Platform.Auth;

namespace Jiexin.Modules.Events.Domain;

/// <summary>The actions people take on an event; each is one row of <see cref="EventWorkflow"/>.</summary>
public enum EventAction
{
    Triage,
    Dispatch,
    SelfHandle,
    Accept,
    Return,
    RequestExtension,
    GrantExtension,
    DenyExtension,
    Suspend,
    Resume,
    Handle,
    VerifyPass,
    VerifyFail,
    Close,
    Reopen,
    Merge,
    Reject,
    Whistle,
    Summon,
    CheckIn,
    RecordPart,
    EscalateAboveStreet,
    RecordAboveStreetResult,
    ReturnFromAboveStreet,
    Rate,
    ReopenAfterReview,
    CloseAfterReview,
}

/// <summary>Whose scope an action is checked against.</summary>
public enum ScopeTarget
{
    /// <summary>The event's grid: its grid worker, its community's staff, the street.</summary>
    EventGrid,

    /// <summary>The unit currently holding the event (the department, grid or community it was dispatched to).</summary>
    Assignee,

    /// <summary>The acting user's own department, which must be summoned to the event in the current round.</summary>
    Summons,

    /// <summary>The resident who reported the event.</summary>
    Reporter,
}

/// <summary>What the person taking an action supplies with it.</summary>
public sealed record TransitionInput(
    string? Note = null,
    OrgUnitRef? Assignee = null,
    Guid? TargetEventId = null,
    DateTime? DueAt = null,
    string? CategoryCode = null,
    string? CategoryName = null,
    IReadOnlyList<Guid>? Departments = null,
    Guid? LeadDepartmentId = null,
    double? Latitude = null,
    double? Longitude = null,
    int? Rating = null,
    OrgUnitRef? ActingUnit = null);

/// <summary>One row of the transition table: from which states, to which, by whom, under which guard, with which effect.</summary>
public sealed record Transition(
    EventAction Action,
    string Name,
    IReadOnlySet<EventStatus> From,
    EventStatus To,
    IReadOnlyList<string> Roles,
    ScopeTarget Scope,
    Func<Event, TransitionInput, string?> Guard,
    Action<Event, TransitionInput, TransitionContext> Apply,
    Func<Event, EventStatus>? Next = null,
    Func<Event, OrgUnitRef?, string?>? Blocked = null);

/// <summary>Who acts, and when.</summary>
public sealed record TransitionContext(Guid? UserId, string UserName, OrgUnitRef? UserUnit, DateTime Now, CheckInRules? CheckIn = null);

public enum TransitionFailure
{
    None,
    UnknownAction,
    WrongStatus,
    RoleNotAllowed,
    GuardFailed,
}

public sealed record TransitionResult(TransitionFailure Failure, string? Message = null)
{
    public static readonly TransitionResult Ok = new(TransitionFailure.None);

    public bool Succeeded => Failure == TransitionFailure.None;
}

/// <summary>
/// The event state machine as one table: every transition declares its source states, target state, the roles
/// that may take it, whose scope it is checked against, its guard and its effect. Handlers never branch on
/// status themselves; they ask this table (scope is checked by the caller with <see cref="IOrgScope"/>).
/// </summary>
public static class EventWorkflow
{
    private static readonly string[] Assignees = [Roles.DepartmentStaff, Roles.GridWorker, Roles.CommunityStaff];
    private static readonly string[] GridStaff = [Roles.GridWorker, Roles.CommunityStaff, Roles.Commander];

    /// <summary>States in which an event still needs work.</summary>
    public static readonly IReadOnlySet<EventStatus> Open = new HashSet<EventStatus>
    {
        EventStatus.Reported, EventStatus.Triaged, EventStatus.Dispatched, EventStatus.Accepted, EventStatus.Handled,
        EventStatus.Verified, EventStatus.Returned, EventStatus.ExtensionRequested, EventStatus.Suspended, EventStatus.Reopened,
        EventStatus.Whistled, EventStatus.Summoned, EventStatus.EscalatedAboveStreet, EventStatus.Dissatisfied,
    };

    /// <summary>States waiting in the dispatch queue.</summary>
    internal static readonly HashSet<EventStatus> Queue =
        [EventStatus.Reported, EventStatus.Triaged, EventStatus.Returned, EventStatus.Reopened];

    public static readonly IReadOnlyList<Transition> Table =
    [
        new(EventAction.Triage, "研判", Set(EventStatus.Reported), EventStatus.Triaged,
            [Roles.Commander, Roles.CommunityStaff, Roles.GridWorker], ScopeTarget.EventGrid,
            NoGuard,
            (e, i, _) =>
            {
                if (!string.IsNullOrWhiteSpace(i.CategoryCode))
                {
                    e.CategoryCode = i.CategoryCode;
                    e.CategoryName = i.CategoryName ?? e.CategoryName;
                }
            }),
        new(EventAction.Dispatch, "派单", Queue, EventStatus.Dispatched,
            [Roles.Commander, Roles.CommunityStaff], ScopeTarget.EventGrid,
            (_, i) => i.Assignee is { Kind: not OrgUnitKind.Street } ? null : "请选择承办单位（部门、社区或网格）。",
            (e, i, _) => Assign(e, i.Assignee)),
        new(EventAction.SelfHandle, "自行处置", Queue, EventStatus.Accepted,
            [Roles.GridWorker, Roles.CommunityStaff], ScopeTarget.EventGrid,
            NoGuard,
            (e, _, c) => Assign(e, c.UserUnit)),
        new(EventAction.Accept, "签收", Set(EventStatus.Dispatched), EventStatus.Accepted,
            Assignees, ScopeTarget.Assignee, NoGuard, NoEffect),
        new(EventAction.Return, "退单", Set(EventStatus.Dispatched, EventStatus.Accepted), EventStatus.Returned,
            Assignees, ScopeTarget.Assignee, NoteRequired("请填写退单理由。"),
            (e, _, _) =>
            {
                e.ReturnedByKind = e.AssigneeKind;
                e.ReturnedById = e.AssigneeId;
                Assign(e, null);
            }),
        new(EventAction.RequestExtension, "申请延期", Set(EventStatus.Accepted), EventStatus.ExtensionRequested,
            Assignees, ScopeTarget.Assignee,
            (e, i) => string.IsNullOrWhiteSpace(i.Note) ? "请填写延期理由。"
                : i.DueAt is null ? "请填写申请延至的时间。"
                : e.DueAt is { } due && i.DueAt <= due ? "申请的期限应晚于当前期限。"
                : null,
            NoEffect),
        new(EventAction.GrantExtension, "批准延期", Set(EventStatus.ExtensionRequested), EventStatus.Accepted,
            [Roles.Commander, Roles.Leader], ScopeTarget.EventGrid,
            (_, i) => i.DueAt is null ? "请填写批准的新期限。" : null,
            (e, i, _) => e.DueAt = i.DueAt),
        new(EventAction.DenyExtension, "驳回延期", Set(EventStatus.ExtensionRequested), EventStatus.Accepted,
            [Roles.Commander, Roles.Leader], ScopeTarget.EventGrid, NoteRequired("请填写驳回理由。"), NoEffect),
        new(EventAction.Suspend, "挂起", Set(EventStatus.Accepted), EventStatus.Suspended,
            [Roles.Commander], ScopeTarget.EventGrid, NoteRequired("请填写挂起理由。"), NoEffect),
        new(EventAction.Resume, "恢复办理", Set(EventStatus.Suspended), EventStatus.Accepted,
            [Roles.Commander], ScopeTarget.EventGrid, NoGuard, NoEffect),
        new(EventAction.Handle, "办结反馈", Set(EventStatus.Accepted), EventStatus.Handled,
            Assignees, ScopeTarget.Assignee, NoteRequired("请填写处置结果。"), NoEffect),
        new(EventAction.VerifyPass, "核查通过", Set(EventStatus.Handled), EventStatus.Verified,
            GridStaff, ScopeTarget.EventGrid, NoGuard, NoEffect),
        new(EventAction.VerifyFail, "核查不通过", Set(EventStatus.Handled), EventStatus.Reopened,
            GridStaff, ScopeTarget.EventGrid, NoteRequired("请填写核查不通过的原因。"),
            (e, _, _) => Assign(e, null)),
        new(EventAction.Close, "办结销号", Set(EventStatus.Verified), EventStatus.Closed,
            GridStaff, ScopeTarget.EventGrid, NoGuard,
            (e, _, c) =>
            {
                e.ClosedAt = c.Now;
                e.ResolvedTier = e.IsAboveStreet ? ResolutionTier.AboveStreet : TierOf(e.AssigneeKind);
            }),
        new(EventAction.Reopen, "重办", Set(EventStatus.Closed), EventStatus.Reopened,
            [Roles.Commander], ScopeTarget.EventGrid, NoteRequired("请填写重办理由。"),
            (e, _, _) =>
            {
                e.ClosedAt = null;
                e.ResolvedTier = null;
                Assign(e, null);
            }),
        new(EventAction.Merge, "合并", new HashSet<EventStatus>(Open), EventStatus.Merged,
            [Roles.Commander], ScopeTarget.EventGrid,
            (e, i) => i.TargetEventId is null ? "请选择要合并到的事件。" : i.TargetEventId == e.Id ? "不能合并到自身。" : null,
            (e, i, _) => e.MergedIntoId = i.TargetEventId),
        new(EventAction.Reject, "不予受理", Queue, EventStatus.Rejected,
            [Roles.Commander, Roles.CommunityStaff], ScopeTarget.EventGrid, NoteRequired("请填写不予受理的理由。"),
            (e, _, c) => e.ClosedAt = c.Now),
        .. MultiDepartment.Rows,
    ];

    private static readonly Dictionary<EventAction, Transition> ByAction = Table.ToDictionary(t => t.Action);

    public static Transition? Find(EventAction action) => ByAction.GetValueOrDefault(action);

    /// <summary>Actions the given roles could take now from the event's state (scope not yet checked).</summary>
    public static IEnumerable<Transition> Available(Event e, IReadOnlyCollection<string> roles, OrgUnitRef? unit = null) =>
        Table.Where(t => t.From.Contains(e.Status) && t.Roles.Any(roles.Contains) && t.Blocked?.Invoke(e, unit) is null);

    /// <summary>The unit whose scope decides whether a user may take the transition on this event.</summary>
    public static OrgUnitRef? ScopeUnit(Transition transition, Event e, Guid streetId) => transition.Scope switch
    {
        ScopeTarget.Assignee => e.AssigneeKind is { } kind && e.AssigneeId is { } id ? new OrgUnitRef(kind, id) : null,
        ScopeTarget.Summons or ScopeTarget.Reporter => null, // decided per user: EventAccess.InScopeAsync
        _ => e.GridId is { } grid ? new OrgUnitRef(OrgUnitKind.Grid, grid) : new OrgUnitRef(OrgUnitKind.Street, streetId),
    };

    /// <summary>Checks state, role and guard, then applies the effect and records the step. Scope is the caller's.</summary>
    public static TransitionResult Apply(Event e, EventAction action, TransitionInput input, IReadOnlyCollection<string> roles, TransitionContext context)
    {
        if (Find(action) is not { } transition)
        {
            return new(TransitionFailure.UnknownAction, "未知的操作。");
        }

        if (!transition.From.Contains(e.Status))
        {
            return new(TransitionFailure.WrongStatus, $"事件当前状态为“{StatusName(e.Status)}”，不能{transition.Name}。");
        }

        if (!transition.Roles.Any(roles.Contains))
        {
            return new(TransitionFailure.RoleNotAllowed, $"您的角色不能{transition.Name}。");
        }

        // The state allows the action in general but not now (e.g. this department already checked in): a conflict.
        if (transition.Blocked?.Invoke(e, context.UserUnit) is { } blocked)
        {
            return new(TransitionFailure.WrongStatus, blocked);
        }

        if (transition.Guard(e, input) is { } problem)
        {
            return new(TransitionFailure.GuardFailed, problem);
        }

        var from = e.Status;
        var heldBefore = (e.AssigneeKind, e.AssigneeId);
        transition.Apply(e, input, context);
        e.Status = transition.Next?.Invoke(e) ?? transition.To;
        e.UpdatedAt = context.Now;
        e.Timeline.Add(new EventTimelineEntry
        {
            Id = Guid.CreateVersion7(context.Now),
            EventId = e.Id,
            At = context.Now,
            Action = transition.Action.ToString(),
            FromStatus = from,
            ToStatus = e.Status,
            ActorUserId = context.UserId,
            ActorName = context.UserName,
            Note = Trim(input.Note),
            // Assessment (考核) counts steps per unit: the holder after the step, else the one before it.
            UnitKind = e.AssigneeId is not null ? e.AssigneeKind : heldBefore.AssigneeKind,
            UnitId = e.AssigneeId ?? heldBefore.AssigneeId,
            DueAt = e.DueAt,
        });
        return TransitionResult.Ok;
    }

    public static ResolutionTier TierOf(OrgUnitKind? assignee) => assignee switch
    {
        OrgUnitKind.Grid => ResolutionTier.Grid,
        OrgUnitKind.Community => ResolutionTier.Community,
        _ => ResolutionTier.Street,
    };

    public static string StatusName(EventStatus status) => status switch
    {
        EventStatus.Reported => "已上报",
        EventStatus.Triaged => "已研判",
        EventStatus.Dispatched => "已派单",
        EventStatus.Accepted => "处置中",
        EventStatus.Handled => "已处置",
        EventStatus.Verified => "已核查",
        EventStatus.Closed => "已办结",
        EventStatus.Returned => "已退单",
        EventStatus.ExtensionRequested => "延期申请中",
        EventStatus.Suspended => "已挂起",
        EventStatus.Reopened => "重办",
        EventStatus.Merged => "已合并",
        EventStatus.Rejected => "不予受理",
        EventStatus.Whistled => "吹哨待召集",
        EventStatus.Summoned => "部门报到处置中",
        EventStatus.EscalatedAboveStreet => "已上报区级",
        EventStatus.Dissatisfied => "不满意待复核",
        _ => status.ToString(),
    };

    private static string? Trim(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();

    internal static void Assign(Event e, OrgUnitRef? unit)
    {
        e.AssigneeKind = unit?.Kind;
        e.AssigneeId = unit?.Id;
        e.IsAboveStreet = false;
    }

    internal static HashSet<EventStatus> Set(params EventStatus[] states) => [.. states];

    internal static string? NoGuard(Event e, TransitionInput i) => null;

    internal static void NoEffect(Event e, TransitionInput i, TransitionContext c)
    {
    }

    internal static Func<Event, TransitionInput, string?> NoteRequired(string message) =>
        (_, i) => string.IsNullOrWhiteSpace(i.Note) ? message : null;
}
