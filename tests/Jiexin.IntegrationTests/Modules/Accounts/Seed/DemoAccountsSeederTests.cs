using System.Net;
using System.Net.Http.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Accounts.Seed;

/// <summary>An install with <c>Jiexin:SeedDemo=false</c>: one admin account, nothing else.</summary>
public abstract class EmptyInstallTests(JiexinApp app)
{
    [Fact]
    public async Task OnlyAdminExists_AndCanLogIn()
    {
        var userNames = await app.WithScopeAsync(sp => sp.GetRequiredService<UserManager<JiexinUser>>().Users.Select(u => u.UserName).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["admin"], userNames);

        using var anonymous = app.Anonymous();
        var admin = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = "admin", password = JiexinApp.DemoPassword }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        var commander = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = "commander", password = JiexinApp.DemoPassword }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, commander.StatusCode);

        using var client = await app.ClientAsAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/admin/accounts", TestContext.Current.CancellationToken)).StatusCode);
    }
}

public abstract class DemoAccountsTests(JiexinApp app)
{
    [Theory]
    [InlineData("admin", "Admin")]
    [InlineData("commander", "Commander")]
    [InlineData("leader", "Leader")]
    [InlineData("community01", "CommunityStaff")]
    [InlineData("grid01", "GridWorker")]
    [InlineData("dept-cg", "DepartmentStaff")]
    [InlineData("mediator01", "Mediator")]
    [InlineData("resident01", "Resident")]
    [InlineData("resident02", "Resident")]
    public async Task EachDemoAccount_HasItsRole_AndAUnitThatFits(string userName, string role)
    {
        using var admin = await app.ClientAsAsync("admin");
        var list = await (await admin.GetAsync($"/api/v1/admin/accounts?keyword={userName}&role={role}", TestContext.Current.CancellationToken)).ReadJsonAsync();
        var account = list.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("userName").GetString() == userName);
        var kind = account.GetProperty("orgUnitKind");
        if (role == "Resident")
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Null, kind.ValueKind);
        }
        else
        {
            Assert.True(Jiexin.Platform.Auth.RoleUnits.Fits(role, Enum.Parse<OrgUnitKind>(kind.GetString()!)));
        }

        using var anonymous = app.Anonymous();
        var login = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = JiexinApp.DemoPassword }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }
}

public sealed class EmptySqliteApp : SqliteApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Jiexin:SeedDemo"] = "false" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        AccountsTestHost.Configure(builder, seedTerritory: false);
    }
}

public sealed class EmptyPostgresApp : PostgresApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Jiexin:SeedDemo"] = "false" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        AccountsTestHost.Configure(builder, seedTerritory: false);
    }
}

public sealed class EmptyInstallTests_Sqlite(EmptySqliteApp app) : EmptyInstallTests(app), IClassFixture<EmptySqliteApp>;

public sealed class EmptyInstallTests_Postgres(EmptyPostgresApp app) : EmptyInstallTests(app), IClassFixture<EmptyPostgresApp>;

public sealed class DemoAccountsTests_Sqlite(AccountsSqliteApp app) : DemoAccountsTests(app), IClassFixture<AccountsSqliteApp>;

public sealed class DemoAccountsTests_Postgres(AccountsPostgresApp app) : DemoAccountsTests(app), IClassFixture<AccountsPostgresApp>;
