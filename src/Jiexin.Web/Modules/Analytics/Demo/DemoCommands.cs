using System.Diagnostics;
using System.Globalization;
using Jiexin.Modules.Analytics.Figures;
using Jiexin.Modules.Events.Contracts;

namespace Jiexin.Modules.Analytics.Demo;

/// <summary>
/// <c>demo generate --events 10000000 [--years 7] [--seed 1]</c>: fills the configured database with generated events
/// (bulk inserts), then builds the figures from the raw table in one pass. Runs on the app's prepared host (migrated
/// and seeded), without serving.
/// </summary>
public static class DemoCommands
{
    public static bool IsCommand(string[] args) => args is ["demo", ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        if (args is not ["demo", "generate", .. var options])
        {
            await error.WriteLineAsync("用法 usage: demo generate --events 10000000 [--years 7] [--seed 1]");
            return 2;
        }

        long Option(string name, long fallback)
        {
            var at = Array.IndexOf(options, name);
            return at >= 0 && at + 1 < options.Length && long.TryParse(options[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : fallback;
        }

        var count = Option("--events", 100_000);
        var years = (int)Option("--years", 7);
        var seed = (int)Option("--seed", 1);
        var (inserted, insertSeconds) = await GenerateAsync(services, count, years, seed, new Progress<long>(n => output.WriteLine($"  {n:N0} …")), ct);
        await output.WriteLineAsync($"生成 generated {inserted:N0} events in {insertSeconds:N1} s: {inserted / insertSeconds:N0} rows/s");
        var (events, buckets, rebuildSeconds) = await RebuildAsync(services, ct);
        await output.WriteLineAsync($"汇总 figures built from {events:N0} events into {buckets:N0} buckets in {rebuildSeconds:N1} s");
        return 0;
    }

    public static async Task<(long Rows, double Seconds)> GenerateAsync(IServiceProvider services, long count, int years, int seed, IProgress<long>? progress, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var clock = Stopwatch.StartNew();
        var rows = await scope.ServiceProvider.GetRequiredService<IDemoEventGenerator>().GenerateAsync(count, years, seed, progress, ct);
        return (rows, clock.Elapsed.TotalSeconds);
    }

    public static async Task<(long Events, int Buckets, double Seconds)> RebuildAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var clock = Stopwatch.StartNew();
        var (events, buckets) = await scope.ServiceProvider.GetRequiredService<EventFiguresRebuild>().RunAsync(ct);
        return (events, buckets, clock.Elapsed.TotalSeconds);
    }
}
