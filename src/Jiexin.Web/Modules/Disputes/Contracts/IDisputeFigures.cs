namespace Jiexin.Modules.Disputes.Contracts;

/// <summary>
/// The dispute centre's counts for one period: cases received (受理), closed (结案) and of those mediated successfully
/// (达成协议, 部分达成, or resolved by the body it was referred to) or not, and referrals out (移交五调联动, i.e. escalated).
/// </summary>
public sealed record DisputePeriodFigures(int Received, int Closed, int Successful, int Failed, int Referred);

/// <summary>
/// Where and how well the cases closed in a period were resolved (issue 6 §10, "矛盾不上交"):
/// <see cref="ResolvedInCommunity"/> — closed successfully, never referred, handled by a mediator whose account belongs to a
/// community or grid (村社区调委会); <see cref="ResolvedAtStreet"/> — closed successfully, never referred, handled at the
/// subdistrict (the centre's mediators, brand rooms, departments); <see cref="ReferredUp"/> — closed after a hand-over to
/// 五调联动 (court, police, …: above the street), whatever the result; <see cref="NotResolved"/> — failed without referral
/// (guided to litigation or arbitration). Follow-ups: visits due in the period by now and how many were made; of the
/// visits made in the period that recorded 履行情况, how many found the agreement honoured. Days to resolve: calendar days from
/// intake to closure of the cases closed in the period (withdrawn ones excluded).
/// </summary>
public sealed record DisputeResolutionFigures(
    int ResolvedInCommunity,
    int ResolvedAtStreet,
    int ReferredUp,
    int NotResolved,
    int Successful,
    int MediatedConcluded,
    int FollowUpsDue,
    int FollowUpsMade,
    int VisitsWithPerformance,
    int VisitsHonoured,
    IReadOnlyList<double> DaysToResolve)
{
    /// <summary>调解成功率: successful ÷ mediated concluded (successful + failed; withdrawn excluded), null without any.</summary>
    public double? SuccessRate => Share(Successful, MediatedConcluded);

    /// <summary>协议履行率.</summary>
    public double? HonouredRate => Share(VisitsHonoured, VisitsWithPerformance);

    /// <summary>回访率.</summary>
    public double? FollowUpRate => Share(FollowUpsMade, FollowUpsDue);

    /// <summary>矛盾不上交率: resolved in the community or at the street ÷ everything concluded (referred up and not resolved too).</summary>
    public double? KeptBelowRate => Share(ResolvedInCommunity + ResolvedAtStreet, ResolvedInCommunity + ResolvedAtStreet + ReferredUp + NotResolved);

    public double? MedianDays => DaysToResolve.Count == 0 ? null : Median(DaysToResolve);

    public double? MeanDays => DaysToResolve.Count == 0 ? null : Math.Round(DaysToResolve.Average(), 1);

    public static DisputeResolutionFigures Sum(IEnumerable<DisputeResolutionFigures> parts)
    {
        var list = parts.ToList();
        return new(
            list.Sum(p => p.ResolvedInCommunity), list.Sum(p => p.ResolvedAtStreet), list.Sum(p => p.ReferredUp), list.Sum(p => p.NotResolved),
            list.Sum(p => p.Successful), list.Sum(p => p.MediatedConcluded), list.Sum(p => p.FollowUpsDue), list.Sum(p => p.FollowUpsMade),
            list.Sum(p => p.VisitsWithPerformance), list.Sum(p => p.VisitsHonoured), [.. list.SelectMany(p => p.DaysToResolve)]);
    }

    /// <summary>A share in percent with one decimal, null when there is nothing to divide by.</summary>
    public static double? Share(int part, int whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 1);

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return Math.Round(sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2, 1);
    }
}

/// <summary>Read contract for reports (Analytics' monthly report and the command centre's figures).</summary>
public interface IDisputeFigures
{
    /// <summary>Counts over [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), the whole centre or one community's cases.</summary>
    Task<DisputePeriodFigures> CountAsync(DateTime fromUtc, DateTime toUtc, Guid? communityId, CancellationToken ct);

    /// <summary>Resolution levels, rates and days to resolve over [<paramref name="fromUtc"/>, <paramref name="toUtc"/>); follow-ups due count up to <paramref name="nowUtc"/>.</summary>
    Task<DisputeResolutionFigures> ResolutionAsync(DateTime fromUtc, DateTime toUtc, DateTime nowUtc, Guid? communityId, CancellationToken ct);
}
