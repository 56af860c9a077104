using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Accounts.Domain;
using Jiexin.Platform.Auth;

namespace Jiexin.IntegrationTests.Modules.Accounts.CreateAccount;

public abstract class CreateAccountTests(JiexinApp app)
{
    [Fact]
    public async Task Create_GridWorkerOnAGrid_CanLogInWithTheInitialPassword_AndIsScopedToThatGrid()
    {
        var units = app.Units();
        var userName = TestAccounts.UniqueName("gw");
        var account = await app.CreateAccountAsync(Roles.GridWorker, units.Grid, userName);

        Assert.Equal(userName, account.UserName);
        Assert.Equal(Roles.GridWorker, account.Role);
        Assert.Equal("网格员", account.RoleName);
        Assert.Equal(OrgUnitKind.Grid, account.OrgUnitKind);
        Assert.Equal(units.Grid.Id, account.OrgUnitId);
        Assert.Equal(app.Directory().Describe(units.Grid), account.OrgUnitName);
        Assert.Equal(AccountStatus.Active, account.Status);

        using var worker = await app.ClientAsAsync(userName, TestAccounts.Password);
        var staff = await worker.GetAsync($"/api/v1/org-units/grid/{units.Grid.Id}/staff", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
    }

    [Fact]
    public async Task Create_Resident_HasNoUnit()
    {
        var account = await app.CreateAccountAsync(Roles.Resident, null);
        Assert.Null(account.OrgUnitKind);
        Assert.Null(account.OrgUnitName);
    }

    [Theory]
    [InlineData(Roles.GridWorker, OrgUnitKind.Community)]
    [InlineData(Roles.CommunityStaff, OrgUnitKind.Grid)]
    [InlineData(Roles.DepartmentStaff, OrgUnitKind.Street)]
    [InlineData(Roles.Commander, OrgUnitKind.Department)]
    [InlineData(Roles.Mediator, OrgUnitKind.Grid)]
    [InlineData(Roles.Resident, OrgUnitKind.Grid)]
    [InlineData(Roles.Leader, null)]
    public async Task Create_WithAUnitThatDoesNotFitTheRole_Is400NamingOrgUnitId(string role, OrgUnitKind? kind)
    {
        var units = app.Units();
        OrgUnitRef? unit = kind switch
        {
            OrgUnitKind.Street => units.Street,
            OrgUnitKind.Community => units.Community,
            OrgUnitKind.Grid => units.Grid,
            OrgUnitKind.Department => units.Department,
            _ => null,
        };
        var errors = await CreateExpectingValidation(role, unit, TestAccounts.UniqueName("bad"), TestAccounts.Password);
        var message = Assert.Single(errors.GetProperty("orgUnitId").EnumerateArray()).GetString();
        Assert.Contains("组织单元", message);
    }

    [Fact]
    public async Task Create_MediatorOnTheStreetOrADepartment_IsAllowed()
    {
        var units = app.Units();
        Assert.Equal(OrgUnitKind.Street, (await app.CreateAccountAsync(Roles.Mediator, units.Street)).OrgUnitKind);
        Assert.Equal(OrgUnitKind.Department, (await app.CreateAccountAsync(Roles.Mediator, units.Department)).OrgUnitKind);
    }

    [Fact]
    public async Task Create_WithATakenUserName_Is400NamingUserName()
    {
        var errors = await CreateExpectingValidation(Roles.Commander, app.Units().Street, "commander", TestAccounts.Password);
        Assert.Contains("已被使用", errors.GetProperty("userName")[0].GetString());
    }

    [Fact]
    public async Task Create_WithAWeakPassword_Is400NamingPassword_InChinese()
    {
        var errors = await CreateExpectingValidation(Roles.Commander, app.Units().Street, TestAccounts.UniqueName("weak"), "abc");
        var messages = errors.GetProperty("password").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Contains(messages, m => m!.Contains("至少需要 8 位"));
        Assert.Contains(messages, m => m!.Contains("数字"));
    }

    [Fact]
    public async Task Create_WithAnUnknownUnit_Is400()
    {
        var errors = await CreateExpectingValidation(Roles.GridWorker, new OrgUnitRef(OrgUnitKind.Grid, Guid.NewGuid()), TestAccounts.UniqueName("gw"), TestAccounts.Password);
        Assert.Contains("不存在", errors.GetProperty("orgUnitId")[0].GetString());
    }

    [Fact]
    public async Task Create_FailingValidation_LeavesNoAccountBehind()
    {
        var userName = TestAccounts.UniqueName("none");
        await CreateExpectingValidation(Roles.Commander, app.Units().Street, userName, "abc");
        using var admin = await app.ClientAsAsync("admin");
        var list = await (await admin.GetAsync($"/api/v1/admin/accounts?keyword={userName}", TestContext.Current.CancellationToken)).ReadJsonAsync();
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("commander")]
    [InlineData("community01")]
    [InlineData("resident01")]
    public async Task Create_ByANonAdmin_Is403ProblemJson(string userName)
    {
        using var client = await app.ClientAsAsync(userName);
        var response = await client.PostAsJsonAsync("/api/v1/admin/accounts", new
        {
            userName = TestAccounts.UniqueName("x"), displayName = "x", role = Roles.Admin, orgUnitKind = "Street", orgUnitId = app.Units().Street.Id, password = TestAccounts.Password,
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Create_Anonymously_Is401()
    {
        using var anonymous = app.Anonymous();
        var response = await anonymous.PostAsJsonAsync("/api/v1/admin/accounts", new { userName = "x" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<JsonElement> CreateExpectingValidation(string role, OrgUnitRef? unit, string userName, string password)
    {
        using var admin = await app.ClientAsAsync("admin");
        var response = await admin.PostAsJsonAsync("/api/v1/admin/accounts", new
        {
            userName, displayName = "测试", role, orgUnitKind = unit?.Kind.ToString(), orgUnitId = unit?.Id, password,
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.ReadJsonAsync()).GetProperty("errors");
    }
}

public sealed class CreateAccountTests_Sqlite(AccountsSqliteApp app) : CreateAccountTests(app), IClassFixture<AccountsSqliteApp>;

public sealed class CreateAccountTests_Postgres(AccountsPostgresApp app) : CreateAccountTests(app), IClassFixture<AccountsPostgresApp>;
