using Jiexin.Data;
using Jiexin.Modules.Disputes.Contracts;
using Jiexin.Modules.Disputes.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Disputes.MonthFigures;

/// <summary><see cref="IDisputeFigures"/>: three small counts bounded by the period (the centre's caseload is small).</summary>
internal sealed class DisputeFigures(JiexinDbContext db) : IDisputeFigures
{
    private static readonly DisputeOutcome[] Successful = [DisputeOutcome.Agreement, DisputeOutcome.PartialAgreement, DisputeOutcome.ResolvedByReferral];

    private static readonly DisputeOutcome[] Failed = [DisputeOutcome.Failed, DisputeOutcome.UnresolvedByReferral];

    public async Task<DisputePeriodFigures> CountAsync(DateTime fromUtc, DateTime toUtc, Guid? communityId, CancellationToken ct)
    {
        var disputes = db.Set<Dispute>().AsNoTracking();
        if (communityId is { } c)
        {
            disputes = disputes.Where(d => d.CommunityId == c);
        }

        var received = await disputes.CountAsync(d => d.CreatedAt >= fromUtc && d.CreatedAt < toUtc, ct);
        var closed = await disputes
            .Where(d => d.Status == DisputeStatus.Closed && d.ClosedAt >= fromUtc && d.ClosedAt < toUtc)
            .GroupBy(d => d.Outcome)
            .Select(g => new { Outcome = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var referred = await db.Set<DisputeReferral>().AsNoTracking()
            .Where(r => r.ReferredAt >= fromUtc && r.ReferredAt < toUtc && disputes.Any(d => d.Id == r.DisputeId))
            .Select(r => r.DisputeId).Distinct().CountAsync(ct);
        return new DisputePeriodFigures(
            received,
            closed.Sum(x => x.Count),
            closed.Where(x => x.Outcome is { } o && Successful.Contains(o)).Sum(x => x.Count),
            closed.Where(x => x.Outcome is { } o && Failed.Contains(o)).Sum(x => x.Count),
            referred);
    }
}
