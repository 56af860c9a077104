using Jiexin.Data;

namespace Jiexin.Modules.Disputes.Domain;

/// <summary>How a screening round (排查) ended for its grid.</summary>
public enum ScreeningStatus
{
    /// <summary>未排查: nothing recorded yet.</summary>
    Pending,

    /// <summary>已排查，发现隐患.</summary>
    RisksFound,

    /// <summary>已排查，本周无矛盾纠纷隐患.</summary>
    NoneFound,
}

/// <summary>
/// 排查: one grid's dispute screening for one period (a week by default). One row per grid and period (unique), so the
/// job that opens them, and the grid worker opening this week's, can never make two.
/// </summary>
public sealed class ScreeningRound : IHasVersion
{
    public Guid Id { get; set; }

    public Guid GridId { get; set; }

    public Guid CommunityId { get; set; }

    /// <summary>First China date of the period.</summary>
    public DateOnly PeriodStart { get; set; }

    /// <summary>Last China date of the period.</summary>
    public DateOnly PeriodEnd { get; set; }

    /// <summary>The end of the period (UTC): not done by then is 超期.</summary>
    public DateTime DueAt { get; set; }

    public ScreeningStatus Status { get; set; }

    public DateTime? CompletedAt { get; set; }

    public Guid? CompletedByUserId { get; set; }

    public string? CompletedByName { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Version { get; set; }

    public List<ScreeningRisk> Risks { get; set; } = [];
}

/// <summary>A dispute risk (矛盾纠纷隐患) found in a screening round, rated by <see cref="DisputeRules.Assess"/>; it may become a case.</summary>
public sealed class ScreeningRisk
{
    public Guid Id { get; set; }

    public Guid RoundId { get; set; }

    public Guid GridId { get; set; }

    public Guid CommunityId { get; set; }

    public required string Description { get; set; }

    /// <summary>当事人 as the grid worker names them (e.g. “3 号楼张某与楼下李某”).</summary>
    public required string Parties { get; set; }

    public int PeopleCount { get; set; }

    public required string Place { get; set; }

    public required string TypeCode { get; set; }

    public required string TypeName { get; set; }

    public decimal? Amount { get; set; }

    /// <summary>涉及老人、未成年人、残疾人等弱势群体.</summary>
    public bool VulnerablePeople { get; set; }

    public RiskLevel Risk { get; set; }

    public string? RiskReasons { get; set; }

    public DateTime RecordedAt { get; set; }

    public Guid? RecordedByUserId { get; set; }

    public string RecordedByName { get; set; } = "";

    /// <summary>The case it became (纳入调处); null until then.</summary>
    public Guid? DisputeId { get; set; }

    public string? DisputeCaseNumber { get; set; }

    public DateTime? ConvertedAt { get; set; }
}
