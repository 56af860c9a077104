using Jiexin.Data;

namespace Jiexin.Modules.Events.Domain;

/// <summary>事件: one resident demand or discovered problem running the five-step loop.</summary>
public sealed class Event : IHasVersion
{
    public Guid Id { get; set; }

    /// <summary>Short code the reporter tracks the event by, e.g. XZ2611290ABC12.</summary>
    public required string TrackingCode { get; set; }

    public EventChannel Channel { get; set; }

    public required string Description { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public string? Address { get; set; }

    /// <summary>The grid the place belongs to (全要素网格); null only when no place could be located.</summary>
    public Guid? GridId { get; set; }

    public Guid? CommunityId { get; set; }

    /// <summary>小类 code from the attribution taxonomy; null while unclassified.</summary>
    public string? CategoryCode { get; set; }

    public string? CategoryName { get; set; }

    /// <summary>The classifier's probability for <see cref="CategoryCode"/> at intake; below the threshold a person triages.</summary>
    public double? AttributionProbability { get; set; }

    /// <summary>The model's first choice (小类) at intake, kept when a person later changes <see cref="CategoryCode"/>: attribution quality figures.</summary>
    public string? AttributedCategoryCode { get; set; }

    /// <summary>Whether the model was sure enough at intake to dispatch without a person (above the threshold).</summary>
    public bool AttributionConfident { get; set; }

    /// <summary>The department the routing rules suggest for the category and place (the dispatcher decides).</summary>
    public Guid? SuggestedDepartmentId { get; set; }

    public EventStatus Status { get; set; }

    /// <summary>Who holds the event now (a grid, a community, a department or the street).</summary>
    public OrgUnitKind? AssigneeKind { get; set; }

    public Guid? AssigneeId { get; set; }

    /// <summary>The unit that last returned the event (退单): its department inbox lists it, assessment counts it.</summary>
    public OrgUnitKind? ReturnedByKind { get; set; }

    public Guid? ReturnedById { get; set; }

    public Guid? ReporterUserId { get; set; }

    /// <summary>Hidden from other residents; staff still see who reported.</summary>
    public bool IsAnonymous { get; set; }

    public Guid? CreatedByUserId { get; set; }

    /// <summary>Retries with the same key (per submitting account) return this event instead of creating another.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>Hash of the request that created the event, to tell a retry from a different request reusing a key.</summary>
    public string? IdempotencyHash { get; set; }

    public Guid? MergedIntoId { get; set; }

    public ResolutionTier? ResolvedTier { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? DueAt { get; set; }

    /// <summary>When the 黄牌 (due soon) starts: the last part of the working time to <see cref="DueAt"/> (Deadlines).</summary>
    public DateTime? WarnAt { get; set; }

    /// <summary>The deadline mark the warnings job has given (黄牌 / 红牌); reset when a new deadline is set.</summary>
    public Deadlines.DeadlineWarning Warning { get; set; }

    /// <summary>The warnings-job run that last marked the event: how a run finds the rows its UPDATE claimed.</summary>
    public Guid? WarningClaim { get; set; }

    public DateTime? ClosedAt { get; set; }

    public int Version { get; set; }

    public List<EventTimelineEntry> Timeline { get; set; } = [];

    /// <summary>When a grid worker or community last blew the whistle (吹哨) on it; kept for tier statistics.</summary>
    public DateTime? WhistledAt { get; set; }

    /// <summary>When the command centre last escalated it beyond the street (上报区级); counts against 矛盾不上交.</summary>
    public DateTime? EscalatedAboveStreetAt { get; set; }

    /// <summary>Held above the street now: closing it then records <see cref="ResolutionTier.AboveStreet"/>. Any reassignment clears it.</summary>
    public bool IsAboveStreet { get; set; }

    /// <summary>Departments summoned to it (吹哨报到 / 多部门派单), every round; the current round is the non-superseded rows.</summary>
    public List<EventSummons> Summons { get; set; } = [];

    /// <summary>The reporter's rating (or its absence) for each closing.</summary>
    public List<EventFeedback> Feedback { get; set; } = [];
}

/// <summary>One step of an event's history: who did what, when, from which state to which.</summary>
public sealed class EventTimelineEntry
{
    public Guid Id { get; set; }

    public Guid EventId { get; set; }

    public DateTime At { get; set; }

    public required string Action { get; set; }

    public EventStatus? FromStatus { get; set; }

    public EventStatus ToStatus { get; set; }

    public Guid? ActorUserId { get; set; }

    public string ActorName { get; set; } = "";

    public string? Note { get; set; }

    /// <summary>Where the step was taken (e.g. on-site handling or verification), WGS-84; optional.</summary>
    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    /// <summary>
    /// The unit the step concerns (考核): the holder after the step when it has one (派单 → the new assignee), else the
    /// holder before it (退单 → the unit that returned it). Null for steps no unit held (intake, escalation above the street).
    /// </summary>
    public OrgUnitKind? UnitKind { get; set; }

    public Guid? UnitId { get; set; }

    /// <summary>The deadline in force when the step was taken (before any new deadline the step itself starts): on-time 办结 for 考核.</summary>
    public DateTime? DueAt { get; set; }
}
