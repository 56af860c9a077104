using Jiexin.Data;
using Jiexin.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiexin.Platform.Notifications.Outbox;

/// <summary>
/// Forgets outbox rows delivered more than <see cref="OutboxOptions.RetentionDays"/> ago. Each event step leaves one or
/// two rows of a few hundred bytes with their indexes, delivered within a second and never read again: kept, they would
/// only grow the database (and its backups) for ever. What was said stays in the in-app notifications and the
/// SMS/WeChat delivery records; rows that failed for good (<see cref="OutboxMessage.FailedAt"/>) and rows not delivered
/// yet are kept. Deletes in chunks, so each write (through SQLite's one write gate) stays short; each chunk deletes only
/// rows still past the cut-off, so two instances running it at once delete each row once.
/// </summary>
public sealed class PurgeDeliveredOutboxJob(JiexinDbContext db, IOptions<OutboxOptions> options, TimeProvider clock) : IRecurringJob
{
    /// <summary>Rows per DELETE: a few milliseconds of the write lock.</summary>
    public int ChunkSize { get; init; } = 2_000;

    public string Name => "purge-delivered-outbox";

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        // At least a day, whatever the setting: while its row exists, a message's DedupeKey keeps its cause from enqueuing twice.
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-Math.Max(1, options.Value.RetentionDays));
        var purged = 0;
        List<Guid> ids;
        do
        {
            // Ids first: a DELETE with LIMIT is not portable, and the (ProcessedAt, NextAttemptAt) index serves the range.
            ids = await db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.ProcessedAt < cutoff)
                .OrderBy(m => m.ProcessedAt)
                .Take(ChunkSize)
                .Select(m => m.Id)
                .ToListAsync(ct);
            if (ids.Count > 0)
            {
                purged += await db.Set<OutboxMessage>().Where(m => ids.Contains(m.Id) && m.ProcessedAt < cutoff).ExecuteDeleteAsync(ct);
            }
        }
        while (ids.Count == ChunkSize);

        return purged;
    }
}
