using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Jiexin.Data;

/// <summary>
/// Several queries that must see one state of the database: a figure read as folded buckets plus the deltas not folded
/// yet is exact only if the fold cannot commit between the two reads (read apart, a fold in between drops its deltas).
/// </summary>
public static class ReadSnapshot
{
    /// <summary>
    /// Runs <paramref name="read"/> in a read-only transaction (SQLite: <c>BEGIN DEFERRED</c>, which takes no write lock
    /// and not the write gate; PostgreSQL: REPEATABLE READ, inside the execution strategy so a transient failure retries
    /// the whole read). Inside a transaction already, that one is the snapshot and <paramref name="read"/> just runs.
    /// </summary>
    public static async Task<T> ReadAsync<T>(DbContext db, Func<CancellationToken, Task<T>> read, CancellationToken ct)
    {
        var database = db.Database;
        if (database.CurrentTransaction is not null)
        {
            return await read(ct);
        }

        return await database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            if (!database.IsSqlite())
            {
                await using var transaction = await database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
                return await read(ct); // rolled back on dispose: it wrote nothing
            }

            await database.OpenConnectionAsync(ct);
            try
            {
                await using var snapshot = ((SqliteConnection)database.GetDbConnection()).BeginTransaction(deferred: true);
                await database.UseTransactionAsync(snapshot, ct);
                try
                {
                    return await read(ct);
                }
                finally
                {
                    await database.UseTransactionAsync(null, CancellationToken.None);
                }
            }
            finally
            {
                await database.CloseConnectionAsync();
            }
        });
    }
}
