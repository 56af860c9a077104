using Jiexin.Data;
using Jiexin.Modules.Assessment.Domain;
using Jiexin.Platform.Localization;

namespace Jiexin.Modules.Assessment.Scoring;

/// <summary>One measure of one unit: the counts behind it, its rate, its points (0–100) and its weight.</summary>
public sealed record MeasureResult(string Key, string Name, int Numerator, int Denominator, double? Rate, double? Points, int Weight);

/// <summary>
/// 考核计分 (docs/decisions/0032-assessment.md). Every measure is a rate over counts of the month; its points are
/// 100 × the rate, or 100 × (1 − rate) for the measures where less is better (退单, 超期). A measure with a zero
/// denominator has no points and drops out; the score is Σ(weight × points) / Σ(weight) over the measures that have
/// points and a weight > 0, rounded to two decimals — null when none has. Ranks: competition ranking by score among
/// units of one kind (equal scores share a rank, the next rank skips), units without a score are not ranked.
/// </summary>
public static class AssessmentScoring
{
    public const string Response = "response";
    public const string OnTime = "onTime";
    public const string Returns = "returns";
    public const string CheckIn = "checkIn";
    public const string Satisfaction = "satisfaction";
    public const string FollowUp = "followUp";
    public const string Discovery = "discovery";
    public const string InTier = "inTier";
    public const string Overdue = "overdue";

    public static IReadOnlyList<MeasureResult> Measures(OrgUnitKind kind, AssessmentResult r, AssessmentRuleSet rules) => kind == OrgUnitKind.Department
        ?
        [
            Rate(Response, Text.T("签收及时率", "Accepted in time"), r.AcceptedInTime, r.Dispatched, rules.DepartmentResponse),
            Rate(OnTime, Text.T("按期办结率", "Handled on time"), r.HandledOnTime, r.Handled + r.OpenOverdue, rules.DepartmentOnTime),
            Inverse(Returns, Text.T("退单率", "Returns"), r.Returned, Math.Max(r.Dispatched, r.Returned), rules.DepartmentReturns),
            Rate(CheckIn, Text.T("报到及时率", "Checked in on time"), r.CheckedInOnTime, r.Summoned, rules.DepartmentCheckIn),
            Rate(Satisfaction, Text.T("满意率", "Satisfaction"), r.Satisfied, r.Rated, rules.DepartmentSatisfaction),
            Rate(FollowUp, Text.T("回访率", "Follow-up"), r.Rated, r.FeedbackDue, rules.DepartmentFollowUp),
        ]
        :
        [
            Rate(Discovery, Text.T("源头发现率", "Found on patrol"), r.Discovered, r.Reported, rules.AreaDiscovery),
            Rate(InTier, kind == OrgUnitKind.Grid ? Text.T("网格内化解率", "Resolved in the grid") : Text.T("村社区内化解率", "Resolved in the community"),
                r.ClosedInTier, r.Closed, rules.AreaInTier),
            Inverse(Overdue, Text.T("超期率", "Overdue"), r.Handled - r.HandledOnTime + r.OpenOverdue, r.Handled + r.OpenOverdue, rules.AreaOverdue),
            Rate(Satisfaction, Text.T("满意率", "Satisfaction"), r.Satisfied, r.Rated, rules.AreaSatisfaction),
        ];

    public static double? Score(IReadOnlyList<MeasureResult> measures)
    {
        var counted = measures.Where(m => m.Points is not null && m.Weight > 0).ToList();
        var weights = counted.Sum(m => m.Weight);
        return weights == 0 ? null : Math.Round(counted.Sum(m => m.Weight * m.Points!.Value) / weights, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>Competition ranking ("1224") of the scored rows, best first; sets <see cref="AssessmentResult.Rank"/>.</summary>
    public static void Rank(IEnumerable<AssessmentResult> rows)
    {
        var scored = rows.Where(r => r.Score is not null).OrderByDescending(r => r.Score).ToList();
        for (var i = 0; i < scored.Count; i++)
        {
            scored[i].Rank = i > 0 && scored[i].Score == scored[i - 1].Score ? scored[i - 1].Rank : i + 1;
        }
    }

    private static MeasureResult Rate(string key, string name, int numerator, int denominator, int weight)
    {
        double? rate = denominator > 0 ? Math.Clamp((double)numerator / denominator, 0, 1) : null;
        return new(key, name, numerator, denominator, rate, rate * 100, weight);
    }

    private static MeasureResult Inverse(string key, string name, int numerator, int denominator, int weight)
    {
        double? rate = denominator > 0 ? Math.Clamp((double)numerator / denominator, 0, 1) : null;
        return new(key, name, numerator, denominator, rate, rate is { } r ? (1 - r) * 100 : null, weight);
    }
}
