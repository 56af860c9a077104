using System.Net;
using System.Net.Http.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Platform.Auth;

namespace Jiexin.IntegrationTests.Modules.Accounts.EditAccount;

public abstract class EditAccountTests(JiexinApp app)
{
    [Fact]
    public async Task Edit_ChangesNameRoleAndUnit_AndTheNewScopeApplies()
    {
        var units = app.Units();
        var account = await app.CreateAccountAsync(Roles.GridWorker, units.Grid);
        using var admin = await app.ClientAsAsync("admin");

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/accounts/{account.Id}", new
        {
            displayName = "改名后的社区工作人员", role = Roles.CommunityStaff, orgUnitKind = "Community", orgUnitId = units.OtherCommunity.Id,
            concurrencyStamp = account.ConcurrencyStamp,
        }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var edited = await response.ReadAccountAsync();
        Assert.Equal("改名后的社区工作人员", edited.DisplayName);
        Assert.Equal(Roles.CommunityStaff, edited.Role);
        Assert.Equal(OrgUnitKind.Community, edited.OrgUnitKind);
        Assert.Equal(units.OtherCommunity.Id, edited.OrgUnitId);
        Assert.NotEqual(account.ConcurrencyStamp, edited.ConcurrencyStamp);

        using var staff = await app.ClientAsAsync(account.UserName, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/org-units/grid/{units.OtherCommunityGrid.Id}/staff", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/api/v1/org-units/grid/{units.Grid.Id}/staff", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Edit_WithAStaleConcurrencyStamp_Is409()
    {
        var account = await app.CreateAccountAsync(Roles.Leader, app.Units().Street);
        using var admin = await app.ClientAsAsync("admin");
        var first = await admin.PutAsJsonAsync($"/api/v1/admin/accounts/{account.Id}", new
        {
            displayName = "第一次保存", role = Roles.Leader, orgUnitKind = "Street", orgUnitId = account.OrgUnitId, concurrencyStamp = account.ConcurrencyStamp,
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var second = await admin.PutAsJsonAsync($"/api/v1/admin/accounts/{account.Id}", new
        {
            displayName = "第二次保存（基于旧版本）", role = Roles.Leader, orgUnitKind = "Street", orgUnitId = account.OrgUnitId, concurrencyStamp = account.ConcurrencyStamp,
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);

        var current = await (await admin.GetAsync($"/api/v1/admin/accounts/{account.Id}", TestContext.Current.CancellationToken)).ReadAccountAsync();
        Assert.Equal("第一次保存", current.DisplayName);
    }

    [Fact]
    public async Task Edit_ToAUnitThatDoesNotFitTheRole_Is400()
    {
        var units = app.Units();
        var account = await app.CreateAccountAsync(Roles.DepartmentStaff, units.Department);
        using var admin = await app.ClientAsAsync("admin");
        var response = await admin.PutAsJsonAsync($"/api/v1/admin/accounts/{account.Id}", new
        {
            displayName = "x", role = Roles.DepartmentStaff, orgUnitKind = "Grid", orgUnitId = units.Grid.Id, concurrencyStamp = account.ConcurrencyStamp,
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("orgUnitId", out _));
    }

    [Fact]
    public async Task Edit_OwnRole_IsRefused()
    {
        using var admin = await app.ClientAsAsync("admin");
        var list = await (await admin.GetAsync("/api/v1/admin/accounts?keyword=admin&role=Admin", TestContext.Current.CancellationToken)).ReadJsonAsync();
        var self = list.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("userName").GetString() == "admin");
        var response = await admin.PutAsJsonAsync($"/api/v1/admin/accounts/{self.GetProperty("id").GetGuid()}", new
        {
            displayName = "管理员", role = Roles.Commander, orgUnitKind = self.GetProperty("orgUnitKind").GetString(), orgUnitId = self.GetProperty("orgUnitId").GetGuid(),
            concurrencyStamp = self.GetProperty("concurrencyStamp").GetString(),
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("role", out _));
    }

    [Fact]
    public async Task Edit_UnknownAccount_Is404()
    {
        using var admin = await app.ClientAsAsync("admin");
        var response = await admin.PutAsJsonAsync($"/api/v1/admin/accounts/{Guid.NewGuid()}", new
        {
            displayName = "x", role = Roles.Resident, concurrencyStamp = "x",
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class EditAccountTests_Sqlite(AccountsSqliteApp app) : EditAccountTests(app), IClassFixture<AccountsSqliteApp>;

public sealed class EditAccountTests_Postgres(AccountsPostgresApp app) : EditAccountTests(app), IClassFixture<AccountsPostgresApp>;
