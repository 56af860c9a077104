using Jiexin.Data;

namespace Jiexin.Modules.Assessment.Contracts;

/// <summary>One unit's assessment of a month: its score and rank among units of its kind, and the raw counts behind two rates.</summary>
public sealed record AssessmentUnitFigure(
    OrgUnitKind Kind,
    Guid Id,
    double? Score,
    int? Rank,
    int Handled,
    int HandledOnTime,
    int OpenOverdue,
    int Rated,
    int Satisfied);

/// <summary>
/// One month's assessment of every department, community (its own work plus its grids') and grid: the closed snapshot
/// if the month was closed (封存), else computed live with the current rules.
/// </summary>
public sealed record AssessmentMonthFigures(string Month, bool IsClosed, IReadOnlyList<AssessmentUnitFigure> Units);

/// <summary>Read contract for reports (Analytics' monthly report): the assessment of one month, all units, unscoped.</summary>
public interface IAssessmentFigures
{
    /// <param name="month">"yyyy-MM" (China time).</param>
    Task<AssessmentMonthFigures> GetMonthAsync(string month, CancellationToken ct);
}
