using Jiexin.Modules.Attribution;
using Jiexin.Modules.Attribution.Catalog;
using Jiexin.Modules.Attribution.KeywordBaseline;
using Jiexin.Modules.Attribution.Model;
using Jiexin.Modules.Attribution.ModelAttribution;
using Jiexin.Modules.Attribution.Routing;
using Jiexin.Modules.Territory.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Jiexin.UnitTests.Modules.Attribution;

/// <summary>
/// A hand-made territory for routing: community 景湖社区 with grids 第1网格 and 第2网格, community 新庄社区 with 第3网格,
/// and the departments 城管, 住建, 景湖物业 and 应急. Every point locates to <see cref="PointGrid"/> when set.
/// </summary>
internal sealed class FakeTerritory : ITerritoryLookup, IGridLocator
{
    public static readonly OrgUnitSummary Jinghu = new(Guid.Parse("00000000-0000-0000-0000-000000000011"), "景湖社区", "景湖社区", null);
    public static readonly OrgUnitSummary Xinzhuang = new(Guid.Parse("00000000-0000-0000-0000-000000000012"), "新庄社区", "新庄社区", null);
    public static readonly OrgUnitSummary Grid1 = new(Guid.Parse("00000000-0000-0000-0000-000000000111"), "第1网格", "第1网格", Jinghu.Id);
    public static readonly OrgUnitSummary Grid2 = new(Guid.Parse("00000000-0000-0000-0000-000000000112"), "第2网格", "第2网格", Jinghu.Id);
    public static readonly OrgUnitSummary Grid3 = new(Guid.Parse("00000000-0000-0000-0000-000000000121"), "第3网格", "第3网格", Xinzhuang.Id);
    public static readonly OrgUnitSummary Cityguard = new(Guid.Parse("00000000-0000-0000-0000-000000000031"), "城市管理中队", "城管", null);
    public static readonly OrgUnitSummary Housing = new(Guid.Parse("00000000-0000-0000-0000-000000000032"), "住房和城乡建设办公室", "住建", null);
    public static readonly OrgUnitSummary JinghuProperty = new(Guid.Parse("00000000-0000-0000-0000-000000000033"), "景湖物业服务有限公司", "景湖物业", null);
    public static readonly OrgUnitSummary Emergency = new(Guid.Parse("00000000-0000-0000-0000-000000000034"), "应急管理办公室", "应急", null);

    /// <summary>Every department of the demo territory, by its seeded names.</summary>
    public static readonly IReadOnlyList<OrgUnitSummary> DemoDepartments =
        [.. Jiexin.Modules.Territory.Seed.DemoTerritoryCatalog.Departments.Select(d => new OrgUnitSummary(Guid.NewGuid(), d.Name, d.ShortName, null))];

    public OrgUnitSummary? PointGrid { get; set; }

    public OrgUnitSummary? Street => null;

    public IReadOnlyList<OrgUnitSummary> Communities => [Jinghu, Xinzhuang];

    /// <summary>Routing needs no boundaries.</summary>
    public IReadOnlyList<GridOutline> GridOutlines => [];

    public IReadOnlyList<OrgUnitSummary> Departments { get; set; } = [Cityguard, Housing, JinghuProperty, Emergency];

    public IReadOnlyList<OrgUnitSummary> GridsOf(Guid communityId) => [.. new[] { Grid1, Grid2, Grid3 }.Where(g => g.ParentId == communityId)];

    public OrgUnitSummary? FindDepartmentByShortName(string shortName) => Departments.FirstOrDefault(d => d.ShortName == shortName);

    public GridLocation? Locate(double latitude, double longitude) =>
        PointGrid is { } grid
            ? new GridLocation(grid.Id, grid.Name, grid.ParentId!.Value, Communities.First(c => c.Id == grid.ParentId).Name, GridMatch.Inside, 0)
            : null;

    /// <summary>A keyword attributor over a snapshot and this territory, with the given threshold.</summary>
    public KeywordAttributor Attributor(AttributionSnapshot snapshot, double threshold = 0.6)
    {
        var catalog = new AttributionCatalog(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), NullLogger<AttributionCatalog>.Instance);
        catalog.Replace(snapshot);
        return new KeywordAttributor(catalog, new AttributionRouter(this, this), new FixedOptions(new AttributionOptions { AutoDispatchThreshold = threshold }));
    }

    /// <summary>The model attributor (first-level model + phrases) over a snapshot, a model host and this territory.</summary>
    public ModelAttributor ModelAttributor(AttributionSnapshot snapshot, FirstLevelModelHost host, double threshold = 0.6)
    {
        var catalog = new AttributionCatalog(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), NullLogger<AttributionCatalog>.Instance);
        catalog.Replace(snapshot);
        var options = new FixedOptions(new AttributionOptions { AutoDispatchThreshold = threshold });
        var router = new AttributionRouter(this, this);
        return new ModelAttributor(catalog, host, new KeywordAttributor(catalog, router, options), router, options);
    }

    /// <summary>A model host with no configured file (models are swapped in by the test).</summary>
    public static FirstLevelModelHost ModelHost(TextClassifier? model = null)
    {
        var host = new FirstLevelModelHost(new FixedOptions(new AttributionOptions { ModelPath = null }), NullLogger<FirstLevelModelHost>.Instance);
        host.Swap(model);
        return host;
    }

    private sealed class FixedOptions(AttributionOptions value) : IOptionsMonitor<AttributionOptions>
    {
        public AttributionOptions CurrentValue => value;

        public AttributionOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<AttributionOptions, string?> listener) => null;
    }
}
