using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Jiexin.Data;

/// <summary>
/// One SQLite file has one writer at a time. Microsoft.Data.Sqlite begins transactions with <c>BEGIN IMMEDIATE</c>,
/// so every concurrent writer but one blocks a thread-pool thread inside SQLite's busy handler, sleeping and
/// retrying. Measured with 16 concurrent intake requests, those blocked threads took most of the request time
/// (issue 3 intake benchmark). This gate queues writers in process instead: an async FIFO wait before
/// <c>BEGIN</c>, released at commit, rollback, failure, or at the latest when the connection closes (so a
/// transaction disposed without either cannot keep the gate).
/// </summary>
/// <remarks>
/// One instance per app (per SQLite file). A write outside a transaction (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>,
/// raw SQL, a one-row <c>SaveChanges</c>) queues at the same gate for the time of its command: left to SQLite's busy
/// handler, the outbox's claim and mark-done updates collided with the intake group commit and both sides slept in
/// 1–25 ms steps (~2 s of sleeping per 8 s under intake load, seen with strace). A wait longer than
/// <see cref="MaxWait"/> proceeds without the gate and leaves it to SQLite, so a bug that nests transactions
/// degrades to the old behaviour, not to a deadlock.
/// </remarks>
public sealed class SqliteWriteGate : IDbTransactionInterceptor, IDbConnectionInterceptor, IDbCommandInterceptor
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    /// <summary>Who holds the gate now, by transaction id or (for a write outside a transaction) by command id.</summary>
    private readonly ConcurrentDictionary<Guid, Holder> _holders = new();
    private readonly ConditionalWeakTable<DbConnection, Holder> _byConnection = new();

    /// <summary>Writers waiting now (for diagnostics and tests).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    private int _waiting;

    public InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Enter(connection, eventData.TransactionId);
        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result,
        CancellationToken cancellationToken = default)
    {
        await EnterAsync(connection, eventData.TransactionId, cancellationToken);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.TransactionId);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.TransactionId);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.TransactionId);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.TransactionId);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => ReleaseIfEnded(eventData);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseIfEnded(eventData);
        return Task.CompletedTask;
    }

    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => ReleaseConnection(connection);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        ReleaseConnection(connection);
        return Task.CompletedTask;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        EnterForCommand(command, eventData);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await EnterForCommandAsync(command, eventData, cancellationToken);
        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Release(eventData.CommandId);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData.CommandId);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        EnterForCommand(command, eventData);
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await EnterForCommandAsync(command, eventData, cancellationToken);
        return result;
    }

    // A write with RETURNING holds SQLite's write lock until its statement is reset, i.e. until the reader goes.
    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Release(eventData.CommandId);
        return result;
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        EnterForCommand(command, eventData);
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await EnterForCommandAsync(command, eventData, cancellationToken);
        return result;
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Release(eventData.CommandId);
        return result;
    }

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Release(eventData.CommandId);
        return ValueTask.FromResult(result);
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Release(eventData.CommandId);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.CommandId);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => Release(eventData.CommandId);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.CommandId);
        return Task.CompletedTask;
    }

    /// <summary>
    /// True for a statement that writes and runs outside a transaction. Inside one, the transaction already holds the
    /// gate. Reads (SELECT, PRAGMA, WITH … SELECT) never take it: in WAL mode they do not block the writer.
    /// </summary>
    public static bool IsWriteOutsideTransaction(DbCommand command)
    {
        if (command.Transaction is not null)
        {
            return false;
        }

        var sql = command.CommandText.AsSpan();
        while (true)
        {
            sql = sql.TrimStart();
            if (!sql.StartsWith("--"))
            {
                break;
            }

            // EF's TagWith comments: skip the line.
            var end = sql.IndexOf('\n');
            sql = end < 0 ? [] : sql[(end + 1)..];
        }

        return sql.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase)
            || sql.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || sql.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase)
            || sql.StartsWith("REPLACE", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Holds the gate for work that is not an EF transaction (the checkpointer's last pass before the log can start
    /// over) until the returned lease is disposed. Same FIFO queue and the same <see cref="MaxWait"/> as a transaction.
    /// </summary>
    public async Task<IDisposable> HoldAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            return await _gate.WaitAsync(MaxWait, cancellationToken) ? new Lease(_gate) : new Lease(null);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private sealed class Lease(SemaphoreSlim? gate) : IDisposable
    {
        private SemaphoreSlim? _gate = gate;

        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release();
    }

    private void EnterForCommand(DbCommand command, CommandEventData eventData)
    {
        if (IsWriteOutsideTransaction(command))
        {
            Enter(command.Connection!, eventData.CommandId);
        }
    }

    private Task EnterForCommandAsync(DbCommand command, CommandEventData eventData, CancellationToken cancellationToken) =>
        IsWriteOutsideTransaction(command) ? EnterAsync(command.Connection!, eventData.CommandId, cancellationToken) : Task.CompletedTask;

    /// <summary>Waits for the gate (counted in <see cref="Waiting"/>) and records <paramref name="key"/> as its holder.</summary>
    private void Enter(DbConnection connection, Guid key)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            Hold(connection, key, _gate.Wait(MaxWait));
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private async Task EnterAsync(DbConnection connection, Guid key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            Hold(connection, key, await _gate.WaitAsync(MaxWait, cancellationToken));
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private void ReleaseIfEnded(TransactionErrorEventData eventData)
    {
        // A failed BEGIN, COMMIT or ROLLBACK ends the attempt; anything else ("used") leaves the transaction open.
        if (eventData.Action is "Start" or "Commit" or "Rollback")
        {
            Release(eventData.TransactionId);
        }
    }

    private void Hold(DbConnection connection, Guid key, bool acquired)
    {
        if (acquired)
        {
            var holder = new Holder(key);
            _holders[key] = holder;
            _byConnection.AddOrUpdate(connection, holder);
        }
    }

    private void Release(Guid key)
    {
        if (_holders.TryGetValue(key, out var holder))
        {
            Release(holder);
        }
    }

    private void ReleaseConnection(DbConnection connection)
    {
        if (_byConnection.TryGetValue(connection, out var holder))
        {
            _byConnection.Remove(connection);
            Release(holder);
        }
    }

    private void Release(Holder holder)
    {
        if (Interlocked.Exchange(ref holder.Released, 1) == 0)
        {
            _holders.TryRemove(holder.Key, out _);
            _gate.Release();
        }
    }

    /// <param name="key">The transaction id, or the command id of a write outside a transaction.</param>
    private sealed class Holder(Guid key)
    {
        public Guid Key { get; } = key;

        public int Released;
    }
}
