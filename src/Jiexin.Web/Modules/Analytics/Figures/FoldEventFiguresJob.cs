using Jiexin.Data;
using Jiexin.Modules.Analytics.Domain;
using Jiexin.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Analytics.Figures;

/// <summary>
/// Folds delta rows into day and month buckets: in one transaction it reads the oldest deltas, adds their sums to
/// the buckets, and deletes exactly those deltas. Exact with two instances on one PostgreSQL: a transaction-scoped
/// advisory lock lets one fold run at a time, and the next one starts reading after the first committed (so it never
/// sees the deltas already folded). On SQLite the transaction holds the write lock from its start.
/// A crash rolls everything back; the deltas are folded by the next run. The overview adds unfolded deltas itself,
/// so figures are exact whether or not the fold has run.
/// </summary>
public sealed class FoldEventFiguresJob(JiexinDbContext db) : IRecurringJob
{
    /// <summary>Arbitrary constant naming this job's advisory lock.</summary>
    private const long AdvisoryLock = 0x4A58_4649_4755_5245;

    public const int BatchSize = 20_000;

    public string Name => "analytics-fold";

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var folded = 0;
        int batch;
        do
        {
            batch = await FoldBatchAsync(ct);
            folded += batch;
        }
        while (batch == BatchSize);

        return folded;
    }

    private async Task<int> FoldBatchAsync(CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (BucketWriter.IsPostgres(db))
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLock})", ct);
            }

            var deltas = await db.Set<EventFigureDelta>().AsNoTracking().OrderBy(d => d.Id).Take(BatchSize).ToListAsync(ct);
            if (deltas.Count == 0)
            {
                return 0;
            }

            var fine = new Dictionary<FigureKey, long>();
            foreach (var d in deltas)
            {
                var key = new FigureKey(d.Measure, d.Day, d.CommunityId, d.GridId, d.DepartmentId, d.Category, d.Tier);
                fine[key] = fine.GetValueOrDefault(key) + d.Delta;
            }

            var sums = new Dictionary<BucketKey, long>();
            foreach (var (key, count) in fine)
            {
                if (count != 0)
                {
                    BucketKey.Expand(key, count, sums);
                }
            }

            await using (var writer = await BucketWriter.OpenAsync(db, ct))
            {
                foreach (var (key, count) in sums)
                {
                    if (count != 0)
                    {
                        await writer.AddAsync(key, count, ct);
                    }
                }
            }

            // Exactly the rows read, not an id range: on PostgreSQL a lower id may commit after this read.
            var ids = deltas.Select(d => d.Id).ToArray();
            await db.Set<EventFigureDelta>().Where(d => Enumerable.Contains(ids, d.Id)).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
            return deltas.Count;
        });
    }
}
