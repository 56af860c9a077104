using System.Net;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Accounts.Domain;
using Jiexin.Platform.Auth;

namespace Jiexin.IntegrationTests.Modules.Accounts.ChangeAccountStatus;

public abstract class ChangeAccountStatusTests(JiexinApp app)
{
    [Fact]
    public async Task Disable_ThenEnable_ShowsInTheStatus()
    {
        var account = await app.CreateAccountAsync(Roles.DepartmentStaff, app.Units().Department);
        using var admin = await app.ClientAsAsync("admin");

        var disabled = await admin.PostAsync($"/api/v1/admin/accounts/{account.Id}/disable", null, TestContext.Current.CancellationToken);
        Assert.Equal(AccountStatus.Disabled, (await disabled.ReadAccountAsync()).Status);

        var enabled = await admin.PostAsync($"/api/v1/admin/accounts/{account.Id}/enable", null, TestContext.Current.CancellationToken);
        Assert.Equal(AccountStatus.Active, (await enabled.ReadAccountAsync()).Status);
    }

    [Fact]
    public async Task Disable_Yourself_IsRefused()
    {
        using var admin = await app.ClientAsAsync("admin");
        var self = (await (await admin.GetAsync("/api/v1/admin/accounts?keyword=admin&role=Admin", TestContext.Current.CancellationToken)).ReadJsonAsync())
            .GetProperty("items").EnumerateArray().Single(a => a.GetProperty("userName").GetString() == "admin");
        var response = await admin.PostAsync($"/api/v1/admin/accounts/{self.GetProperty("id").GetGuid()}/disable", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Disable_UnknownAccount_Is404_AndByACommander_Is403()
    {
        using var admin = await app.ClientAsAsync("admin");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/admin/accounts/{Guid.NewGuid()}/disable", null, TestContext.Current.CancellationToken)).StatusCode);

        var account = await app.CreateAccountAsync(Roles.Leader, app.Units().Street);
        using var commander = await app.ClientAsAsync("commander");
        Assert.Equal(HttpStatusCode.Forbidden, (await commander.PostAsync($"/api/v1/admin/accounts/{account.Id}/disable", null, TestContext.Current.CancellationToken)).StatusCode);
    }
}

public sealed class ChangeAccountStatusTests_Sqlite(AccountsSqliteApp app) : ChangeAccountStatusTests(app), IClassFixture<AccountsSqliteApp>;

public sealed class ChangeAccountStatusTests_Postgres(AccountsPostgresApp app) : ChangeAccountStatusTests(app), IClassFixture<AccountsPostgresApp>;
