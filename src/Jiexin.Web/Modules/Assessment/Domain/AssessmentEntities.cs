using Jiexin.Data;

namespace Jiexin.Modules.Assessment.Domain;

/// <summary>
/// 考核规则: the weights of the measures and the response window, as the Admin set them. Never edited in place: every
/// change is a new row with the next <see cref="Number"/>, so a closed month names exactly the rules that scored it.
/// Weights are whole numbers 0–100; a unit's score divides by the weights of the measures it has data for.
/// </summary>
public sealed class AssessmentRuleSet
{
    public Guid Id { get; set; }

    /// <summary>第 N 版: 1, 2, 3 … in the order they were saved.</summary>
    public int Number { get; set; }

    /// <summary>签收时限: a dispatch must be accepted within this many working hours.</summary>
    public int ResponseWorkingHours { get; set; }

    public int DepartmentResponse { get; set; }

    public int DepartmentOnTime { get; set; }

    public int DepartmentReturns { get; set; }

    public int DepartmentCheckIn { get; set; }

    public int DepartmentSatisfaction { get; set; }

    public int DepartmentFollowUp { get; set; }

    public int AreaDiscovery { get; set; }

    public int AreaInTier { get; set; }

    public int AreaOverdue { get; set; }

    public int AreaSatisfaction { get; set; }

    public string? Note { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid? CreatedByUserId { get; set; }

    public string CreatedByName { get; set; } = "";
}

/// <summary>A month closed (封存) once: its results are snapshotted with the rule set in force at the closing.</summary>
public sealed class AssessmentMonth
{
    /// <summary>"yyyy-MM" (China calendar month).</summary>
    public required string Month { get; set; }

    public Guid RuleSetId { get; set; }

    public DateTime ClosedAt { get; set; }

    /// <summary>Null when the recurring job closed it.</summary>
    public string? ClosedByName { get; set; }
}

/// <summary>One unit's snapshotted row of a closed month: the raw counts, the score and the rank among its kind.</summary>
public sealed class AssessmentResult
{
    public Guid Id { get; set; }

    public required string Month { get; set; }

    public OrgUnitKind UnitKind { get; set; }

    public Guid UnitId { get; set; }

    public int Dispatched { get; set; }

    public int AcceptedInTime { get; set; }

    public int Returned { get; set; }

    public int Handled { get; set; }

    public int HandledOnTime { get; set; }

    public int OpenOverdue { get; set; }

    public int Summoned { get; set; }

    public int CheckedInOnTime { get; set; }

    public int FeedbackDue { get; set; }

    public int Rated { get; set; }

    public int Satisfied { get; set; }

    public int Reported { get; set; }

    public int Discovered { get; set; }

    public int Closed { get; set; }

    public int ClosedInTier { get; set; }

    /// <summary>0–100, two decimals; null when the unit had nothing to assess that month.</summary>
    public double? Score { get; set; }

    /// <summary>1 = best among units of its kind that month (ties share a rank); null without a score.</summary>
    public int? Rank { get; set; }
}

/// <summary>领导班子包干: one leader is responsible for one community or grid.</summary>
public sealed class LeaderArea
{
    public Guid Id { get; set; }

    public Guid LeaderUserId { get; set; }

    public string LeaderName { get; set; } = "";

    public OrgUnitKind UnitKind { get; set; }

    public Guid UnitId { get; set; }

    public DateTime AssignedAt { get; set; }

    public string AssignedByName { get; set; } = "";
}
