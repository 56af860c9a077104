using System.Net;
using System.Net.Http.Json;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Platform.Auth;

namespace Jiexin.IntegrationTests.Modules.Accounts.ResetPassword;

public abstract class ResetPasswordTests(JiexinApp app)
{
    [Fact]
    public async Task Reset_ReplacesThePassword_AndEndsRefreshTokens()
    {
        var account = await app.CreateAccountAsync(Roles.Leader, app.Units().Street);
        using var anonymous = app.Anonymous();
        var login = await (await Login(anonymous, account.UserName, TestAccounts.Password)).ReadJsonAsync();

        using var admin = await app.ClientAsAsync("admin");
        var reset = await admin.PostAsJsonAsync($"/api/v1/admin/accounts/{account.Id}/password", new { newPassword = "New-Pass-2027" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await Login(anonymous, account.UserName, TestAccounts.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Login(anonymous, account.UserName, "New-Pass-2027")).StatusCode);
        var refresh = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task Reset_ToAWeakPassword_Is400NamingNewPassword_AndKeepsTheOldOne()
    {
        var account = await app.CreateAccountAsync(Roles.Leader, app.Units().Street);
        using var admin = await app.ClientAsAsync("admin");
        var reset = await admin.PostAsJsonAsync($"/api/v1/admin/accounts/{account.Id}/password", new { newPassword = "short" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, reset.StatusCode);
        Assert.Contains("密码", (await reset.ReadJsonAsync()).GetProperty("errors").GetProperty("newPassword")[0].GetString());

        using var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await Login(anonymous, account.UserName, TestAccounts.Password)).StatusCode);
    }

    [Fact]
    public async Task Reset_ByAGridWorker_Is403()
    {
        var account = await app.CreateAccountAsync(Roles.Leader, app.Units().Street);
        using var worker = await app.ClientAsAsync("grid01");
        var reset = await worker.PostAsJsonAsync($"/api/v1/admin/accounts/{account.Id}/password", new { newPassword = "New-Pass-2027" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, reset.StatusCode);
    }

    private static Task<HttpResponseMessage> Login(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password }, TestContext.Current.CancellationToken);
}

public sealed class ResetPasswordTests_Sqlite(AccountsSqliteApp app) : ResetPasswordTests(app), IClassFixture<AccountsSqliteApp>;

public sealed class ResetPasswordTests_Postgres(AccountsPostgresApp app) : ResetPasswordTests(app), IClassFixture<AccountsPostgresApp>;
