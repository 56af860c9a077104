using Jiexin.Data;
using Jiexin.Modules.Analytics.Domain;
using Jiexin.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jiexin.Modules.Analytics.Figures;

/// <summary>
/// Folds delta rows into day and month buckets: in one transaction it reads the oldest deltas, adds their sums to
/// the buckets, and deletes exactly those deltas. Exact with two instances on one PostgreSQL: a transaction-scoped
/// advisory lock lets one fold run at a time, and the next one starts reading after the first committed (so it never
/// sees the deltas already folded). On SQLite, where a transaction holds the one write lock from its start, the deltas
/// are read and summed before it; the delete then must remove every row read, or another fold got there first and the
/// batch is undone and read again.
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
        var postgres = BucketWriter.IsPostgres(db);
        var strategy = db.Database.CreateExecutionStrategy();
        while (true)
        {
            var folded = await strategy.ExecuteAsync(async () =>
            {
                List<EventFigureDelta> deltas;
                Dictionary<BucketKey, long> sums;
                IDbContextTransaction tx;
                if (postgres)
                {
                    tx = await db.Database.BeginTransactionAsync(ct);
                    await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLock})", ct);
                    deltas = await ReadAsync(ct);
                    sums = Sum(deltas);
                }
                else
                {
                    // SQLite: a transaction holds the one write lock from its start, and intake waits behind it. Read and
                    // add up outside it; inside, only the bucket writes and the delete (a 20,000-row batch held the lock
                    // ~0.25 s and stalled intake every minute).
                    deltas = await ReadAsync(ct);
                    if (deltas.Count == 0)
                    {
                        return 0;
                    }

                    sums = Sum(deltas);
                    tx = await db.Database.BeginTransactionAsync(ct);
                }

                await using (tx)
                {
                    if (deltas.Count == 0)
                    {
                        return 0;
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
                    var deleted = await db.Set<EventFigureDelta>().Where(d => Enumerable.Contains(ids, d.Id)).ExecuteDeleteAsync(ct);
                    if (deleted != deltas.Count)
                    {
                        // Read outside the lock (SQLite) and another fold took some of these first: undo, read again.
                        await tx.RollbackAsync(ct);
                        return -1;
                    }

                    await tx.CommitAsync(ct);
                    return deltas.Count;
                }
            });
            if (folded >= 0)
            {
                return folded;
            }
        }
    }

    private Task<List<EventFigureDelta>> ReadAsync(CancellationToken ct) =>
        db.Set<EventFigureDelta>().AsNoTracking().OrderBy(d => d.Id).Take(BatchSize).ToListAsync(ct);

    private static Dictionary<BucketKey, long> Sum(List<EventFigureDelta> deltas)
    {
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

        return sums;
    }
}
