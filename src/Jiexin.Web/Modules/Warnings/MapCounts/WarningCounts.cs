using Jiexin.Data;
using Jiexin.Modules.Warnings.Contracts;
using Jiexin.Modules.Warnings.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Warnings.MapCounts;

/// <summary><see cref="IWarningCounts"/>: one GROUP BY over the open alerts (few: closed alerts free their key).</summary>
internal sealed class WarningCounts(JiexinDbContext db) : IWarningCounts
{
    public async Task<IReadOnlyDictionary<Guid, int>> CountOpenByGridAsync(CancellationToken ct) =>
        await db.Set<Warning>().AsNoTracking()
            .Where(w => w.Status != WarningStatus.Closed && w.GridId != null)
            .GroupBy(w => w.GridId!.Value)
            .Select(g => new { Grid = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Grid, x => x.Count, ct);
}
