namespace Jiexin.Modules.Disputes.Contracts;

/// <summary>A dispute risk a grid worker recorded in a screening round (排查), rated 红/橙/黄 by the centre's rules.</summary>
public sealed record ScreeningRiskSignal(
    Guid Id,
    Guid RoundId,
    DisputeRiskFigure Risk,
    string? RiskReasons,
    string Description,
    string Parties,
    string Place,
    string TypeName,
    int PeopleCount,
    bool VulnerablePeople,
    Guid CommunityId,
    Guid GridId,
    DateTime RecordedAt,
    Guid? DisputeId);

/// <summary>Read contract for early warning (Warnings module): screening risks that need a response.</summary>
public interface IScreeningRiskSignals
{
    /// <summary>Risks rated at least yellow recorded at or after <paramref name="sinceUtc"/>, oldest first.</summary>
    Task<IReadOnlyList<ScreeningRiskSignal>> ListRatedSinceAsync(DateTime sinceUtc, CancellationToken ct);
}
