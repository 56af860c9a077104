using Jiexin.Platform.Jobs;

namespace Jiexin.Modules.Events.MarkNoFeedback;

/// <summary>Runs <see cref="MarkNoFeedback"/> on the job runner's tick: closings unrated after 7 days become "no feedback".</summary>
public sealed class MarkNoFeedbackJob(MarkNoFeedback.Handler handler, TimeProvider clock) : IRecurringJob
{
    public string Name => "no-feedback";

    public Task<int> RunOnceAsync(CancellationToken ct) => handler.Handle(clock.GetUtcNow().UtcDateTime, ct);
}
