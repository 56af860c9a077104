using System.Net;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Platform.Auth;

namespace Jiexin.IntegrationTests.Modules.Accounts.ListStaff;

/// <summary>
/// The org-scope mechanism for real, through HTTP with the demo accounts: who may list the staff of which unit
/// (the endpoint filter) and whose staff each one sees in the directory (the scope filter in the SQL).
/// </summary>
public abstract class ListStaffTests(JiexinApp app)
{
    [Fact]
    public async Task CommunityStaff_ListsItsOwnCommunitysGrids_ButNotAnotherCommunitys()
    {
        var units = app.Units();
        using var community = await app.ClientAsAsync("community01");

        var ownGrid = await StaffOf(community, units.Grid);
        Assert.Equal(HttpStatusCode.OK, ownGrid.StatusCode);
        Assert.Contains("grid01", UserNames(await ownGrid.ReadJsonAsync()));

        Assert.Equal(HttpStatusCode.OK, (await StaffOf(community, units.SiblingGrid)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await StaffOf(community, units.Community)).StatusCode);

        var otherGrid = await StaffOf(community, units.OtherCommunityGrid);
        Assert.Equal(HttpStatusCode.Forbidden, otherGrid.StatusCode);
        Assert.Equal("application/problem+json", otherGrid.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await StaffOf(community, units.OtherCommunity)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await StaffOf(community, units.Street)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await StaffOf(community, units.Department)).StatusCode);
    }

    [Fact]
    public async Task GridWorker_ListsOnlyItsOwnGrid()
    {
        var units = app.Units();
        using var grid = await app.ClientAsAsync("grid01");
        Assert.Equal(HttpStatusCode.OK, (await StaffOf(grid, units.Grid)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await StaffOf(grid, units.SiblingGrid)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await StaffOf(grid, units.Community)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await StaffOf(grid, units.OtherCommunityGrid)).StatusCode);
    }

    [Fact]
    public async Task DepartmentStaff_ListsOnlyItsOwnDepartment()
    {
        var units = app.Units();
        using var department = await app.ClientAsAsync("dept-cg");
        var own = await StaffOf(department, units.Department);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("dept-cg", UserNames(await own.ReadJsonAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, (await StaffOf(department, units.OtherDepartment)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await StaffOf(department, units.Grid)).StatusCode);
    }

    [Theory]
    [InlineData("commander")]
    [InlineData("leader")]
    [InlineData("admin")]
    public async Task StreetRoles_ListEveryUnit(string userName)
    {
        var units = app.Units();
        using var client = await app.ClientAsAsync(userName);
        foreach (var unit in new[] { units.Street, units.Community, units.OtherCommunityGrid, units.OtherDepartment })
        {
            Assert.Equal(HttpStatusCode.OK, (await StaffOf(client, unit)).StatusCode);
        }
    }

    [Fact]
    public async Task Resident_MayNotListStaff()
    {
        using var resident = await app.ClientAsAsync("resident01");
        Assert.Equal(HttpStatusCode.Forbidden, (await StaffOf(resident, app.Units().Grid)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync("/api/v1/staff", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData("grid")]
    [InlineData("planet")]
    public async Task UnknownUnit_Is404(string kind)
    {
        using var commander = await app.ClientAsAsync("commander");
        var response = await commander.GetAsync($"/api/v1/org-units/{kind}/{Guid.NewGuid()}/staff", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Directory_ShowsEachUserTheStaffOfItsOwnScopeOnly()
    {
        var units = app.Units();
        var sibling = await app.CreateAccountAsync(Roles.GridWorker, units.SiblingGrid);
        var elsewhere = await app.CreateAccountAsync(Roles.GridWorker, units.OtherCommunityGrid);
        var department = await app.CreateAccountAsync(Roles.DepartmentStaff, units.Department);

        using var community = await app.ClientAsAsync("community01");
        var seenByCommunity = UserNames(await (await community.GetAsync("/api/v1/staff", TestContext.Current.CancellationToken)).ReadJsonAsync());
        Assert.Contains("community01", seenByCommunity);
        Assert.Contains("grid01", seenByCommunity);
        Assert.Contains(sibling.UserName, seenByCommunity);
        Assert.DoesNotContain(elsewhere.UserName, seenByCommunity);
        Assert.DoesNotContain(department.UserName, seenByCommunity);
        Assert.DoesNotContain("commander", seenByCommunity);

        using var grid = await app.ClientAsAsync("grid01");
        var seenByGrid = UserNames(await (await grid.GetAsync("/api/v1/staff", TestContext.Current.CancellationToken)).ReadJsonAsync());
        Assert.Contains("grid01", seenByGrid);
        Assert.DoesNotContain(sibling.UserName, seenByGrid);
        Assert.DoesNotContain("community01", seenByGrid);

        using var dept = await app.ClientAsAsync("dept-cg");
        var seenByDepartment = UserNames(await (await dept.GetAsync("/api/v1/staff", TestContext.Current.CancellationToken)).ReadJsonAsync());
        Assert.Contains(department.UserName, seenByDepartment);
        Assert.DoesNotContain("grid01", seenByDepartment);

        using var commander = await app.ClientAsAsync("commander");
        var seenByCommander = UserNames(await (await commander.GetAsync("/api/v1/staff", TestContext.Current.CancellationToken)).ReadJsonAsync());
        Assert.Contains(elsewhere.UserName, seenByCommander);
        Assert.Contains(department.UserName, seenByCommander);
        Assert.DoesNotContain("resident01", seenByCommander); // residents are not staff
    }

    private static Task<HttpResponseMessage> StaffOf(HttpClient client, OrgUnitRef unit) =>
        client.GetAsync($"/api/v1/org-units/{unit.Kind.ToString().ToLowerInvariant()}/{unit.Id}/staff", TestContext.Current.CancellationToken);

    private static List<string?> UserNames(JsonElement staff) => [.. staff.EnumerateArray().Select(s => s.GetProperty("userName").GetString())];
}

public sealed class ListStaffTests_Sqlite(AccountsSqliteApp app) : ListStaffTests(app), IClassFixture<AccountsSqliteApp>;

public sealed class ListStaffTests_Postgres(AccountsPostgresApp app) : ListStaffTests(app), IClassFixture<AccountsPostgresApp>;
