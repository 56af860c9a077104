using Jiexin.Data;
using Jiexin.Modules.Analytics.Domain;
using Jiexin.Modules.Events.Contracts;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Jiexin.Modules.Analytics.Figures;

/// <summary>
/// Builds the buckets from the events table in one pass (after a bulk load such as <c>demo generate</c>, or to repair):
/// every event's counted shape is summed in memory, then the buckets are replaced in one transaction (PostgreSQL: binary
/// COPY; SQLite: one prepared insert). Meant for a quiet database: changes made while it reads would be lost.
/// </summary>
public sealed class EventFiguresRebuild(JiexinDbContext db, IEventFiguresSource source)
{
    public async Task<(long Events, int Buckets)> RunAsync(CancellationToken ct)
    {
        var fine = new Dictionary<FigureKey, long>();
        var keys = new List<FigureKey>(8);
        var events = 0L;
        var categories = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var figures in source.ReadAllAsync(ct))
        {
            events++;
            keys.Clear();
            FigureKey.Contributions(figures, keys);
            foreach (var key in keys)
            {
                // One string per 大类, not one per event.
                var k = key with { Category = categories.TryGetValue(key.Category, out var c) ? c : categories[key.Category] = key.Category };
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(fine, k, out _)++;
            }
        }

        // Then each counted key into its scopes' totals and breakdowns, at both grains.
        var sums = new Dictionary<BucketKey, long>();
        foreach (var (key, count) in fine)
        {
            BucketKey.Expand(key, count, sums);
        }

        fine.Clear();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Set<EventFigureDelta>().ExecuteDeleteAsync(ct);
            await db.Set<EventFigureBucket>().ExecuteDeleteAsync(ct);
            if (BucketWriter.IsPostgres(db))
            {
                await CopyAsync((NpgsqlConnection)db.Database.GetDbConnection(), sums, ct);
            }
            else
            {
                await using var writer = await BucketWriter.OpenAsync(db, ct);
                foreach (var (key, count) in sums)
                {
                    await writer.AddAsync(key, count, ct);
                }
            }

            await tx.CommitAsync(ct);
        });

        if (BucketWriter.IsPostgres(db))
        {
            // Index-only scans need the visibility map; fresh statistics for the planner.
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE analytics_event_buckets", ct);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE analytics_event_buckets", ct);
        }

        return (events, sums.Count);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, Dictionary<BucketKey, long> sums, CancellationToken ct)
    {
        await using var import = await connection.BeginBinaryImportAsync(
            $"COPY analytics_event_buckets ({BucketWriter.Columns}, \"Count\") FROM STDIN (FORMAT BINARY)", ct);
        foreach (var (key, count) in sums)
        {
            await import.StartRowAsync(ct);
            await import.WriteAsync((short)key.Grain, NpgsqlDbType.Smallint, ct);
            await import.WriteAsync((short)key.ScopeKind, NpgsqlDbType.Smallint, ct);
            await import.WriteAsync(key.ScopeId, NpgsqlDbType.Uuid, ct);
            await import.WriteAsync((short)key.Dimension, NpgsqlDbType.Smallint, ct);
            await import.WriteAsync((short)key.Measure, NpgsqlDbType.Smallint, ct);
            await import.WriteAsync(key.Day, NpgsqlDbType.Integer, ct);
            await import.WriteAsync(key.Value, NpgsqlDbType.Varchar, ct);
            await import.WriteAsync(key.Tier, NpgsqlDbType.Smallint, ct);
            await import.WriteAsync(count, NpgsqlDbType.Bigint, ct);
        }

        await import.CompleteAsync(ct);
    }
}
