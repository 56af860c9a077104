using Jiexin.Modules.Attribution.Domain;
using Jiexin.Modules.Attribution.Routing;

namespace Jiexin.UnitTests.Modules.Attribution.Routing;

public sealed class RoutingTableTests
{
    private static readonly Guid Community = Guid.NewGuid();
    private static readonly Guid OtherCommunity = Guid.NewGuid();
    private static readonly Guid Grid = Guid.NewGuid();
    private static readonly Guid OtherGrid = Guid.NewGuid();
    private static readonly Guid StreetDept = Guid.NewGuid();
    private static readonly Guid CommunityDept = Guid.NewGuid();
    private static readonly Guid GridDept = Guid.NewGuid();

    private static RoutingRule Rule(string code, Guid department, Guid? community = null, Guid? grid = null, int priority = 0, bool enabled = true) =>
        new() { Id = Guid.NewGuid(), CategoryCode = code, CommunityId = community, GridId = grid, DepartmentId = department, Priority = priority, Enabled = enabled };

    private static Guid? Route(RoutingTable table, Guid? grid, Guid? community, Func<Guid, bool>? exists = null) =>
        table.Find("0503", "05", grid, community, exists ?? (_ => true))?.DepartmentId;

    [Fact]
    public void Find_GridRuleBeatsCommunityRuleBeatsStreetRule()
    {
        var table = new RoutingTable([Rule("0503", StreetDept), Rule("0503", CommunityDept, community: Community), Rule("0503", GridDept, grid: Grid)]);

        Assert.Equal(GridDept, Route(table, Grid, Community));
        Assert.Equal(CommunityDept, Route(table, OtherGrid, Community));
        Assert.Equal(StreetDept, Route(table, OtherGrid, OtherCommunity));
        Assert.Equal(StreetDept, Route(table, null, null));
    }

    [Fact]
    public void Find_RulesForOtherPlacesOrOtherCategories_DoNotApply()
    {
        var table = new RoutingTable([Rule("0503", GridDept, grid: OtherGrid), Rule("0503", CommunityDept, community: OtherCommunity), Rule("0201", StreetDept)]);

        Assert.Null(Route(table, Grid, Community));
    }

    [Fact]
    public void Find_AtTheSamePlace_ASubcategoryRuleBeatsARuleForItsCategory()
    {
        var table = new RoutingTable([Rule("05", StreetDept, community: Community, priority: 9), Rule("0503", CommunityDept, community: Community)]);

        Assert.Equal(CommunityDept, Route(table, Grid, Community));
    }

    [Fact]
    public void Find_AMoreSpecificPlace_BeatsAMoreSpecificCategory()
    {
        var table = new RoutingTable([Rule("05", CommunityDept, community: Community), Rule("0503", StreetDept)]);

        Assert.Equal(CommunityDept, Route(table, Grid, Community));
    }

    [Fact]
    public void Find_AmongEquallySpecificRules_TheHigherPriorityWins()
    {
        var table = new RoutingTable([Rule("0503", StreetDept, community: Community, priority: 1), Rule("0503", CommunityDept, community: Community, priority: 5)]);

        Assert.Equal(CommunityDept, Route(table, Grid, Community));
    }

    [Fact]
    public void Find_PassesOverDisabledRules_AndRulesWhoseDepartmentIsGone()
    {
        var table = new RoutingTable([Rule("0503", StreetDept), Rule("0503", CommunityDept, community: Community), Rule("0503", GridDept, grid: Grid, enabled: false)]);

        Assert.Equal(StreetDept, Route(table, Grid, Community, exists: id => id != CommunityDept));
    }
}
