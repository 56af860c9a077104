using Jiexin.Data;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.UnitTests.Platform.Auth.SmallTerritory;

namespace Jiexin.UnitTests.Platform.Auth;

public sealed class OrgScopeRulesTests
{
    private static readonly SmallTerritory Territory = new();

    /// <summary>role, the unit the account is bound to ("-" for none), and the units it may act on; every other unit is refused.</summary>
    public static TheoryData<string, string, string> Matrix => new()
    {
        { Roles.Admin, "S", "S C1 C2 G1 G2 G3 D1 D2" },
        { Roles.Admin, "-", "S C1 C2 G1 G2 G3 D1 D2" },
        { Roles.Commander, "S", "S C1 C2 G1 G2 G3 D1 D2" },
        { Roles.Leader, "S", "S C1 C2 G1 G2 G3 D1 D2" },
        { Roles.Mediator, "S", "S C1 C2 G1 G2 G3 D1 D2" },
        { Roles.CommunityStaff, "C1", "C1 G1 G2" },
        { Roles.CommunityStaff, "C2", "C2 G3" },
        { Roles.GridWorker, "G1", "G1" },
        { Roles.GridWorker, "G3", "G3" },
        { Roles.DepartmentStaff, "D1", "D1" },
        { Roles.DepartmentStaff, "D2", "D2" },
        { Roles.Mediator, "D1", "D1" },
        { Roles.Resident, "-", "" },
        // A binding whose kind does not fit the role grants nothing (data error, never a wider scope).
        { Roles.Resident, "G1", "" },
        { Roles.GridWorker, "S", "" },
        { Roles.GridWorker, "C1", "" },
        { Roles.CommunityStaff, "G1", "" },
        { Roles.CommunityStaff, "S", "" },
        { Roles.DepartmentStaff, "C1", "" },
        { Roles.DepartmentStaff, "S", "" },
        { Roles.Commander, "C1", "" },
        { Roles.Leader, "D1", "" },
        { Roles.Commander, "-", "" },
        { Roles.GridWorker, "-", "" },
        // Bound to a unit that no longer exists.
        { Roles.CommunityStaff, "Gone", "" },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void CanActOn_FollowsTheMatrix(string role, string boundTo, string allowed)
    {
        var user = User(role, boundTo == "-" ? null : ByName[boundTo]);
        var expected = allowed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(n => ByName[n]).ToHashSet();
        foreach (var unit in Units)
        {
            Assert.True(expected.Contains(unit) == OrgScopeRules.CanActOn(user, unit, Territory),
                $"{role}@{boundTo} on {Territory.Describe(unit)}: expected {(expected.Contains(unit) ? "allowed" : "refused")}");
        }
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void ScopeFilter_IncludesExactlyTheUnitsCanActOnAllows(string role, string boundTo, string allowed)
    {
        _ = allowed;
        var user = User(role, boundTo == "-" ? null : ByName[boundTo]);
        var filter = OrgScopeRules.FilterFor(user, Territory);
        foreach (var unit in Units)
        {
            Assert.Equal(OrgScopeRules.CanActOn(user, unit, Territory), filter.Includes(unit));
        }
    }

    [Fact]
    public void ScopeFilter_OfCommunityStaff_ListsItsCommunityAndGrids()
    {
        var filter = OrgScopeRules.FilterFor(User(Roles.CommunityStaff, C1), Territory);
        Assert.False(filter.AllTerritory);
        Assert.Equal([C1.Id], filter.CommunityIds);
        Assert.Equal(new HashSet<Guid> { G1.Id, G2.Id }, filter.GridIds.ToHashSet());
        Assert.Empty(filter.DepartmentIds);
    }

    [Fact]
    public void ScopeFilter_OfStreetRoles_IsTheWholeTerritory()
    {
        Assert.True(OrgScopeRules.FilterFor(User(Roles.Commander, S), Territory).AllTerritory);
        Assert.True(OrgScopeRules.FilterFor(User(Roles.Admin, null), Territory).AllTerritory);
        Assert.True(OrgScopeRules.FilterFor(User(Roles.Resident, null), Territory).IsEmpty);
    }

    [Fact]
    public void AnUnauthenticatedPrincipal_MayDoNothing_WhateverItsClaims()
    {
        var user = User(Roles.Admin, S, authenticated: false);
        Assert.All(Units, unit => Assert.False(OrgScopeRules.CanActOn(user, unit, Territory)));
        Assert.True(OrgScopeRules.FilterFor(user, Territory).IsEmpty);
    }

    [Fact]
    public void NobodyActsOnAUnitThatDoesNotExist()
    {
        Assert.False(OrgScopeRules.CanActOn(User(Roles.Admin, S), Gone, Territory));
        Assert.False(OrgScopeRules.CanActOn(User(Roles.Commander, S), Gone, Territory));
    }

    [Theory]
    [InlineData(Roles.CommunityStaff, "C1", "G2", true)]
    [InlineData(Roles.CommunityStaff, "C1", "G3", false)]
    [InlineData(Roles.GridWorker, "G1", "G2", false)]
    [InlineData(Roles.DepartmentStaff, "D1", "D2", false)]
    [InlineData(Roles.Leader, "S", "D2", true)]
    public async Task OrgScopeService_AnswersThroughAspNetCoreAuthorization(string role, string boundTo, string target, bool expected)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddAuthorizationCore()
            .AddSingleton<IOrgDirectory>(Territory)
            .AddSingleton<IAuthorizationHandler, OrgScopeHandler>()
            .AddScoped<IOrgScope, OrgScope>()
            .BuildServiceProvider();
        var user = User(role, ByName[boundTo]);

        var scope = services.GetRequiredService<IOrgScope>();
        Assert.Equal(expected, await scope.CanActOnAsync(user, ByName[target]));

        var authorization = services.GetRequiredService<IAuthorizationService>();
        Assert.Equal(expected, (await authorization.AuthorizeAsync(user, ByName[target], OrgScopeRequirement.Instance)).Succeeded);
    }
}
