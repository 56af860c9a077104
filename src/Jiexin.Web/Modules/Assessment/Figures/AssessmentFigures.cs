using Jiexin.Modules.Assessment.Contracts;
using Jiexin.Modules.Assessment.Scoring;

namespace Jiexin.Modules.Assessment.Figures;

/// <summary><see cref="IAssessmentFigures"/> over <see cref="AssessmentMonths"/> (snapshot when closed, live otherwise).</summary>
internal sealed class AssessmentFigures(AssessmentMonths months) : IAssessmentFigures
{
    public async Task<AssessmentMonthFigures> GetMonthAsync(string month, CancellationToken ct)
    {
        var results = await months.GetAsync(month, ct);
        return new AssessmentMonthFigures(
            results.Month,
            results.IsClosed,
            [.. results.Rows.Select(r => new AssessmentUnitFigure(r.UnitKind, r.UnitId, r.Score, r.Rank, r.Handled, r.HandledOnTime, r.OpenOverdue, r.Rated, r.Satisfied))]);
    }
}
