using System.Security.Claims;

namespace Jiexin.Modules.Events.Contracts;

/// <summary>
/// A report another module files into the loop on a staff member's behalf (e.g. a facility's fault, 部件故障上报), with the
/// step that names what it came from (<paramref name="LinkAction"/>, <paramref name="LinkNote"/>: the link back).
/// </summary>
public sealed record IntakeReport(string Description, double? Latitude, double? Longitude, string? Address, string LinkAction, string LinkNote);

/// <summary>The event made, or the intake's field errors (description, latitude ...).</summary>
public sealed record IntakeOutcome(Guid? EventId, string? TrackingCode, IDictionary<string, string[]>? Errors);

/// <summary>Where an event stands now, as other modules list it beside their records.</summary>
public sealed record EventState(Guid Id, string TrackingCode, string Status, string StatusName, bool IsOpen, DateTime ReportedAt, DateTime? ClosedAt);

/// <summary>
/// Intake for other modules: the same path as <c>POST /api/v1/events</c> (location to grid, attribution, tracking code,
/// the caller's channel), so the event enters the one queue like any other report.
/// </summary>
public interface IEventIntake
{
    /// <summary>
    /// Reports the event as <paramref name="user"/>. Inside the caller's transaction when it holds one (the event and the
    /// caller's records then commit together); the link step is tracked in the caller's DbContext and saved with its
    /// next SaveChanges.
    /// </summary>
    Task<IntakeOutcome> ReportAsync(IntakeReport report, ClaimsPrincipal user, CancellationToken ct);

    /// <summary>The given events that exist, with their status now.</summary>
    Task<IReadOnlyList<EventState>> StatesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);
}
