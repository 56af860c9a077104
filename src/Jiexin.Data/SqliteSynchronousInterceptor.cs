using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Jiexin.Data;

/// <summary>
/// Sets <c>PRAGMA synchronous</c> whenever EF opens a SQLite connection: unlike <c>journal_mode=WAL</c> it is a
/// property of the connection, not of the file, so it has to be said on every (pooled) connection.
/// </summary>
internal sealed class SqliteSynchronousInterceptor(SqliteDurability durability, SqliteCheckpointMode checkpoint) : DbConnectionInterceptor
{
    // busy_timeout: SQLite's own busy handler backs off in 1–100 ms steps; without it Microsoft.Data.Sqlite's retry
    // loop sleeps 150 ms per SQLITE_BUSY, which under concurrent writes dominated intake latency.
    // wal_autocheckpoint=0: the commit that takes the log past 1,000 pages no longer checkpoints (two fsyncs and the
    // copy, inside the commit, under the write gate); SqliteCheckpointer does it beside the writers. journal_size_limit:
    // the log can outgrow its usual ~16 MB while a long read holds it; the writer that starts it over cuts the file back.
    private readonly string _pragma = (durability == SqliteDurability.Full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;")
        + " PRAGMA busy_timeout=30000;"
        + (checkpoint == SqliteCheckpointMode.Background ? " PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit=67108864;" : "");

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
