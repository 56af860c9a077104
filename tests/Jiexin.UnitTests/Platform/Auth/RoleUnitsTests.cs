using Jiexin.Data;
using Jiexin.Platform.Auth;

namespace Jiexin.UnitTests.Platform.Auth;

public sealed class RoleUnitsTests
{
    [Theory]
    [InlineData(Roles.GridWorker, OrgUnitKind.Grid, true)]
    [InlineData(Roles.GridWorker, OrgUnitKind.Community, false)]
    [InlineData(Roles.CommunityStaff, OrgUnitKind.Community, true)]
    [InlineData(Roles.CommunityStaff, OrgUnitKind.Grid, false)]
    [InlineData(Roles.DepartmentStaff, OrgUnitKind.Department, true)]
    [InlineData(Roles.DepartmentStaff, OrgUnitKind.Street, false)]
    [InlineData(Roles.Mediator, OrgUnitKind.Department, true)]
    [InlineData(Roles.Mediator, OrgUnitKind.Street, true)]
    [InlineData(Roles.Mediator, OrgUnitKind.Community, false)]
    [InlineData(Roles.Commander, OrgUnitKind.Street, true)]
    [InlineData(Roles.Leader, OrgUnitKind.Street, true)]
    [InlineData(Roles.Admin, OrgUnitKind.Street, true)]
    [InlineData(Roles.Admin, OrgUnitKind.Grid, false)]
    [InlineData(Roles.Resident, OrgUnitKind.Grid, false)]
    public void Fits_BindsEachRoleToItsKindOfUnit(string role, OrgUnitKind kind, bool fits) =>
        Assert.Equal(fits, RoleUnits.Fits(role, kind));

    [Fact]
    public void Fits_NoUnit_OnlyForResidents()
    {
        Assert.True(RoleUnits.Fits(Roles.Resident, null));
        Assert.All(Roles.Staff, role => Assert.False(RoleUnits.Fits(role, null)));
        Assert.False(RoleUnits.Fits("King", null));
    }

    [Fact]
    public void Requirement_SaysInChineseWhatTheRoleNeeds() =>
        Assert.Equal("网格员必须绑定到网格", RoleUnits.Requirement(Roles.GridWorker));
}
