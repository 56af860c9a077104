using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.Photos;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Media;

namespace Jiexin.Modules.Events.Shared;

public sealed record UnitDto(OrgUnitKind Kind, Guid Id, string Name);

public sealed record TimelineDto(DateTime At, string Action, EventStatus? FromStatus, EventStatus ToStatus, string StatusName, string Actor, string? Note,
    double? Latitude = null, double? Longitude = null, IReadOnlyList<MediaRef>? Photos = null);

/// <summary>What a staff channel recorded beside the event; the phone only masked (personal data).</summary>
public sealed record IntakeDto(string? ContactName, string? ContactPhone, string? ExternalOrderNo, DateTime? ExternalReceivedAt);

public sealed record ActionDto(string Action, string Name);

/// <summary>The event as the API and pages show it. Residents never see who reported another resident's event.</summary>
public sealed record EventDto(
    Guid Id,
    string TrackingCode,
    EventStatus Status,
    string StatusName,
    EventChannel Channel,
    string Description,
    double? Latitude,
    double? Longitude,
    string? Address,
    Guid? GridId,
    string? GridName,
    Guid? CommunityId,
    string? CommunityName,
    string? Category,
    string? CategoryName,
    UnitDto? Assignee,
    bool IsAnonymous,
    ResolutionTier? ResolvedTier,
    Guid? MergedIntoId,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? DueAt,
    DateTime? ClosedAt,
    int Version,
    IReadOnlyList<TimelineDto>? Timeline,
    IReadOnlyList<ActionDto>? Actions,
    IReadOnlyList<MediaRef>? Photos = null,
    IntakeDto? Intake = null,
    Deadlines.DeadlineWarning Warning = Deadlines.DeadlineWarning.None,
    bool Overdue = false)
{
    /// <summary>
    /// <paramref name="photos"/>: the event's intake photos and its steps' photos (owner kinds <c>event</c> and
    /// <c>event-step</c>), split here between the event and its timeline.
    /// </summary>
    public static EventDto From(Event e, IOrgDirectory orgs, IEnumerable<EventTimelineEntry>? timeline = null, IEnumerable<Transition>? actions = null,
        IReadOnlyList<MediaFile>? photos = null, EventIntakeDetails? intake = null) => new(
        e.Id,
        e.TrackingCode,
        e.Status,
        EventWorkflow.StatusName(e.Status),
        e.Channel,
        e.Description,
        e.Latitude,
        e.Longitude,
        e.Address,
        e.GridId,
        e.GridId is { } g ? Name(orgs, new OrgUnitRef(OrgUnitKind.Grid, g)) : null,
        e.CommunityId,
        e.CommunityId is { } c ? Name(orgs, new OrgUnitRef(OrgUnitKind.Community, c)) : null,
        e.CategoryCode,
        e.CategoryName,
        e.AssigneeKind is { } kind && e.AssigneeId is { } id ? new UnitDto(kind, id, Name(orgs, new OrgUnitRef(kind, id))) : null,
        e.IsAnonymous,
        e.ResolvedTier,
        e.MergedIntoId,
        e.CreatedAt,
        e.UpdatedAt,
        e.DueAt,
        e.ClosedAt,
        e.Version,
        timeline?.OrderBy(t => t.At).Select(t => new TimelineDto(t.At, t.Action, t.FromStatus, t.ToStatus, EventWorkflow.StatusName(t.ToStatus), t.ActorName, t.Note,
            t.Latitude, t.Longitude, photos is null ? null : PhotosOf(photos, EventPhotos.StepKind, t.Id))).ToList(),
        actions?.Select(a => new ActionDto(a.Action.ToString(), a.Name)).ToList(),
        photos is null ? null : PhotosOf(photos, EventPhotos.EventKind, e.Id),
        intake is null ? null : new IntakeDto(intake.ContactName, intake.ContactPhoneMasked, intake.ExternalOrderNo, intake.ExternalReceivedAt),
        e.Warning,
        e.Warning == Deadlines.DeadlineWarning.Overdue)
    {
        WhistledAt = e.WhistledAt,
        EscalatedAboveStreetAt = e.EscalatedAboveStreetAt,
    };

    private static List<MediaRef> PhotosOf(IReadOnlyList<MediaFile> photos, string kind, Guid owner) =>
        [.. photos.Where(m => m.OwnerKind == kind && m.OwnerId == owner).Select(m => m.ToRef())];

    private static string Name(IOrgDirectory orgs, OrgUnitRef unit) => orgs.Describe(unit);

    /// <summary>When a grid worker or community last blew the whistle (吹哨) on it.</summary>
    public DateTime? WhistledAt { get; init; }

    /// <summary>When it was last escalated beyond the street (上报区级); counts against 矛盾不上交 whatever happened next.</summary>
    public DateTime? EscalatedAboveStreetAt { get; init; }

    /// <summary>Departments summoned to the event (吹哨报到 / 多部门派单), every round; set by the detail query only.</summary>
    public IReadOnlyList<SummonsDto>? Summons { get; init; }

    /// <summary>督办 notices on the event, newest first; staff only.</summary>
    public IReadOnlyList<SupervisionNoticeDto>? SupervisionNotices { get; init; }

    /// <summary>Whether the caller may issue a 督办 notice on the event now.</summary>
    public bool CanSupervise { get; init; }

    /// <summary>The reporter's rating (or "no feedback") of each closing.</summary>
    public IReadOnlyList<FeedbackDto>? Feedback { get; init; }

    /// <summary>Until when the reporter may rate the current closing; null when there is nothing to rate.</summary>
    public DateTime? FeedbackDueAt { get; init; }
}
