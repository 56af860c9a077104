using Jiexin.Modules.Attribution.Domain;
using Jiexin.Platform.Jobs;

namespace Jiexin.Modules.Attribution.Retrain;

/// <summary>
/// On every tick of the job runner: loads a model another instance installed, and when the schedule is due
/// (<c>Jiexin:Attribution:Retrain:IntervalDays</c>, weekly by default) retrains — on one instance only: the due check and
/// the lease are one conditional UPDATE.
/// </summary>
public sealed class RetrainModelJob(ModelRetrainer retrainer, Microsoft.Extensions.Options.IOptionsMonitor<AttributionOptions> options) : IRecurringJob
{
    public string Name => "attribution-retrain";

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var handled = await retrainer.SyncModelAsync(ct) ? 1 : 0;
        if (!options.CurrentValue.Retrain.ScheduleEnabled)
        {
            return handled;
        }

        if (await retrainer.TryStartAsync(RetrainTrigger.Scheduled, null, ct) is not { } run)
        {
            return handled;
        }

        await retrainer.RunAsync(run.Id, ct);
        return handled + 1;
    }
}

/// <summary>Runs an on-demand retraining in the background (it takes minutes with the full recipe), in its own DI scope.</summary>
public sealed class RetrainLauncher(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<RetrainLauncher> log)
{
    public Task Start(Guid runId) => Task.Run(async () =>
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ModelRetrainer>().RunAsync(runId, lifetime.ApplicationStopping);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Retraining {Run} stopped unexpectedly; its lease expires by itself", runId);
        }
    });
}
