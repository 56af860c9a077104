using Jiexin.Data;
using Jiexin.Platform.ScaleOut;
using Microsoft.Extensions.Options;

namespace Jiexin.Platform.Jobs;

/// <summary>
/// The hosted service that runs every registered <see cref="IRecurringJob"/> on a fixed interval, one after another,
/// each in its own DI scope. A failing job is logged and tried again at the next tick; it never stops the others.
/// Every app instance runs it; a job runs on one instance at a time (<see cref="JobLeases"/>, a row per job in the
/// database), and the jobs claim their items atomically besides, so two instances never do one item twice.
/// </summary>
public sealed class JobRunner(
    IServiceScopeFactory scopes,
    IEnumerable<RecurringJobRegistration> jobs,
    IOptions<JobsOptions> options, IClusterBus cluster, TimeProvider clock, ILogger<JobRunner> log)
    : BackgroundService
{
    /// <summary>This runner's name on leases: the node name plus a per-process tag, unique even if two nodes share a name.</summary>
    private readonly string _holder = cluster.NodeName[..Math.Min(cluster.NodeName.Length, 160)] + "/" + Guid.NewGuid().ToString("N")[..12];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return;
        }

        try
        {
            await Task.Delay(TimeSpan.FromSeconds(o.FirstRunDelaySeconds), clock, stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, o.IntervalSeconds)), clock);
            do
            {
                await RunAllOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    /// <summary>One tick: every job once. Tests call it to run the whole list deterministically.</summary>
    public async Task RunAllOnceAsync(CancellationToken ct)
    {
        foreach (var registration in jobs)
        {
            await using var scope = scopes.CreateAsyncScope();
            var job = (IRecurringJob)scope.ServiceProvider.GetRequiredService(registration.JobType);
            var handled = -1;
            try
            {
                await using (var leaseScope = scopes.CreateAsyncScope())
                {
                    var db = leaseScope.ServiceProvider.GetRequiredService<JiexinDbContext>();
                    var lease = TimeSpan.FromSeconds(Math.Max(1, options.Value.LeaseSeconds));
                    if (!await JobLeases.TryAcquireAsync(db, job.Name, _holder, clock.GetUtcNow().UtcDateTime, lease, ct))
                    {
                        continue; // another instance is running it
                    }
                }

                handled = await job.RunOnceAsync(ct);
                if (handled > 0)
                {
                    log.LogInformation("Job {Job} handled {Count} items", job.Name, handled);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                log.LogWarning(ex, "Job {Job} failed; it runs again at the next tick", job.Name);
            }

            await ReleaseAsync(job.Name, handled);
        }
    }

    private async Task ReleaseAsync(string job, int handled)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<JiexinDbContext>();
            await JobLeases.ReleaseAsync(db, job, _holder, clock.GetUtcNow().UtcDateTime, handled, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The lease then simply expires.
            log.LogWarning(ex, "Job {Job}: releasing its lease failed", job);
        }
    }
}
