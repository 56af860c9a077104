namespace Jiexin.Platform.Data;

/// <summary>Something a module does once at start, after migrations (seeding, warming caches). Lower <see cref="Order"/> runs first.</summary>
public interface IStartupTask
{
    int Order { get; }

    Task RunAsync(CancellationToken ct);
}

internal sealed class StartupTasks(IEnumerable<IStartupTask> tasks)
{
    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var task in tasks.OrderBy(t => t.Order))
        {
            await task.RunAsync(ct);
        }
    }
}
