namespace Jiexin.Modules.Disputes.Contracts;

/// <summary>
/// The dispute centre's counts for one period: cases received (受理), closed (结案) and of those mediated successfully
/// (达成协议, 部分达成, or resolved by the body it was referred to) or not, and referrals out (移交五调联动, i.e. escalated).
/// </summary>
public sealed record DisputePeriodFigures(int Received, int Closed, int Successful, int Failed, int Referred);

/// <summary>Read contract for reports (Analytics' monthly report).</summary>
public interface IDisputeFigures
{
    /// <summary>Counts over [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), the whole centre or one community's cases.</summary>
    Task<DisputePeriodFigures> CountAsync(DateTime fromUtc, DateTime toUtc, Guid? communityId, CancellationToken ct);
}
