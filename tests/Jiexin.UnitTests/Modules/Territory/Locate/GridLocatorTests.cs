using Jiexin.Modules.Territory.Contracts;
using Jiexin.Modules.Territory.Directory;
using Jiexin.Modules.Territory.Domain;
using Jiexin.Modules.Territory.Locate;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Jiexin.UnitTests.Modules.Territory.Locate;

/// <summary>The locator over the territory directory, loaded with plain data (no database).</summary>
public sealed class GridLocatorTests : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly TerritoryDirectory _directory;
    private readonly Street _street = new() { Id = Guid.NewGuid(), Name = "测试街道" };
    private readonly Community _community;

    public GridLocatorTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<Jiexin.Platform.ScaleOut.IClusterBus>(new Jiexin.Platform.ScaleOut.SingleNodeBus("test"));
        services.AddSingleton<TerritoryDirectory>();
        services.AddOptions<GridLocatorOptions>().Configure(o => o.NearestGridMaxMeters = 200);
        services.AddSingleton<GridLocator>();
        _services = services.BuildServiceProvider();
        _directory = _services.GetRequiredService<TerritoryDirectory>();
        _community = new Community { Id = Guid.NewGuid(), StreetId = _street.Id, Name = "测试社区" };
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Locate_FollowsTheDirectory_RebuildingOnEveryChange()
    {
        var first = GridAt("T-01", 119.80, 31.43);
        Load(first);
        var locator = _services.GetRequiredService<GridLocator>();

        var found = locator.Locate(31.435, 119.805);
        Assert.Equal(first.Id, found?.GridId);
        Assert.Equal("测试社区", found?.CommunityName);
        Assert.Null(locator.Locate(31.435, 119.825));

        // The grid is redrawn further east and a second one appears: the next lookups see the new territory.
        var moved = GridAt("T-01", 119.82, 31.43, first.Id);
        var second = GridAt("T-02", 119.80, 31.43);
        Load(moved, second);

        Assert.Equal(first.Id, locator.Locate(31.435, 119.825)?.GridId);
        Assert.Equal(second.Id, locator.Locate(31.435, 119.805)?.GridId);
        Assert.Equal(2, locator.Current.Count);

        Load();
        Assert.Null(locator.Locate(31.435, 119.805));
    }

    [Fact]
    public void Rebuild_LeavesOutAnUnreadableBoundary_AndKeepsTheOthers()
    {
        var good = GridAt("T-01", 119.80, 31.43);
        var bad = new Grid { Id = Guid.NewGuid(), CommunityId = _community.Id, Name = "坏网格", Code = "T-00", BoundaryGeoJson = "{\"type\":\"Point\",\"coordinates\":[119.8,31.4]}" };
        Load(good, bad);

        var locator = _services.GetRequiredService<GridLocator>();

        Assert.Equal(1, locator.Current.Count);
        Assert.Equal(good.Id, locator.Locate(31.435, 119.805)?.GridId);
    }

    [Fact]
    public void Locate_UsesTheConfiguredNearestDistance()
    {
        Load(GridAt("T-01", 119.80, 31.43));
        var locator = _services.GetRequiredService<GridLocator>();
        var perDegree = LocalScale.At(31.435).MetersPerDegreeLongitude;

        Assert.Equal(GridMatch.Nearest, locator.Locate(31.435, 119.80 - 150 / perDegree)?.Match);
        Assert.Null(locator.Locate(31.435, 119.80 - 250 / perDegree));
    }

    [Fact]
    public async Task Readers_NeverSeeAHalfBuiltIndex_WhileTheTerritoryChanges()
    {
        // Two versions of the territory that both cover the probe point with a different grid: every answer
        // during the swaps must be one of the two, never "nowhere" or an exception.
        var x = GridAt("X-01", 119.80, 31.43);
        var y = GridAt("Y-01", 119.80, 31.43);
        var filler = Enumerable.Range(0, 200).Select(i => GridAt($"Z-{i:000}", 120.0 + i * 0.02, 31.43)).ToArray();
        Load([x, .. filler]);
        var locator = _services.GetRequiredService<GridLocator>();
        using var stop = new CancellationTokenSource();
        // The swaps wait for both readers to be running: on a busy test machine a reader task could otherwise be
        // scheduled only after the last swap and check nothing.
        using var running = new CountdownEvent(2);

        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            running.Signal();
            var seen = 0;
            do
            {
                var id = locator.Locate(31.435, 119.805)?.GridId;
                Assert.True(id == x.Id || id == y.Id, "a reader saw no grid during a rebuild");
                seen++;
            }
            while (!stop.IsCancellationRequested);

            return seen;
        })).ToArray();

        Assert.True(running.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken), "the readers never started");
        for (var i = 0; i < 40; i++)
        {
            Load([i % 2 == 0 ? y : x, .. filler]);
        }

        await stop.CancelAsync();
        var reads = await Task.WhenAll(readers);
        Assert.All(reads, r => Assert.True(r > 0));
    }

    private void Load(params Grid[] grids) => _directory.Replace(_street, [_community], [.. grids], []);

    private Grid GridAt(string code, double minLng, double minLat, Guid? id = null) => new()
    {
        Id = id ?? Guid.NewGuid(),
        CommunityId = _community.Id,
        Name = "网格 " + code,
        Code = code,
        BoundaryGeoJson = $$"""{"type":"Polygon","coordinates":[[[{{minLng}},{{minLat}}],[{{minLng + 0.01}},{{minLat}}],[{{minLng + 0.01}},{{minLat + 0.01}}],[{{minLng}},{{minLat + 0.01}}],[{{minLng}},{{minLat}}]]]}""",
    };
}
