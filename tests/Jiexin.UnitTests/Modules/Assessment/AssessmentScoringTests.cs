using Jiexin.Data;
using Jiexin.Modules.Assessment;
using Jiexin.Modules.Assessment.Domain;
using Jiexin.Modules.Assessment.Scoring;

namespace Jiexin.UnitTests.Modules.Assessment;

/// <summary>The scoring formula of docs/decisions/0032-assessment.md on hand-made counts.</summary>
public sealed class AssessmentScoringTests
{
    private static AssessmentRuleSet Rules(int response, int onTime, int returns, int checkIn, int satisfaction, int followUp)
    {
        var r = AssessmentRuleDefaults.Create(1, new DateTime(2031, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        (r.DepartmentResponse, r.DepartmentOnTime, r.DepartmentReturns, r.DepartmentCheckIn, r.DepartmentSatisfaction, r.DepartmentFollowUp) =
            (response, onTime, returns, checkIn, satisfaction, followUp);
        return r;
    }

    [Fact]
    public void The_score_is_the_weighted_mean_of_the_measures_that_have_data()
    {
        // 3 of 4 accepted in time (75), 1 of 4 returned (75 points), no handling, no summons, no feedback.
        var row = new AssessmentResult { Month = "2031-01", UnitKind = OrgUnitKind.Department, Dispatched = 4, AcceptedInTime = 3, Returned = 1 };
        var measures = AssessmentScoring.Measures(OrgUnitKind.Department, row, Rules(20, 25, 15, 15, 15, 10));
        Assert.Equal(75.0, measures.Single(m => m.Key == AssessmentScoring.Response).Points);
        Assert.Equal(75.0, measures.Single(m => m.Key == AssessmentScoring.Returns).Points);
        Assert.Null(measures.Single(m => m.Key == AssessmentScoring.OnTime).Points);
        // (20 × 75 + 15 × 75) / (20 + 15): the measures without data drop out with their weights.
        Assert.Equal(75.0, AssessmentScoring.Score(measures));

        row.Handled = 2;
        row.HandledOnTime = 1;
        row.OpenOverdue = 2; // 1 on time of 4 due
        measures = AssessmentScoring.Measures(OrgUnitKind.Department, row, Rules(20, 25, 15, 15, 15, 10));
        // (20 × 75 + 25 × 25 + 15 × 75) / 60 = 54.1666… → 54.17
        Assert.Equal(54.17, AssessmentScoring.Score(measures));
    }

    [Fact]
    public void No_measure_with_data_and_weight_means_no_score()
    {
        // Dispatches feed response and returns; with both weighted 0 and nothing else to count there is no score.
        var row = new AssessmentResult { Month = "2031-01", UnitKind = OrgUnitKind.Department, Dispatched = 2, AcceptedInTime = 2 };
        Assert.Null(AssessmentScoring.Score(AssessmentScoring.Measures(OrgUnitKind.Department, row, Rules(0, 25, 0, 15, 15, 10))));
        Assert.Equal(100.0, AssessmentScoring.Score(AssessmentScoring.Measures(OrgUnitKind.Department, row, Rules(0, 25, 15, 15, 15, 10))));
        Assert.Null(AssessmentScoring.Score(AssessmentScoring.Measures(OrgUnitKind.Department, new() { Month = "2031-01" }, Rules(20, 25, 15, 15, 15, 10))));
    }

    [Fact]
    public void Area_overdue_counts_late_handling_and_open_overdue_work_against_the_unit()
    {
        var row = new AssessmentResult { Month = "2031-01", UnitKind = OrgUnitKind.Grid, Handled = 3, HandledOnTime = 2, OpenOverdue = 1, Reported = 4, Discovered = 1 };
        var rules = AssessmentRuleDefaults.Create(1, DateTime.UnixEpoch);
        var measures = AssessmentScoring.Measures(OrgUnitKind.Grid, row, rules);
        var overdue = measures.Single(m => m.Key == AssessmentScoring.Overdue);
        Assert.Equal((2, 4), (overdue.Numerator, overdue.Denominator));
        Assert.Equal(50.0, overdue.Points);
        // (25 × 25 + 25 × 50) / 50 = 37.5
        Assert.Equal(37.5, AssessmentScoring.Score(measures));
    }

    [Fact]
    public void Equal_scores_share_a_rank_and_the_next_rank_skips()
    {
        var rows = new[] { 90.0, 95.0, 90.0, (double?)null, 80.0 }
            .Select(s => new AssessmentResult { Month = "2031-01", Score = s }).ToList();
        AssessmentScoring.Rank(rows);
        Assert.Equal(new int?[] { 2, 1, 2, null, 4 }, rows.Select(r => r.Rank));
    }
}
