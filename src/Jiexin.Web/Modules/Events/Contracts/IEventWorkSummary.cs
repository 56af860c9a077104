using System.Security.Claims;

namespace Jiexin.Modules.Events.Contracts;

/// <summary>
/// The work waiting in a staff member's scope, as the console's home page shows it: new reports to triage, returned
/// ones to dispatch again, handled ones to verify, the overdue (红牌), and today's intake (China date).
/// </summary>
public sealed record EventWorkSummary(int Reported, int Returned, int Handled, int Overdue, int ReportedToday);

public interface IEventWorkSummary
{
    /// <summary>Counted over exactly the events the queue would show <paramref name="user"/>.</summary>
    Task<EventWorkSummary> ForAsync(ClaimsPrincipal user, CancellationToken ct);
}
