using Jiexin.Data;

namespace Jiexin.Modules.Events.Contracts;

/// <summary>
/// One assessment period (考核月): [<see cref="FromUtc"/>, <see cref="ToUtc"/>), observed at <see cref="NowUtc"/> (work whose
/// time has not run out by then is neither on time nor late yet), with the response window (签收时限) in working time.
/// </summary>
public sealed record AssessmentPeriod(DateTime FromUtc, DateTime ToUtc, DateTime NowUtc, TimeSpan ResponseWindow);

/// <summary>
/// Raw counts of one org unit (a department, a community or a grid) for one period, as the Events module records them.
/// Only decided items are counted: a dispatch still inside its response window, or a summons inside its check-in window,
/// is in no count yet.
/// </summary>
public sealed class AssessmentUnitCounts
{
    public required OrgUnitKind Kind { get; init; }

    public required Guid Id { get; init; }

    /// <summary>派单 to the unit in the period whose response is decided (签收, 退单, or the window ran out).</summary>
    public int Dispatched { get; set; }

    /// <summary>Of <see cref="Dispatched"/>: 签收 by the unit within the response window (working time).</summary>
    public int AcceptedInTime { get; set; }

    /// <summary>退单 by the unit in the period.</summary>
    public int Returned { get; set; }

    /// <summary>办结反馈 (handling recorded) by the unit in the period.</summary>
    public int Handled { get; set; }

    /// <summary>Of <see cref="Handled"/>: recorded by the deadline in force then (or with no deadline).</summary>
    public int HandledOnTime { get; set; }

    /// <summary>Work the unit still holds unhandled whose deadline fell in the period and has passed (超期未办).</summary>
    public int OpenOverdue { get; set; }

    /// <summary>Summonses (吹哨报到 / 多部门派单) of the department in the period whose check-in is decided.</summary>
    public int Summoned { get; set; }

    /// <summary>Of <see cref="Summoned"/>: checked in (报到) by the check-in deadline.</summary>
    public int CheckedInOnTime { get; set; }

    /// <summary>Verdicts (评价 or 未评价) recorded in the period on closings the unit held.</summary>
    public int FeedbackDue { get; set; }

    /// <summary>Of <see cref="FeedbackDue"/>: the reporter was reached and rated (回访).</summary>
    public int Rated { get; set; }

    /// <summary>Of <see cref="Rated"/>: 4 or 5 stars.</summary>
    public int Satisfied { get; set; }

    /// <summary>Grids: events reported in the period placed in the grid.</summary>
    public int Reported { get; set; }

    /// <summary>Grids: of <see cref="Reported"/>, found by the grid's own patrol (源头发现, channel 网格员巡查).</summary>
    public int Discovered { get; set; }

    /// <summary>Grids: events of the grid closed (销号) in the period.</summary>
    public int Closed { get; set; }

    /// <summary>Grids: of <see cref="Closed"/>, closed while the grid itself held them (小事不出网格).</summary>
    public int ClosedAtGrid { get; set; }

    /// <summary>Grids: of <see cref="Closed"/>, closed while a community held them (小事不出村).</summary>
    public int ClosedAtCommunity { get; set; }
}

/// <summary>
/// Per-unit raw counts for one assessment period, computed from the events' steps with set-based queries bounded by
/// the period (docs/decisions/0032-assessment.md). The Assessment module scores them; it never reads event tables.
/// Units with nothing to count are left out.
/// </summary>
public interface IAssessmentSource
{
    Task<IReadOnlyList<AssessmentUnitCounts>> CountAsync(AssessmentPeriod period, CancellationToken ct);
}
