using Jiexin.Data;
using Jiexin.Modules.Warnings.Contracts;
using Jiexin.Modules.Warnings.Domain;
using Jiexin.Modules.Warnings.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Warnings.MonthFigures;

/// <summary><see cref="IWarningFigures"/>: a month's alerts are few (at most one per rule key and day), so they are read and counted in memory.</summary>
internal sealed class WarningFigures(JiexinDbContext db) : IWarningFigures
{
    public async Task<WarningPeriodFigures> CountAsync(DateTime fromUtc, DateTime toUtc, Guid? communityId, int top, CancellationToken ct)
    {
        var alerts = db.Set<Warning>().AsNoTracking().Where(w => w.RaisedAt >= fromUtc && w.RaisedAt < toUtc);
        if (communityId is { } c)
        {
            alerts = alerts.Where(w => w.CommunityId == c);
        }

        var rows = await alerts.Select(w => new { w.Id, w.Kind, w.Severity, w.Title, w.RaisedAt, w.Status }).ToListAsync(ct);
        return new WarningPeriodFigures(
            rows.Count,
            rows.Count(w => w.Severity == WarningSeverity.Red),
            rows.Count(w => w.Severity == WarningSeverity.Orange),
            rows.Count(w => w.Severity == WarningSeverity.Yellow),
            rows.GroupBy(w => w.Kind).OrderBy(g => g.Key).ToDictionary(g => WarningDto.NameOf(g.Key), g => g.Count()),
            [.. rows.OrderByDescending(w => w.Severity).ThenBy(w => w.RaisedAt).Take(top)
                .Select(w => new WarningRaised(w.Id, WarningDto.NameOf(w.Kind), WarningDto.NameOf(w.Severity), w.Title, w.RaisedAt, WarningDto.NameOf(w.Status)))]);
    }
}
