using Jiexin.Data;
using Jiexin.Platform.Auth;
using static Jiexin.UnitTests.Platform.Auth.SmallTerritory;

namespace Jiexin.UnitTests.Platform.Auth;

/// <summary>The query helpers build the same test as <see cref="ScopeFilter.Includes(OrgUnitRef)"/> (here on LINQ to objects; the integration tests run them on both databases).</summary>
public sealed class ScopeFilterTests
{
    private sealed record Item(string Name, OrgUnitKind? Kind, Guid? UnitId, Guid GridId, Guid? MaybeGrid, Guid DepartmentId);

    private static readonly Item[] Items =
    [
        new("on S", OrgUnitKind.Street, S.Id, G1.Id, null, D1.Id),
        new("on C1", OrgUnitKind.Community, C1.Id, G1.Id, G1.Id, D1.Id),
        new("on G2", OrgUnitKind.Grid, G2.Id, G2.Id, G2.Id, D2.Id),
        new("on G3", OrgUnitKind.Grid, G3.Id, G3.Id, G3.Id, D2.Id),
        new("on D1", OrgUnitKind.Department, D1.Id, G3.Id, null, D1.Id),
        new("nowhere", null, null, G3.Id, null, D2.Id),
    ];

    private static readonly ScopeFilter CommunityOne = new() { CommunityIds = [C1.Id], GridIds = [G1.Id, G2.Id] };

    [Fact]
    public void WhereUnitInScope_KeepsItemsOnUnitsInTheFilter()
    {
        var kept = Items.AsQueryable().WhereUnitInScope(CommunityOne, i => i.Kind, i => i.UnitId).Select(i => i.Name).ToList();
        Assert.Equal(["on C1", "on G2"], kept);

        var department = new ScopeFilter { DepartmentIds = [D1.Id] };
        Assert.Equal(["on D1"], Items.AsQueryable().WhereUnitInScope(department, i => i.Kind, i => i.UnitId).Select(i => i.Name));
    }

    [Fact]
    public void WhereUnitInScope_AgreesWithIncludes()
    {
        foreach (var filter in new[] { CommunityOne, ScopeFilter.Nothing, ScopeFilter.Everything, new ScopeFilter { GridIds = [G3.Id], DepartmentIds = [D1.Id] } })
        {
            var kept = Items.AsQueryable().WhereUnitInScope(filter, i => i.Kind, i => i.UnitId).ToList();
            Assert.Equal(Items.Where(i => filter.Includes(i.Kind, i.UnitId)), kept);
        }
    }

    [Fact]
    public void WhereGridInScope_KeepsItemsOfGridsInTheFilter_AndUnsetGridsOnlyForTheWholeTerritory()
    {
        Assert.Equal(["on S", "on C1", "on G2"], Items.AsQueryable().WhereGridInScope(CommunityOne, i => i.GridId).Select(i => i.Name));
        Assert.Equal(["on C1", "on G2"], Items.AsQueryable().WhereGridInScope(CommunityOne, i => i.MaybeGrid).Select(i => i.Name));
        Assert.Equal(Items.Length, Items.AsQueryable().WhereGridInScope(ScopeFilter.Everything, i => i.MaybeGrid).Count());
        Assert.Empty(Items.AsQueryable().WhereGridInScope(ScopeFilter.Nothing, i => i.GridId));
    }

    [Fact]
    public void WhereDepartmentInScope_KeepsItemsOfDepartmentsInTheFilter()
    {
        var d2 = new ScopeFilter { DepartmentIds = [D2.Id] };
        Assert.Equal(["on G2", "on G3", "nowhere"], Items.AsQueryable().WhereDepartmentInScope(d2, i => i.DepartmentId).Select(i => i.Name));
        Assert.Empty(Items.AsQueryable().WhereDepartmentInScope(CommunityOne, i => i.DepartmentId));
    }

    [Fact]
    public void Includes_TheStreetItself_OnlyForTheWholeTerritory()
    {
        Assert.False(CommunityOne.Includes(S));
        Assert.True(ScopeFilter.Everything.Includes(S));
        Assert.True(ScopeFilter.Everything.Includes(null, null));
        Assert.False(CommunityOne.Includes(null, null));
    }
}
