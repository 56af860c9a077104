using Jiexin.Data;
using Jiexin.Modules.Disputes.Contracts;
using Jiexin.Modules.Disputes.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Disputes.RiskSignals;

/// <summary><see cref="IDisputeRiskSignals"/> over open disputes only (a small set: the centre's live caseload).</summary>
internal sealed class DisputeRiskSignals(JiexinDbContext db) : IDisputeRiskSignals
{
    public async Task<IReadOnlyList<DisputeAtRisk>> ListOpenAtRiskAsync(DisputeRiskFigure minRisk, DateTime nowUtc, CancellationToken ct)
    {
        var open = DisputeWorkflow.Open.ToArray();
        // Risk is stored as its name: compare against the set of levels at or above the minimum, not with >=.
        var risky = Enum.GetValues<RiskLevel>().Where(r => (int)r >= (int)minRisk && r != RiskLevel.None).ToArray();
        var rows = await db.Set<Dispute>().AsNoTracking()
            .Where(d => Enumerable.Contains(open, d.Status) && (Enumerable.Contains(risky, d.Risk) || d.IsGroup || (d.DueAt != null && d.DueAt < nowUtc)))
            .OrderBy(d => d.CreatedAt)
            .Select(d => new { d.Id, d.CaseNumber, d.TypeName, d.Risk, d.RiskReasons, d.IsGroup, d.PeopleCount, d.CommunityId, d.GridId, d.CreatedAt, d.DueAt, d.Description })
            .ToListAsync(ct);
        return [.. rows.Select(d => new DisputeAtRisk(d.Id, d.CaseNumber, d.TypeName, (DisputeRiskFigure)(int)d.Risk, d.RiskReasons, d.IsGroup, d.PeopleCount,
            d.DueAt < nowUtc, d.CommunityId, d.GridId, d.CreatedAt, d.DueAt, d.Description.Length > 80 ? d.Description[..80] + "…" : d.Description))];
    }
}
