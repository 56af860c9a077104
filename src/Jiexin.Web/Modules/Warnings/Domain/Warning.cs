using Jiexin.Data;

namespace Jiexin.Modules.Warnings.Domain;

/// <summary>What raised a warning (预警): one rule of docs/decisions/0033-warnings-and-hotspots.md.</summary>
public enum WarningKind
{
    /// <summary>类别激增: a 大类 spiking in a community against its own 28-day baseline (Poisson).</summary>
    CategorySpike,

    /// <summary>同一地点重复上报.</summary>
    RepeatedPlace,

    /// <summary>同一人重复上报.</summary>
    RepeatedReporter,

    /// <summary>矛盾纠纷风险 (high risk, group, or past its deadline).</summary>
    DisputeRisk,

    /// <summary>超期积压: a grid or department holding many overdue events.</summary>
    OverdueCluster,

    /// <summary>排查发现的矛盾纠纷隐患 (red/orange/yellow): needs a response by a deadline, escalates once if unanswered.</summary>
    ScreeningRisk,
}

public enum WarningStatus
{
    /// <summary>待确认.</summary>
    Open,

    /// <summary>已确认.</summary>
    Acknowledged,

    /// <summary>已指派.</summary>
    Assigned,

    /// <summary>已关闭.</summary>
    Closed,
}

public enum WarningSeverity
{
    /// <summary>黄色.</summary>
    Yellow,

    /// <summary>橙色.</summary>
    Orange,

    /// <summary>红色.</summary>
    Red,
}

/// <summary>预警: one alert raised by a rule, with the evidence it saw, acknowledged (确认) and assigned (指派) by the command centre.</summary>
public sealed class Warning : IHasVersion
{
    public Guid Id { get; set; }

    public WarningKind Kind { get; set; }

    public WarningSeverity Severity { get; set; }

    public WarningStatus Status { get; set; }

    /// <summary>The condition this alert stands for (e.g. <c>spike:{community}:{大类}:{date}</c>).</summary>
    public required string ConditionKey { get; set; }

    /// <summary>
    /// <see cref="ConditionKey"/> while the alert is not closed, null after: a unique index on it means the same
    /// condition can never have two open alerts, whichever instance's job raises it first.
    /// </summary>
    public string? OpenKey { get; set; }

    public required string Title { get; set; }

    /// <summary>What the rule saw, in words (zh-CN).</summary>
    public required string Summary { get; set; }

    /// <summary>The figures and items the rule saw, as JSON (<see cref="WarningEvidence"/>).</summary>
    public required string EvidenceJson { get; set; }

    public Guid? CommunityId { get; set; }

    public Guid? GridId { get; set; }

    public Guid? DepartmentId { get; set; }

    public DateTime RaisedAt { get; set; }

    public DateTime? AcknowledgedAt { get; set; }

    public Guid? AcknowledgedByUserId { get; set; }

    public string? AcknowledgedByName { get; set; }

    /// <summary>指派: the unit (department, community, grid) that must follow it up.</summary>
    public OrgUnitKind? AssigneeKind { get; set; }

    public Guid? AssigneeId { get; set; }

    /// <summary>指派 to one person (a staff account), optionally with the unit.</summary>
    public Guid? AssigneeUserId { get; set; }

    public string? AssignNote { get; set; }

    public DateTime? AssignedAt { get; set; }

    public string? AssignedByName { get; set; }

    public DateTime? ClosedAt { get; set; }

    public string? CloseNote { get; set; }

    /// <summary>响应期限 (alerts that need a response: 排查隐患 by level); null for the others.</summary>
    public DateTime? ResponseDueAt { get; set; }

    /// <summary>响应: who responded, with what measure (措施), when.</summary>
    public DateTime? RespondedAt { get; set; }

    public Guid? RespondedByUserId { get; set; }

    public string? RespondedByName { get; set; }

    public string? ResponseMeasure { get; set; }

    /// <summary>Unanswered by <see cref="ResponseDueAt"/>: escalated once (村社区 → 街道指挥中心) at this moment.</summary>
    public DateTime? EscalatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>The evidence stored with an alert: the figures of the rule and the items (events, disputes) it counted.</summary>
public sealed record WarningEvidence(
    IReadOnlyDictionary<string, double> Figures,
    IReadOnlyList<Guid> EventIds,
    IReadOnlyList<Guid> DisputeIds,
    IReadOnlyList<EvidenceDay>? Series = null);

/// <summary>One day of a spike's series (the baseline days and today).</summary>
public sealed record EvidenceDay(DateOnly Day, int Count);
