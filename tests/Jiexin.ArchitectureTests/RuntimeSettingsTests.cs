using System.Text.Json;

namespace Jiexin.ArchitectureTests;

/// <summary>
/// The runtime settings the app is built with (Jiexin.Web.csproj → Jiexin.Web.runtimeconfig.json), each measured under
/// intake load in docs/decisions/0023-intake-group-commit.md. A test host runs with its own runtime settings, so these
/// are read from the app's file rather than observed in this process.
/// </summary>
public sealed class RuntimeSettingsTests
{
    private static JsonElement ConfigProperties()
    {
        var path = Path.ChangeExtension(typeof(Program).Assembly.Location, ".runtimeconfig.json");
        Assert.True(File.Exists(path), $"{path} is missing");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Fact]
    public void The_thread_pool_starts_enough_threads_for_synchronous_SQLite_calls()
    {
        // ADR 0023, sessions 20-21: with one thread per core, a job's long read and the group commit starved the pool and intake
        // stalled 0.5-1.6 s at every job tick; with 64 the stalls went (p99 at peak 300-980 ms → 72-100 ms).
        Assert.True(ConfigProperties().TryGetProperty("System.Threading.ThreadPool.MinThreads", out var min), "ThreadPool.MinThreads is not set");
        Assert.True(min.GetInt32() >= 32, $"ThreadPool.MinThreads is {min.GetInt32()}");
    }

    [Fact]
    public void Idle_workers_park_and_the_GC_is_the_workstation_one()
    {
        var config = ConfigProperties();
        Assert.Equal(0, config.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
        Assert.False(config.GetProperty("System.GC.Server").GetBoolean());
    }
}
