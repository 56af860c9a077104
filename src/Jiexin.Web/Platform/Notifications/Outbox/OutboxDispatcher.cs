using Jiexin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiexin.Platform.Notifications.Outbox;

/// <summary>
/// Delivers outbox rows: claims a batch with one conditional UPDATE (rows nobody holds, or whose lease ran out), hands
/// each row to its <see cref="IOutboxHandler"/>, marks it processed, or backs off and retries it on failure. Several
/// instances on one PostgreSQL split the work; a row is worked on by one of them at a time, and its handler dedupes,
/// so each message takes effect once even when a crash makes it run again (at least once + dedupe).
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> log) : BackgroundService
{
    private readonly OutboxOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                int handled;
                try
                {
                    handled = await RunOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogWarning(ex, "Outbox dispatch failed; trying again shortly");
                    handled = 0;
                }

                switch (PauseAfter(handled, _options))
                {
                    case OutboxPause.UntilSignalled:
                        await signal.WaitAsync(TimeSpan.FromSeconds(_options.PollSeconds), stoppingToken);
                        break;
                    case OutboxPause.Gather:
                        await Task.Delay(TimeSpan.FromMilliseconds(_options.GatherMilliseconds), clock, stoppingToken);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    /// <summary>
    /// What the loop does after a batch of <paramref name="handled"/> rows. Nothing due: sleep until a save signals.
    /// A full batch: more are waiting, go on at once. A partial batch under a burst: let new messages gather for
    /// <see cref="OutboxOptions.GatherMilliseconds"/>, since a batch costs several statements and scopes whatever its
    /// size (ADR 0023, session 18: a sixth less CPU per report at peak). A lone message after a quiet spell still goes
    /// at once, because the batch before it was empty.
    /// </summary>
    internal static OutboxPause PauseAfter(int handled, OutboxOptions options) =>
        handled == 0 ? OutboxPause.UntilSignalled
        : handled >= options.BatchSize || options.GatherMilliseconds <= 0 ? OutboxPause.None
        : OutboxPause.Gather;

    /// <summary>Claims and delivers one batch of due rows; returns how many it claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claim = Guid.CreateVersion7(now);
        var leaseEnd = now.AddSeconds(_options.LeaseSeconds);
        List<OutboxMessage> batch;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<JiexinDbContext>();
            var candidates = await Due(db.Set<OutboxMessage>(), now)
                .OrderBy(m => m.OccurredAt)
                .Take(_options.BatchSize)
                .Select(m => m.Id)
                .ToListAsync(ct);
            if (candidates.Count == 0)
            {
                return 0;
            }

            // The claim: the WHERE repeats the "free" test, so of two instances racing for a row only one UPDATE matches it.
            await Due(db.Set<OutboxMessage>(), now)
                .Where(m => candidates.Contains(m.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, claim).SetProperty(m => m.ClaimedUntil, leaseEnd), ct);
            batch = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.ClaimedBy == claim).OrderBy(m => m.OccurredAt).ToListAsync(ct);
        }

        var delivered = new List<Guid>(batch.Count);
        foreach (var group in batch.GroupBy(m => m.Type, StringComparer.Ordinal))
        {
            var messages = group.ToList();
            if (messages.Count > 1 && await DeliverTogetherAsync(messages, ct))
            {
                delivered.AddRange(messages.Select(m => m.Id));
                continue;
            }

            foreach (var message in messages)
            {
                if (await DeliverAsync(message, claim, ct))
                {
                    delivered.Add(message.Id);
                }
            }
        }

        // One write marks the batch done, not one per row: a crash before it redelivers, and handlers dedupe.
        if (delivered.Count > 0)
        {
            await using var done = scopes.CreateAsyncScope();
            var db = done.ServiceProvider.GetRequiredService<JiexinDbContext>();
            var at = clock.GetUtcNow().UtcDateTime;
            await db.Set<OutboxMessage>().Where(m => delivered.Contains(m.Id) && m.ClaimedBy == claim).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ProcessedAt, at)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.ClaimedBy, (Guid?)null)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null)
                .SetProperty(m => m.LastError, (string?)null), ct);
        }

        return batch.Count;
    }

    private static IQueryable<OutboxMessage> Due(IQueryable<OutboxMessage> rows, DateTime now) =>
        rows.Where(m => m.ProcessedAt == null && m.FailedAt == null && m.NextAttemptAt <= now
                        && (m.ClaimedUntil == null || m.ClaimedUntil < now));

    /// <summary>
    /// Hands messages of one type to a <see cref="IBatchOutboxHandler"/> in one scope: under a burst of intake this is one
    /// set of look-ups and one write for the batch instead of one per message. False when the type has no batch handler
    /// or the batch failed; the caller then delivers the messages one by one, which records each failure on its own row.
    /// </summary>
    private async Task<bool> DeliverTogetherAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (scope.ServiceProvider.GetServices<IOutboxHandler>().FirstOrDefault(h => h.Type == messages[0].Type) is not IBatchOutboxHandler handler)
        {
            return false;
        }

        try
        {
            await handler.HandleBatchAsync(messages, ct);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogInformation(ex, "Outbox batch of {Count} {Type} messages failed; delivering them one by one", messages.Count, messages[0].Type);
            return false;
        }
    }

    /// <summary>True when the handler succeeded (the caller marks it processed); a failure is recorded here.</summary>
    private async Task<bool> DeliverAsync(OutboxMessage message, Guid claim, CancellationToken ct)
    {
        string? error = null;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var handler = scope.ServiceProvider.GetServices<IOutboxHandler>().FirstOrDefault(h => h.Type == message.Type);
            if (handler is null)
            {
                error = $"No handler for outbox type '{message.Type}'.";
            }
            else
            {
                try
                {
                    await handler.HandleAsync(message, ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    error = ex.GetType().Name + ": " + ex.Message;
                    log.LogWarning(ex, "Outbox message {Id} ({Type}) failed, attempt {Attempt}", message.Id, message.Type, message.Attempts + 1);
                }
            }
        }

        if (error is null)
        {
            return true;
        }

        await using var done = scopes.CreateAsyncScope();
        var db = done.ServiceProvider.GetRequiredService<JiexinDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var mine = db.Set<OutboxMessage>().Where(m => m.Id == message.Id && m.ClaimedBy == claim);

        var attempts = message.Attempts + 1;
        var failed = attempts >= _options.MaxAttempts;
        // Exponential back-off: 2 s, 4 s, 8 s … capped at an hour.
        var next = now.AddSeconds(Math.Min(3600, Math.Pow(2, attempts)));
        await mine.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.FailedAt, failed ? now : null)
            .SetProperty(m => m.LastError, error.Length > 1000 ? error[..1000] : error)
            .SetProperty(m => m.ClaimedBy, (Guid?)null)
            .SetProperty(m => m.ClaimedUntil, (DateTime?)null), ct);
        if (failed)
        {
            log.LogError("Outbox message {Id} ({Type}) gave up after {Attempts} attempts: {Error}", message.Id, message.Type, attempts, error);
        }

        return false;
    }
}

/// <summary>See <see cref="OutboxDispatcher.PauseAfter"/>.</summary>
internal enum OutboxPause
{
    None,
    Gather,
    UntilSignalled,
}
