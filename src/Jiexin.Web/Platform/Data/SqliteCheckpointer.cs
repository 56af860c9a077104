using Jiexin.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Jiexin.Platform.Data;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file beside the writers instead of inside their commits. With
/// SQLite's default, the commit that takes the log past 1,000 pages runs the checkpoint (an fsync of the log, the copy,
/// an fsync of the file) before it returns, under the write gate, while every other writer waits: under intake load
/// that was ~40 % of the group commit's time. Here the app's connections never checkpoint (<c>wal_autocheckpoint=0</c>,
/// <see cref="SqliteCheckpointMode.Background"/>) and this service runs a PASSIVE checkpoint every
/// <see cref="Interval"/> on a connection of its own, which SQLite lets run while a writer appends. A log that only ever
/// grows cannot start over, though (session 12 of ADR 0023): once it passes <see cref="RestartAfterPages"/>, one pass
/// is finished while holding the write gate, so no commit lands between the last copied page and the next writer,
/// which then starts the log from the beginning. See docs/decisions/0044-sqlite-background-checkpoint.md.
/// </summary>
public sealed class SqliteCheckpointer(DatabaseOptions options, SqliteWriteGate gate, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    /// <summary>At intake's peak the log grows ~25,000 pages a second: a pass copies a few thousand.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Log length (4 KB pages, so ~16 MB) past which a pass is finished under the write gate.</summary>
    public const int RestartAfterPages = 4000;

    /// <summary>A long read can keep the log from being copied to its end; the gated pass is not repeated faster than this.</summary>
    public static readonly TimeSpan MinGatedSpacing = TimeSpan.FromMilliseconds(250);

    /// <summary>What <see cref="Checkpoint"/> answers when another connection is already checkpointing the file.</summary>
    private const int Busy = -2;

    private long _passes;
    private long _gatedPasses;
    private long _lastGated;

    /// <summary>Passes run since start (diagnostics and tests).</summary>
    public long Passes => Interlocked.Read(ref _passes);

    /// <summary>Of those, the passes finished under the write gate.</summary>
    public long GatedPasses => Interlocked.Read(ref _gatedPasses);

    /// <summary>The log's length in pages at the last pass (-1 before the first, or when the file is not in WAL mode).</summary>
    public int LogPages { get; private set; } = -1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        SqliteConnection? connection = null;
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    connection ??= await OpenAsync(stoppingToken);
                    await PassAsync(connection, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A failed pass loses nothing: the log still holds every commit, and the next pass tries again.
                    logger.LogWarning(e, "WAL checkpoint failed; retrying in {Interval}", Interval);
                    if (connection is not null)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>One pass: copy what can be copied; if the log is long, finish under the gate so it can start over.</summary>
    public async Task PassAsync(SqliteConnection connection, CancellationToken ct)
    {
        var log = Checkpoint(connection);
        if (log == Busy)
        {
            return;
        }

        Interlocked.Increment(ref _passes);
        var now = Environment.TickCount64;
        if (log >= RestartAfterPages && now - Interlocked.Read(ref _lastGated) >= MinGatedSpacing.TotalMilliseconds)
        {
            using (await gate.HoldAsync(ct))
            {
                var gated = Checkpoint(connection);
                log = gated == Busy ? log : gated;
            }

            Interlocked.Exchange(ref _lastGated, now);
            Interlocked.Increment(ref _gatedPasses);
        }

        LogPages = log;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        // Not pooled and not through EF: it must not take the write gate for its ordinary passes, nor carry the app
        // connections' wal_autocheckpoint=0 into anyone else's hands.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = options.SqliteFile, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        // The checkpoint syncs the log before it copies and the file after, as the writer's own would.
        command.CommandText = options.SqliteSynchronous == SqliteDurability.Full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";
        await command.ExecuteNonQueryAsync(ct);
        return connection;
    }

    /// <summary>
    /// A PASSIVE checkpoint: never waits for readers or writers. Returns the log's length in pages, or
    /// <see cref="Busy"/> when another connection is checkpointing this file (a second process on it) — then the next
    /// pass tries again. Called through SQLite itself, not a command: Microsoft.Data.Sqlite answers SQLITE_BUSY by
    /// sleeping and retrying for the command timeout, on this thread, which in a gated pass would hold every writer.
    /// </summary>
    private static int Checkpoint(SqliteConnection connection)
    {
        var rc = raw.sqlite3_wal_checkpoint_v2(connection.Handle, "main", raw.SQLITE_CHECKPOINT_PASSIVE, out var logPages, out _);
        if (rc is raw.SQLITE_BUSY or raw.SQLITE_LOCKED)
        {
            return Busy;
        }

        SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        return logPages;
    }
}
