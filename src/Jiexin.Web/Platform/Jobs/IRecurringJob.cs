namespace Jiexin.Platform.Jobs;

/// <summary>
/// One periodic job of the <see cref="JobRunner"/>: resolved in a fresh DI scope on every tick, so it may take a
/// <c>JiexinDbContext</c>. Must be idempotent and safe with several app instances on one database (claim work with
/// an atomic conditional UPDATE; see docs/decisions/0017-deadlines-and-outbox.md). Register with
/// <see cref="JobsModule.AddRecurringJob{TJob}"/>: one line per job.
/// </summary>
public interface IRecurringJob
{
    /// <summary>A short, stable name for logs.</summary>
    string Name { get; }

    /// <summary>Does what is due now; returns how many items it handled (for the log).</summary>
    Task<int> RunOnceAsync(CancellationToken ct);
}
