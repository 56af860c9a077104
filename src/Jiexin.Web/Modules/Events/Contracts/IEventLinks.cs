using System.Security.Claims;

namespace Jiexin.Modules.Events.Contracts;

/// <summary>What another module needs of an event it takes over (事件转矛盾纠纷).</summary>
public sealed record LinkedEvent(Guid Id, string TrackingCode, string Description, Guid? GridId, Guid? CommunityId, string? Address, Guid? ReporterUserId,
    string? StatusName = null);

/// <summary>Links between events and other modules' cases: read an event the user may see, and note the link on the event.</summary>
public interface IEventLinks
{
    /// <summary>The event, when it exists and the user may see it; otherwise null.</summary>
    Task<LinkedEvent?> FindVisibleAsync(Guid eventId, ClaimsPrincipal user, CancellationToken ct);

    /// <summary>Those of the events the user may see, in the order asked (evidence lists: a warning's events).</summary>
    Task<IReadOnlyList<LinkedEvent>> FindVisibleAsync(IReadOnlyCollection<Guid> eventIds, ClaimsPrincipal user, CancellationToken ct);

    /// <summary>
    /// Adds a step to the event's timeline naming the case it became (the link back). Tracked in the caller's
    /// DbContext, so it commits with the caller's SaveChanges, and is notified like every other step.
    /// </summary>
    Task NoteLinkAsync(Guid eventId, string action, string note, Guid? actorUserId, string actorName, DateTime now, CancellationToken ct);
}
