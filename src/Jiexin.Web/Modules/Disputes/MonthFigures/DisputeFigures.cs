using Jiexin.Data;
using Jiexin.Modules.Disputes.Contracts;
using Jiexin.Modules.Disputes.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Disputes.MonthFigures;

/// <summary><see cref="IDisputeFigures"/>: small queries bounded by the period (the centre's caseload is small: hundreds a month).</summary>
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

    public async Task<DisputeResolutionFigures> ResolutionAsync(DateTime fromUtc, DateTime toUtc, DateTime nowUtc, Guid? communityId, CancellationToken ct)
    {
        var disputes = db.Set<Dispute>().AsNoTracking();
        if (communityId is { } c)
        {
            disputes = disputes.Where(d => d.CommunityId == c);
        }

        var closed = await disputes
            .Where(d => d.Status == DisputeStatus.Closed && d.ClosedAt >= fromUtc && d.ClosedAt < toUtc)
            .Select(d => new { d.Outcome, d.ReceiverKind, d.ReceiverUserId, d.CreatedAt, d.ClosedAt, Referred = d.Referrals.Any() })
            .ToListAsync(ct);
        var mediators = closed.Where(d => d.ReceiverKind == ReceiverKind.Mediator && d.ReceiverUserId != null).Select(d => d.ReceiverUserId!.Value).Distinct().ToArray();
        var inCommunity = (await db.Set<JiexinUser>().AsNoTracking()
                .Where(u => Enumerable.Contains(mediators, u.Id) && (u.OrgUnitKind == OrgUnitKind.Community || u.OrgUnitKind == OrgUnitKind.Grid))
                .Select(u => u.Id).ToListAsync(ct))
            .ToHashSet();

        int community = 0, street = 0, referredUp = 0, notResolved = 0, successful = 0, concluded = 0;
        var days = new List<double>();
        foreach (var d in closed)
        {
            if (d.Outcome is DisputeOutcome.Withdrawn or null)
            {
                continue;
            }

            var success = Successful.Contains(d.Outcome.Value);
            concluded++;
            successful += success ? 1 : 0;
            days.Add(Math.Round((d.ClosedAt!.Value - d.CreatedAt).TotalDays, 1));
            if (d.Referred)
            {
                referredUp++;
            }
            else if (!success)
            {
                notResolved++;
            }
            else if (d.ReceiverUserId is { } u && inCommunity.Contains(u))
            {
                community++;
            }
            else
            {
                street++;
            }
        }

        var visits = db.Set<FollowUpVisit>().AsNoTracking().Where(v => disputes.Any(d => d.Id == v.DisputeId));
        var dueEnd = toUtc < nowUtc ? toUtc : nowUtc;
        var due = visits.Where(v => v.DueAt >= fromUtc && v.DueAt < dueEnd);
        var dueCount = await due.CountAsync(ct);
        var madeCount = await due.CountAsync(v => v.VisitedAt != null, ct);
        var performance = visits.Where(v => v.VisitedAt >= fromUtc && v.VisitedAt < toUtc && v.Honoured != null);
        var performanceCount = await performance.CountAsync(ct);
        var honouredCount = await performance.CountAsync(v => v.Honoured == true, ct);
        return new DisputeResolutionFigures(
            community, street, referredUp, notResolved, successful, concluded,
            dueCount, madeCount, performanceCount, honouredCount,
            days);
    }
}
