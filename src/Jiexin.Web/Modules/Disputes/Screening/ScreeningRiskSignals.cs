using Jiexin.Data;
using Jiexin.Modules.Disputes.Contracts;
using Jiexin.Modules.Disputes.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Disputes.Screening;

internal sealed class ScreeningRiskSignals(JiexinDbContext db) : IScreeningRiskSignals
{
    private static readonly RiskLevel[] Rated = [RiskLevel.Yellow, RiskLevel.Orange, RiskLevel.Red];

    public async Task<IReadOnlyList<ScreeningRiskSignal>> ListRatedSinceAsync(DateTime sinceUtc, CancellationToken ct)
    {
        var rows = await db.Set<ScreeningRisk>().AsNoTracking()
            .Where(r => r.RecordedAt >= sinceUtc && Enumerable.Contains(Rated, r.Risk))
            .OrderBy(r => r.RecordedAt)
            .ToListAsync(ct);
        return [.. rows.Select(r => new ScreeningRiskSignal(
            r.Id, r.RoundId, r.Risk switch { RiskLevel.Red => DisputeRiskFigure.Red, RiskLevel.Orange => DisputeRiskFigure.Orange, _ => DisputeRiskFigure.Yellow },
            r.RiskReasons, r.Description, r.Parties, r.Place, r.TypeName, r.PeopleCount, r.VulnerablePeople, r.CommunityId, r.GridId, r.RecordedAt, r.DisputeId))];
    }
}
