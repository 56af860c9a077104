using System.Threading.Channels;
using Jiexin.Data;
using Jiexin.Platform.Audit;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Jiexin.Platform.Data;

/// <summary>
/// Group commit for small, independent inserts that arrive concurrently (intake): callers hand over their new entities
/// and wait; one writer saves everything that is waiting in ONE SaveChanges — one transaction, one pass through the
/// SQLite write gate, the audit and outbox interceptors run once over the batch — and then answers every caller. A
/// caller is answered only after its rows are committed, so an acknowledged write is on disk as before. If the batch is
/// refused (a unique index: a retried idempotency key, a tracking-code collision), its items are saved one by one, so
/// only the offending caller gets the error. On SQLite the rows go in through <see cref="DirectInsertInterceptor"/>
/// (prepared INSERTs instead of EF's update pipeline): this one writer is the intake's bottleneck. See docs/decisions/0023-intake-group-commit.md.
/// </summary>
/// <remarks>
/// The writer is a thread of its own that saves synchronously, and it keeps one context for all its saves (emptied after
/// each). On thread-pool threads its every wake-up queued behind the requests it was to answer, and a new scope and
/// context per save were a tenth of its CPU; together they gave a few per cent of the intake's peak (median +4 % over
/// seven alternating rounds, ADR 0023 session 27).
/// </remarks>
public sealed class GroupCommitter(IServiceScopeFactory scopes, TimeProvider clock, ILogger<GroupCommitter> logger) : BackgroundService
{
    /// <summary>Enough to amortise a transaction; small enough that one batch's save stays in the low milliseconds.</summary>
    public const int MaxBatch = 128;

    private readonly Channel<Item> _queue = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>A caller's entities, with each one's audit entry when it could be built before the hand-over (else null).</summary>
    private sealed record Item(IReadOnlyList<object> Entities, AuditEntry?[] Audits, AuditActor Actor, TaskCompletionSource Done);

    private IModel? _model;

    /// <summary>
    /// Adds <paramref name="entities"/> (each with the graph it reaches) and completes when they are committed. Throws
    /// what refused them — typically a <see cref="Microsoft.EntityFrameworkCore.DbUpdateException"/> — and then nothing
    /// of them was saved. <paramref name="actor"/> is written into their audit entries.
    /// </summary>
    public Task AddAsync(IReadOnlyList<object> entities, AuditActor actor, CancellationToken ct)
    {
        // The audit entries are built here, on the caller's thread, not by the writer's capture: the one writer is the
        // intake's limit, and describing every new row was a tenth of its time (ADR 0023, session 28).
        var model = _model ??= Model();
        var now = clock.GetUtcNow().UtcDateTime;
        var audits = new AuditEntry?[entities.Count];
        for (var i = 0; i < entities.Count; i++)
        {
            audits[i] = AuditInterceptor.DescribeNew(model, entities[i], actor, now);
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Item(entities, audits, actor, done)))
        {
            throw new InvalidOperationException("服务正在停止，请稍后重试。");
        }

        // A caller who gives up stops waiting; its item is still saved (like any write whose client disconnects).
        return done.Task.WaitAsync(ct);
    }

    private IModel Model()
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<JiexinDbContext>().Model;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Drain: whatever was accepted before the stop is saved and answered.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = new Thread(() =>
        {
            try
            {
                Write();
                stopped.TrySetResult();
            }
            catch (Exception e)
            {
                stopped.TrySetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "Jiexin group commit",
        };
        writer.Start();
        return stopped.Task;
    }

    /// <summary>The writer's loop, until the queue is completed and drained.</summary>
    private void Write()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JiexinDbContext>();
        db.InsertsDirectly = true;
        db.HoldsOnlyNewGraphs = true;
        var reader = _queue.Reader;
        var batch = new List<Item>(MaxBatch);
        // Blocking is the point: this thread does nothing else, and it wakes without waiting for a pool thread.
        while (reader.WaitToReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            Commit(db, batch);
            batch.Clear();
        }
    }

    private void Commit(JiexinDbContext db, List<Item> batch)
    {
        try
        {
            Save(db, batch);
            foreach (var item in batch)
            {
                item.Done.TrySetResult();
            }

            return;
        }
        catch (Exception e) when (batch.Count == 1)
        {
            batch[0].Done.TrySetException(e);
            return;
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Group commit of {Count} items refused; saving them one by one", batch.Count);
        }

        foreach (var item in batch)
        {
            try
            {
                Save(db, [item]);
                item.Done.TrySetResult();
            }
            catch (Exception e)
            {
                item.Done.TrySetException(e);
            }
        }
    }

    private static void Save(JiexinDbContext db, IReadOnlyList<Item> items)
    {
        try
        {
            foreach (var item in items)
            {
                for (var i = 0; i < item.Entities.Count; i++)
                {
                    var entity = item.Entities[i];
                    if (item.Audits[i] is { } audit)
                    {
                        AuditInterceptor.MarkAudited(db, entity);
                        db.Add(audit);
                    }
                    else
                    {
                        AuditAttribution.ActingFor(entity, item.Actor);
                    }

                    db.Add(entity);
                }
            }

            db.SaveChanges();
        }
        finally
        {
            // Saved or refused, the next save starts from an empty context: a refused batch's rows are tried again
            // one by one, each added afresh.
            db.ForgetSaves();
        }
    }
}
