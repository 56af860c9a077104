using Jiexin.Modules.Territory.Contracts;
using Jiexin.Modules.Territory.Directory;
using Microsoft.Extensions.Options;

namespace Jiexin.Modules.Territory.Locate;

/// <summary>
/// The app's <see cref="IGridLocator"/>: holds the current <see cref="GridIndex"/> built from the territory
/// directory and rebuilds it whenever the directory reloads. Readers take the published index without locks;
/// a rebuild makes a complete new index and then swaps the reference, so no reader sees a half-built one.
/// </summary>
internal sealed class GridLocator : IGridLocator, IDisposable
{
    private readonly TerritoryDirectory _directory;
    private readonly IOptionsMonitor<GridLocatorOptions> _options;
    private readonly ILogger<GridLocator> _logger;
    private readonly Lock _rebuild = new();
    private volatile GridIndex _index = GridIndex.Empty;

    public GridLocator(TerritoryDirectory directory, IOptionsMonitor<GridLocatorOptions> options, ILogger<GridLocator> logger)
    {
        _directory = directory;
        _options = options;
        _logger = logger;
        // Subscribe before the first build: a reload in between then triggers one more rebuild, never none.
        _directory.Changed += Rebuild;
        Rebuild();
    }

    /// <summary>The index readers currently use.</summary>
    public GridIndex Current => _index;

    public GridLocation? Locate(double latitude, double longitude) =>
        _index.Locate(latitude, longitude, _options.CurrentValue.NearestGridMaxMeters);

    /// <summary>Builds a new index from the directory's current grids and publishes it.</summary>
    public void Rebuild()
    {
        // One rebuild at a time, each reading the directory inside the lock: whichever runs last reads the
        // newest snapshot, so concurrent reloads cannot leave an older index published.
        lock (_rebuild)
        {
            try
            {
                var shapes = new List<GridShape>();
                foreach (var grid in _directory.Grids)
                {
                    try
                    {
                        var community = _directory.FindCommunity(grid.CommunityId);
                        shapes.Add(new GridShape(grid.Id, grid.Name, grid.Code, grid.CommunityId, community?.Name ?? "", GridBoundary.Parse(grid.BoundaryGeoJson)));
                    }
                    catch (FormatException e)
                    {
                        // Import validates boundaries; a bad row must not take locating down for every other grid.
                        _logger.LogWarning("Grid {GridCode} ({GridId}) left out of the spatial index: {Reason}", grid.Code, grid.Id, e.Message);
                    }
                }

                _index = GridIndex.Build(shapes);
                _logger.LogDebug("Spatial index built with {Count} grids", shapes.Count);
            }
            catch (Exception e)
            {
                // Keep answering from the previous index rather than failing the reload that raised the event.
                _logger.LogError(e, "Rebuilding the spatial index failed; the previous index stays in use");
            }
        }
    }

    public void Dispose() => _directory.Changed -= Rebuild;
}

/// <summary>Builds the index at start (after the directory loads at 150) so the first request does not wait for it.</summary>
internal sealed class BuildGridIndex(GridLocator locator) : Jiexin.Platform.Data.IStartupTask
{
    public int Order => 160;

    public Task RunAsync(CancellationToken ct) => Task.FromResult(locator.Current.Count);
}
