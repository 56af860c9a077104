using Jiexin.Data;
using Jiexin.Modules.Analytics.Domain;
using Jiexin.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Analytics.Figures;

/// <summary>
/// Folds delta rows into day and month buckets: it adds the oldest deltas' sums to the buckets and deletes exactly
/// those deltas, in one transaction. A crash rolls everything back; the deltas are folded by the next run. The overview
/// adds unfolded deltas itself, so figures are exact whether or not the fold has run.
/// <list type="bullet">
/// <item>PostgreSQL: a transaction-scoped advisory lock lets one fold run at a time, and the next one starts reading
/// after the first committed (so it never sees the deltas already folded). Exact with two instances on one database.</item>
/// <item>SQLite, where a transaction holds the one write lock and intake waits behind it: the database sums a range of
/// ids (GROUP BY) before the transaction; inside it the fold only writes the buckets and deletes that range. Ids are
/// AUTOINCREMENT, never reused, so no new delta can fall into a range already read; if the delete removes other than
/// the rows summed, another fold got there first, and the batch is undone and summed again. The run folds only what
/// was there when it started, in ranges of <see cref="SqliteRange"/> ids: one transaction a minute at a busy street's
/// volume (five 20,000-row batches of entities held it 17–108 ms each; ADR 0023, session 15).</item>
/// </list>
/// </summary>
public sealed class FoldEventFiguresJob(JiexinDbContext db) : IRecurringJob
{
    /// <summary>Arbitrary constant naming this job's advisory lock.</summary>
    private const long AdvisoryLock = 0x4A58_4649_4755_5245;

    public const int BatchSize = 20_000;

    /// <summary>Ids per SQLite transaction: the database sums them, so the size bounds the lock's hold, not memory.</summary>
    public const long SqliteRange = 200_000;

    /// <summary>Tests fold in ranges of a few ids to take the loop over ranges with a handful of deltas.</summary>
    internal long RangeIds { get; init; } = SqliteRange;

    public string Name => "analytics-fold";

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        if (!BucketWriter.IsPostgres(db))
        {
            return await FoldSqliteAsync(ct);
        }

        var folded = 0;
        int batch;
        do
        {
            batch = await FoldPostgresBatchAsync(ct);
            folded += batch;
        }
        while (batch == BatchSize);

        return folded;
    }

    private async Task<int> FoldPostgresBatchAsync(CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLock})", ct);
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

            await WriteBucketsAsync(fine, ct);

            // Exactly the rows read, not an id range: on PostgreSQL a lower id may commit after this read.
            var ids = deltas.Select(d => d.Id).ToArray();
            await db.Set<EventFigureDelta>().Where(d => Enumerable.Contains(ids, d.Id)).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
            return deltas.Count;
        });
    }

    private async Task<int> FoldSqliteAsync(CancellationToken ct)
    {
        var deltas = db.Set<EventFigureDelta>().AsNoTracking();
        var last = await deltas.MaxAsync(d => (long?)d.Id, ct);
        var folded = 0;
        while (last is { } end && await deltas.Where(d => d.Id <= end).MinAsync(d => (long?)d.Id, ct) is { } first)
        {
            var upTo = Math.Min(end, first + RangeIds - 1);
            var count = await FoldSqliteRangeAsync(first, upTo, ct);
            if (count >= 0)
            {
                folded += count;
            }
        }

        return folded;
    }

    /// <summary>Folds the deltas with ids in [first, last]; −1 when another fold took some of them first.</summary>
    private async Task<int> FoldSqliteRangeAsync(long first, long last, CancellationToken ct)
    {
        var range = db.Set<EventFigureDelta>().Where(d => d.Id >= first && d.Id <= last);
        var sums = await range
            .GroupBy(d => new { d.Measure, d.Day, d.CommunityId, d.GridId, d.DepartmentId, d.Category, d.Tier })
            .Select(g => new { g.Key, Delta = g.Sum(d => (long)d.Delta), Rows = g.Count() })
            .ToListAsync(ct);
        var read = sums.Sum(s => s.Rows);
        if (read == 0)
        {
            return 0;
        }

        var fine = sums.ToDictionary(
            s => new FigureKey(s.Key.Measure, s.Key.Day, s.Key.CommunityId, s.Key.GridId, s.Key.DepartmentId, s.Key.Category, s.Key.Tier),
            s => s.Delta);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await WriteBucketsAsync(fine, ct);

        // Rows only ever leave a range (ids are not reused), so as many deleted as summed means the same rows.
        var deleted = await range.ExecuteDeleteAsync(ct);
        if (deleted != read)
        {
            await tx.RollbackAsync(ct);
            return -1;
        }

        await tx.CommitAsync(ct);
        return read;
    }

    private async Task WriteBucketsAsync(Dictionary<FigureKey, long> fine, CancellationToken ct)
    {
        var sums = new Dictionary<BucketKey, long>();
        foreach (var (key, count) in fine)
        {
            if (count != 0)
            {
                BucketKey.Expand(key, count, sums);
            }
        }

        await using var writer = await BucketWriter.OpenAsync(db, ct);
        foreach (var (key, count) in sums)
        {
            if (count != 0)
            {
                await writer.AddAsync(key, count, ct);
            }
        }
    }
}
