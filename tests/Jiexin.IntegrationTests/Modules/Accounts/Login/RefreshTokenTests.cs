using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Platform.Auth;

namespace Jiexin.IntegrationTests.Modules.Accounts.Login;

/// <summary><c>POST /api/v1/auth/refresh</c>, and what a disabled account may no longer do.</summary>
public abstract class RefreshTokenTests(JiexinApp app)
{
    [Fact]
    public async Task Refresh_WithTheLoginsRefreshToken_GivesAWorkingAccessToken()
    {
        using var anonymous = app.Anonymous();
        var tokens = await LoginAsync(anonymous, "leader", JiexinApp.DemoPassword);

        var refreshed = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.RefreshToken }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var body = await refreshed.ReadJsonAsync();
        var access = body.GetProperty("accessToken").GetString();
        Assert.False(string.IsNullOrEmpty(access));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("refreshToken").GetString()));

        using var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/staff", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("")]
    public async Task Refresh_WithABadToken_Is401ProblemJson(string refreshToken)
    {
        using var anonymous = app.Anonymous();
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task DisabledAccount_CanNeitherLogInNorRefresh_AndHearsTheGenericMessage()
    {
        var account = await app.CreateAccountAsync(Roles.Leader, app.Units().Street);
        using var anonymous = app.Anonymous();
        var tokens = await LoginAsync(anonymous, account.UserName, TestAccounts.Password);

        using var admin = await app.ClientAsAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/admin/accounts/{account.Id}/disable", null, TestContext.Current.CancellationToken)).StatusCode);

        var login = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = account.UserName, password = TestAccounts.Password }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Equal("用户名或密码错误。", (await login.ReadJsonAsync()).GetProperty("detail").GetString());

        var refresh = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.RefreshToken }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);

        using var session = new PageSession(app);
        Assert.Contains("用户名或密码错误", await PageSession.ReadHtmlAsync(await session.LoginAsync(account.UserName, TestAccounts.Password)));

        // Enabled again, the same password works.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/admin/accounts/{account.Id}/enable", null, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginResponseAsync(anonymous, account.UserName, TestAccounts.Password)).StatusCode);
    }

    private static Task<HttpResponseMessage> LoginResponseAsync(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password }, TestContext.Current.CancellationToken);

    private static async Task<(string AccessToken, string RefreshToken)> LoginAsync(HttpClient client, string userName, string password)
    {
        var response = await LoginResponseAsync(client, userName, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        return (body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!);
    }
}

public sealed class RefreshTokenTests_Sqlite(AccountsSqliteApp app) : RefreshTokenTests(app), IClassFixture<AccountsSqliteApp>;

public sealed class RefreshTokenTests_Postgres(AccountsPostgresApp app) : RefreshTokenTests(app), IClassFixture<AccountsPostgresApp>;
