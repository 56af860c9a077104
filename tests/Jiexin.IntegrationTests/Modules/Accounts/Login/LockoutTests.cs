using System.Net;
using System.Net.Http.Json;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Accounts.Domain;
using Jiexin.Platform.Auth;

namespace Jiexin.IntegrationTests.Modules.Accounts.Login;

/// <summary>Five wrong passwords lock the account (Identity lockout); the lock looks exactly like a wrong password.</summary>
public abstract class LockoutTests(JiexinApp app)
{
    [Fact]
    public async Task ApiLogin_AfterFiveWrongPasswords_RefusesTheRightOne_WithTheSameMessage()
    {
        var account = await app.CreateAccountAsync(Roles.Leader, app.Units().Street);
        using var anonymous = app.Anonymous();

        string? wrongDetail = null;
        for (var i = 0; i < 5; i++)
        {
            var wrong = await Login(anonymous, account.UserName, "Wrong-Pass-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            wrongDetail = (await wrong.ReadJsonAsync()).GetProperty("detail").GetString();
        }

        var right = await Login(anonymous, account.UserName, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Equal("application/problem+json", right.Content.Headers.ContentType?.MediaType);
        Assert.Equal("用户名或密码错误。", (await right.ReadJsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(wrongDetail, (await right.ReadJsonAsync()).GetProperty("detail").GetString());

        using var admin = await app.ClientAsAsync("admin");
        var shown = await (await admin.GetAsync($"/api/v1/admin/accounts/{account.Id}", TestContext.Current.CancellationToken)).ReadAccountAsync();
        Assert.Equal(AccountStatus.Locked, shown.Status);
    }

    [Fact]
    public async Task ApiLogin_FourWrongPasswords_DoNotLock()
    {
        var account = await app.CreateAccountAsync(Roles.Leader, app.Units().Street);
        using var anonymous = app.Anonymous();
        for (var i = 0; i < 4; i++)
        {
            await Login(anonymous, account.UserName, "Wrong-Pass-" + i);
        }

        Assert.Equal(HttpStatusCode.OK, (await Login(anonymous, account.UserName, TestAccounts.Password)).StatusCode);
    }

    [Fact]
    public async Task LoginPage_AfterFiveWrongPasswords_RefusesTheRightOne_WithTheSameMessage()
    {
        var account = await app.CreateAccountAsync(Roles.Commander, app.Units().Street);
        using var session = new PageSession(app);
        string? wrongAlert = null;
        for (var i = 0; i < 5; i++)
        {
            var wrong = await session.LoginAsync(account.UserName, "Wrong-Pass-" + i);
            wrongAlert = ErrorAlert(await PageSession.ReadHtmlAsync(wrong));
            Assert.Contains("用户名或密码错误", wrongAlert);
        }

        var right = await session.LoginAsync(account.UserName, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode); // the form again, not a redirect into the console
        var html = await PageSession.ReadHtmlAsync(right);
        Assert.Equal(wrongAlert, ErrorAlert(html)); // word for word what a wrong password gets
        Assert.Contains($"value=\"{account.UserName}\"", html);
        Assert.False(right.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("jiexin.auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Unlock_ByAdmin_LetsTheRightPasswordIn()
    {
        var account = await app.CreateAccountAsync(Roles.Leader, app.Units().Street);
        using var anonymous = app.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            await Login(anonymous, account.UserName, "Wrong-Pass-" + i);
        }

        using var admin = await app.ClientAsAsync("admin");
        var unlocked = await admin.PostAsync($"/api/v1/admin/accounts/{account.Id}/unlock", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        Assert.Equal(AccountStatus.Active, (await unlocked.ReadAccountAsync()).Status);

        Assert.Equal(HttpStatusCode.OK, (await Login(anonymous, account.UserName, TestAccounts.Password)).StatusCode);
    }

    private static string ErrorAlert(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"login-error\">(.*?)</div>\\s*</div>\\s*</div>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(match.Success, "the login error is shown");
        return match.Groups[1].Value;
    }

    private static Task<HttpResponseMessage> Login(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password }, TestContext.Current.CancellationToken);
}

public sealed class LockoutTests_Sqlite(AccountsSqliteApp app) : LockoutTests(app), IClassFixture<AccountsSqliteApp>;

public sealed class LockoutTests_Postgres(AccountsPostgresApp app) : LockoutTests(app), IClassFixture<AccountsPostgresApp>;
