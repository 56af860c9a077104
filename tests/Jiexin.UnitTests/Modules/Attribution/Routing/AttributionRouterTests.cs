using Jiexin.Modules.Attribution.Catalog;
using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Attribution.Domain;
using Jiexin.Modules.Attribution.Seed;

namespace Jiexin.UnitTests.Modules.Attribution.Routing;

/// <summary>Routing as the attributor does it: rules over the shipped taxonomy, reasons a dispatcher reads.</summary>
public sealed class AttributionRouterTests
{
    private const string PropertyComplaint = "物业不作为，物业费照收";

    private readonly FakeTerritory _territory = new();

    private static AttributionSnapshot WithRules(params RoutingRule[] rules) =>
        AttributionSnapshot.Build(TaxonomySeeder.ToEntities(SeedTaxonomy.Groups), rules);

    private static RoutingRule Rule(string code, Guid department, Guid? community = null, Guid? grid = null) =>
        new() { Id = Guid.NewGuid(), CategoryCode = code, CommunityId = community, GridId = grid, DepartmentId = department };

    private Task<AttributionResult> AttributeAsync(AttributionSnapshot snapshot, AttributionRequest request) =>
        _territory.Attributor(snapshot).AttributeAsync(request, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Attribute_GridRuleBeatsCommunityRuleBeatsDefault_WithTheReason()
    {
        var snapshot = WithRules(
            Rule("0503", FakeTerritory.JinghuProperty.Id, community: FakeTerritory.Jinghu.Id),
            Rule("0503", FakeTerritory.Emergency.Id, grid: FakeTerritory.Grid2.Id));

        var inGrid2 = await AttributeAsync(snapshot, new AttributionRequest(PropertyComplaint, GridId: FakeTerritory.Grid2.Id));
        var inGrid1 = await AttributeAsync(snapshot, new AttributionRequest(PropertyComplaint, GridId: FakeTerritory.Grid1.Id));
        var inGrid3 = await AttributeAsync(snapshot, new AttributionRequest(PropertyComplaint, GridId: FakeTerritory.Grid3.Id));

        Assert.Equal("0503", inGrid2.Top.Code);
        Assert.Equal((FakeTerritory.Emergency.Id, RoutingSource.GridRule), (inGrid2.Department?.Id, inGrid2.RoutingSource));
        Assert.Equal("按规则: 小类 物业服务 · 景湖社区 第2网格 → 应急", inGrid2.RoutingReason);
        Assert.Equal((FakeTerritory.JinghuProperty.Id, RoutingSource.CommunityRule), (inGrid1.Department?.Id, inGrid1.RoutingSource));
        Assert.Equal("按规则: 小类 物业服务 · 景湖社区 → 景湖物业", inGrid1.RoutingReason);
        Assert.Equal((FakeTerritory.Housing.Id, RoutingSource.CategoryDefault), (inGrid3.Department?.Id, inGrid3.RoutingSource));
        Assert.Equal("按默认: 小类 物业服务 → 住建", inGrid3.RoutingReason);
        Assert.Equal(new AttributionPlace(FakeTerritory.Grid1.Id, "第1网格", FakeTerritory.Jinghu.Id, "景湖社区"), inGrid1.Place);
    }

    [Fact]
    public async Task Attribute_APointIsLocatedToItsGrid_ThenRouted()
    {
        var snapshot = WithRules(Rule("05", FakeTerritory.JinghuProperty.Id, community: FakeTerritory.Jinghu.Id));
        _territory.PointGrid = FakeTerritory.Grid1;

        var result = await AttributeAsync(snapshot, new AttributionRequest(PropertyComplaint, 31.43, 119.80));

        Assert.Equal(FakeTerritory.Grid1.Id, result.Place?.GridId);
        Assert.Equal(FakeTerritory.JinghuProperty.Id, result.Department?.Id);
        Assert.Equal("按规则: 大类 房屋物业 · 景湖社区 → 景湖物业", result.RoutingReason);
    }

    [Fact]
    public async Task Attribute_AStreetWideRule_OverridesTheDefault()
    {
        var snapshot = WithRules(Rule("0201", FakeTerritory.Housing.Id));

        var result = await AttributeAsync(snapshot, new AttributionRequest("路灯坏了"));

        Assert.Equal((FakeTerritory.Housing.Id, RoutingSource.CategoryRule), (result.Department?.Id, result.RoutingSource));
        Assert.Equal("按规则: 小类 路灯不亮 → 住建", result.RoutingReason);
        Assert.Null(result.Place);
    }

    [Fact]
    public async Task Attribute_DefaultDepartmentMissingFromTheTerritory_LeavesItToAPerson()
    {
        var result = await AttributeAsync(WithRules(), new AttributionRequest("老板拖欠工资三个月"));

        // The fake territory has no 人社.
        Assert.Null(result.Department);
        Assert.Equal(RoutingSource.None, result.RoutingSource);
        Assert.Equal("小类 欠薪 的默认部门「人社」不存在，由指挥中心人工分派", result.RoutingReason);
    }
}
