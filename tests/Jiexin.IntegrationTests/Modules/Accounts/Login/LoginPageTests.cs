using System.Net;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Platform.Auth;

namespace Jiexin.IntegrationTests.Modules.Accounts.Login;

/// <summary>The cookie login of the console: the static page, its form post, logout and the denied page.</summary>
public abstract class LoginPageTests(JiexinApp app)
{
    [Fact]
    public async Task LoginPage_IsAChineseFormWithAntiforgeryToken()
    {
        using var session = new PageSession(app);
        var html = await session.GetHtmlAsync("/account/login");
        Assert.Contains("<html lang=\"zh-CN\"", html);
        Assert.Contains("用户名", html);
        Assert.Contains("登 录", html);
        Assert.Contains("name=\"Input.UserName\"", html);
        PageSession.AntiforgeryToken(html); // asserts it is there
        Assert.DoesNotContain("blazor-error-ui", html); // no console chrome on the login page
    }

    [Fact]
    public async Task Login_WithRightPassword_SetsTheCookie_AndGoesToTheLocalReturnUrl()
    {
        using var session = new PageSession(app);
        var response = await session.LoginAsync("commander", JiexinApp.DemoPassword, returnUrl: "/territory/grids?page=2");
        Assert.Equal("/territory/grids?page=2", PageSession.RedirectTarget(response));
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("jiexin.auth=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    public async Task Login_WithForeignReturnUrl_GoesHomeInstead(string returnUrl)
    {
        using var session = new PageSession(app);
        var response = await session.LoginAsync("commander", JiexinApp.DemoPassword, returnUrl);
        Assert.Equal("/", PageSession.RedirectTarget(response));
    }

    [Fact]
    public async Task Login_AsResident_GoesToTheResidentPages()
    {
        using var session = new PageSession(app);
        var response = await session.LoginAsync("resident01", JiexinApp.DemoPassword);
        Assert.Equal("/m", PageSession.RedirectTarget(response));
    }

    [Theory]
    [InlineData("leader", "not-the-password")]
    [InlineData("nobody-at-all", JiexinApp.DemoPassword)]
    [InlineData("leader", "")]
    public async Task Login_Failing_ShowsOneGenericMessage_AndKeepsTheUserName(string userName, string password)
    {
        using var session = new PageSession(app);
        var response = await session.LoginAsync(userName, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("jiexin.auth=", StringComparison.Ordinal)));
        var html = await PageSession.ReadHtmlAsync(response);
        Assert.Contains("用户名或密码错误", html);
        Assert.Contains($"value=\"{userName}\"", html);
        Assert.DoesNotContain("not-the-password", html);
    }

    [Fact]
    public async Task Login_WithoutAntiforgeryToken_IsRefused()
    {
        using var session = new PageSession(app);
        await session.GetHtmlAsync("/account/login");
        var response = await session.Client.PostAsync("/account/login", new FormUrlEncodedContent(
        [
            new("_handler", "login"), new("Input.UserName", "commander"), new("Input.Password", JiexinApp.DemoPassword),
        ]), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Logout_SignsOut_AndGoesToTheLoginPage()
    {
        using var session = new PageSession(app);
        Assert.Equal(HttpStatusCode.Redirect, (await session.LoginAsync("leader", JiexinApp.DemoPassword)).StatusCode);
        var cookieBefore = await session.Client.GetAsync("/api/v1/staff", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, cookieBefore.StatusCode); // the cookie opens the API too

        var response = await session.LogoutAsync();
        Assert.Equal("/account/login", PageSession.RedirectTarget(response));

        var cookieAfter = await session.Client.GetAsync("/api/v1/staff", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, cookieAfter.StatusCode);
    }

    [Fact]
    public async Task Logout_WithoutAntiforgeryToken_DoesNotSignOut()
    {
        using var session = new PageSession(app);
        await session.LoginAsync("leader", JiexinApp.DemoPassword);
        var response = await session.Client.PostAsync("/account/logout", new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/api/v1/staff", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task ConsolePage_WhenSignedOut_RedirectsToLoginWithReturnUrl()
    {
        using var session = new PageSession(app);
        var response = await session.Client.GetAsync("/admin/accounts", TestContext.Current.CancellationToken);
        Assert.Equal("/account/login?returnUrl=%2Fadmin%2Faccounts", PageSession.RedirectTarget(response));
    }

    [Fact]
    public async Task DeniedPage_SaysSoInChinese()
    {
        using var session = new PageSession(app);
        var html = await session.GetHtmlAsync("/account/denied");
        Assert.Contains("无权访问", html);
    }
}

public sealed class LoginPageTests_Sqlite(AccountsSqliteApp app) : LoginPageTests(app), IClassFixture<AccountsSqliteApp>;

public sealed class LoginPageTests_Postgres(AccountsPostgresApp app) : LoginPageTests(app), IClassFixture<AccountsPostgresApp>;
