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
/// One instance per app (per SQLite file). Writes outside a transaction (a single <c>ExecuteUpdate</c>) still
/// rely on SQLite's busy timeout; they are short. A wait longer than <see cref="MaxWait"/> proceeds without
/// the gate and leaves it to SQLite, so a bug that nests transactions degrades to the old behaviour, not to
/// a deadlock.
/// </remarks>
public sealed class SqliteWriteGate : IDbTransactionInterceptor, IDbConnectionInterceptor
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<Guid, Holder> _byTransaction = new();
    private readonly ConditionalWeakTable<DbConnection, Holder> _byConnection = new();

    /// <summary>Writers waiting now (for diagnostics and tests).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    private int _waiting;

    public InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            Hold(connection, eventData.TransactionId, _gate.Wait(MaxWait));
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result,
        CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            Hold(connection, eventData.TransactionId, await _gate.WaitAsync(MaxWait, cancellationToken));
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

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

    private void ReleaseIfEnded(TransactionErrorEventData eventData)
    {
        // A failed BEGIN, COMMIT or ROLLBACK ends the attempt; anything else ("used") leaves the transaction open.
        if (eventData.Action is "Start" or "Commit" or "Rollback")
        {
            Release(eventData.TransactionId);
        }
    }

    private void Hold(DbConnection connection, Guid transactionId, bool acquired)
    {
        if (acquired)
        {
            var holder = new Holder(transactionId);
            _byTransaction[transactionId] = holder;
            _byConnection.AddOrUpdate(connection, holder);
        }
    }

    private void Release(Guid transactionId)
    {
        if (_byTransaction.TryGetValue(transactionId, out var holder))
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
            _byTransaction.TryRemove(holder.TransactionId, out _);
            _gate.Release();
        }
    }

    private sealed class Holder(Guid transactionId)
    {
        public Guid TransactionId { get; } = transactionId;

        public int Released;
    }
}
