using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Jiexin.Data;

/// <summary>
/// A read-only transaction, so that several queries see one state of the database: a figure read as folded buckets
/// plus the deltas not folded yet is exact only if the fold cannot commit between the two reads.
/// </summary>
public static class ReadSnapshot
{
    /// <summary>
    /// Begins the snapshot (SQLite: <c>BEGIN DEFERRED</c>, which takes no write lock and not the write gate; PostgreSQL:
    /// REPEATABLE READ). Nothing to begin when the context is already in a transaction: that one is the snapshot.
    /// Dispose it to end it (rolled back: it wrote nothing).
    /// </summary>
    public static async Task<IAsyncDisposable> BeginAsync(DatabaseFacade database, CancellationToken ct)
    {
        if (database.CurrentTransaction is not null)
        {
            return new Nothing();
        }

        if (!database.IsSqlite())
        {
            return await database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        }

        await database.OpenConnectionAsync(ct);
        var transaction = ((SqliteConnection)database.GetDbConnection()).BeginTransaction(deferred: true);
        await database.UseTransactionAsync(transaction, ct);
        return new SqliteSnapshot(database, transaction);
    }

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class SqliteSnapshot(DatabaseFacade database, SqliteTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await database.UseTransactionAsync(null);
            await transaction.DisposeAsync();
            await database.CloseConnectionAsync();
        }
    }
}
