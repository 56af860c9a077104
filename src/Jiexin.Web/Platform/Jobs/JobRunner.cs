using Microsoft.Extensions.Options;

namespace Jiexin.Platform.Jobs;

/// <summary>
/// The hosted service that runs every registered <see cref="IRecurringJob"/> on a fixed interval, one after another,
/// each in its own DI scope. A failing job is logged and tried again at the next tick; it never stops the others.
/// Every app instance runs it: the jobs claim their work atomically, so two instances never do one item twice.
/// </summary>
public sealed class JobRunner(
    IServiceScopeFactory scopes,
    IEnumerable<RecurringJobRegistration> jobs,
    IOptions<JobsOptions> options, TimeProvider clock, ILogger<JobRunner> log)
    : BackgroundService
{
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
            try
            {
                var handled = await job.RunOnceAsync(ct);
                if (handled > 0)
                {
                    log.LogInformation("Job {Job} handled {Count} items", job.Name, handled);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                log.LogWarning(ex, "Job {Job} failed; it runs again at the next tick", job.Name);
            }
        }
    }
}
