namespace Jiexin.Modules.Disputes.Contracts;

/// <summary>A dispute's risk level as other modules see it (红/橙/黄 of the centre's 排查预警 rules, or none).</summary>
public enum DisputeRiskFigure
{
    None,
    Yellow,
    Orange,
    Red,
}

/// <summary>One open dispute that needs the command centre's eye: high risk, group (群体性), or past its mediation deadline.</summary>
public sealed record DisputeAtRisk(
    Guid Id,
    string CaseNumber,
    string TypeName,
    DisputeRiskFigure Risk,
    string? RiskReasons,
    bool IsGroup,
    int PeopleCount,
    bool IsOverdue,
    Guid? CommunityId,
    Guid? GridId,
    DateTime CreatedAt,
    DateTime? DueAt,
    string Summary);

/// <summary>Read contract for early warning (Warnings module): the open disputes at risk now.</summary>
public interface IDisputeRiskSignals
{
    /// <summary>Open disputes with risk at or above <paramref name="minRisk"/>, group disputes, and those past their deadline at <paramref name="nowUtc"/>.</summary>
    Task<IReadOnlyList<DisputeAtRisk>> ListOpenAtRiskAsync(DisputeRiskFigure minRisk, DateTime nowUtc, CancellationToken ct);
}
