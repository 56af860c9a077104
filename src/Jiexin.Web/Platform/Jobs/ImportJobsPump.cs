using Microsoft.Extensions.Options;

namespace Jiexin.Platform.Jobs;

/// <summary>
/// Writes this instance's running imports to the database every <see cref="JobsOptions.ImportFlushMilliseconds"/>
/// (progress at that granularity, not per row), renews their leases, and passes on steps users asked for elsewhere.
/// Runs on every instance whatever <see cref="JobsOptions.Enabled"/> says: it only touches this instance's own jobs.
/// </summary>
public sealed class ImportJobsPump(ImportJobs jobs, IOptions<JobsOptions> options, TimeProvider clock, ILogger<ImportJobsPump> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(50, options.Value.ImportFlushMilliseconds)), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await jobs.PumpOnceAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    log.LogWarning(e, "Import jobs: writing progress failed; tried again next tick");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Bounded by the host's shutdown timeout like every other stop step: a write that cannot get through must
            // not keep the process from exiting (the waiting jobs' leases then run out instead).
            await jobs.AbandonWaitingAsync().WaitAsync(cancellationToken);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Import jobs: failing the waiting jobs at shutdown failed; their leases run out instead");
        }

        await base.StopAsync(cancellationToken);
    }
}

/// <summary>The recurring clean-up: imports whose instance died are failed, finished ones past retention deleted.</summary>
public sealed class ImportJobsSweep(ImportJobs jobs) : IRecurringJob
{
    public string Name => "platform.import-jobs-sweep";

    public Task<int> RunOnceAsync(CancellationToken ct) => jobs.SweepAsync(ct);
}
