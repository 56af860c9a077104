using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Platform.Auth;

namespace Jiexin.Modules.Events.Shared;

public sealed record UnitDto(OrgUnitKind Kind, Guid Id, string Name);

public sealed record TimelineDto(DateTime At, string Action, EventStatus? FromStatus, EventStatus ToStatus, string StatusName, string Actor, string? Note);

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
    Deadlines.DeadlineWarning Warning = Deadlines.DeadlineWarning.None,
    bool Overdue = false)
{
    public static EventDto From(Event e, IOrgDirectory orgs, IEnumerable<EventTimelineEntry>? timeline = null, IEnumerable<Transition>? actions = null) => new(
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
        timeline?.OrderBy(t => t.At).Select(t => new TimelineDto(t.At, t.Action, t.FromStatus, t.ToStatus, EventWorkflow.StatusName(t.ToStatus), t.ActorName, t.Note)).ToList(),
        actions?.Select(a => new ActionDto(a.Action.ToString(), a.Name)).ToList(),
        e.Warning,
        e.Warning == Deadlines.DeadlineWarning.Overdue);

    private static string Name(IOrgDirectory orgs, OrgUnitRef unit) => orgs.Describe(unit);
}
