using System.Diagnostics;
using Jiexin.Platform.Data;
using Microsoft.Extensions.Options;

namespace Jiexin.Modules.Attribution.Model;

/// <summary>
/// Holds the first-level model the attributor uses. A swap replaces one reference atomically: a classification reads
/// the reference once and finishes on the model it started with, so swapping never fails or mixes two models.
/// </summary>
public sealed class FirstLevelModelHost(IOptionsMonitor<AttributionOptions> options, ILogger<FirstLevelModelHost> logger)
{
    private volatile TextClassifier? _current;

    /// <summary>The model in use, or null (the keyword baseline answers alone).</summary>
    public TextClassifier? Current => _current;

    public void Swap(TextClassifier? model)
    {
        var previous = Interlocked.Exchange(ref _current, model);
        logger.LogInformation("First-level model {Previous} replaced by {Model}", previous?.Name ?? "(none)", model?.Name ?? "(none)");
    }

    /// <summary>Loads the configured model file; a missing or broken file leaves the current model in place.</summary>
    public bool LoadConfigured()
    {
        var path = options.CurrentValue.ModelPath;
        if (string.IsNullOrWhiteSpace(path))
        {
            logger.LogInformation("No first-level model configured: the keyword baseline attributes alone");
            return false;
        }

        if (!File.Exists(ModelFiles.Resolve(path)))
        {
            logger.LogWarning("First-level model file {Path} not found: the keyword baseline attributes alone", path);
            return false;
        }

        try
        {
            var clock = Stopwatch.StartNew();
            var model = ModelFiles.Load(path);
            logger.LogInformation("First-level model {Model} loaded from {Path} in {Ms} ms: {Description}", model.Name, path, clock.ElapsedMilliseconds, model.Description);
            Swap(model);
            return true;
        }
        catch (InvalidDataException e)
        {
            logger.LogError(e, "First-level model file {Path} is unreadable: keeping {Model}", path, _current?.Name ?? "the keyword baseline");
            return false;
        }
    }
}

/// <summary>Loads the first-level model at start (after the catalog).</summary>
internal sealed class LoadFirstLevelModel(FirstLevelModelHost host) : IStartupTask
{
    public int Order => 175;

    public Task RunAsync(CancellationToken ct)
    {
        host.LoadConfigured();
        return Task.CompletedTask;
    }
}
