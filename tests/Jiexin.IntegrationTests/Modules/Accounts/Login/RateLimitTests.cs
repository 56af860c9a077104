using System.Net;
using System.Net.Http.Json;
using Jiexin.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Jiexin.IntegrationTests.Modules.Accounts.Login;

/// <summary>With rate limiting on (as in production): 10 login attempts per minute per client address, on both logins.</summary>
public abstract class RateLimitTests(JiexinApp app)
{
    [Fact]
    public async Task ApiLogin_EleventhAttemptInAMinute_Is429ProblemJson_ForThatAddressOnly()
    {
        using var client = app.Anonymous().From("198.51.100.11");
        for (var i = 1; i <= 10; i++)
        {
            // An unknown account, so that no lockout gets in the way of what is measured here.
            var attempt = await Login(client, "no-such-user", "Wrong-Pass-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
        }

        var refused = await Login(client, "leader", JiexinApp.DemoPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.ReadJsonAsync();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("过于频繁", problem.GetProperty("detail").GetString());
        Assert.True(refused.Headers.RetryAfter is not null, "Retry-After is sent");

        // Another address is not affected: the limit is per client, not global.
        using var neighbour = app.Anonymous().From("198.51.100.12");
        Assert.Equal(HttpStatusCode.OK, (await Login(neighbour, "commander", JiexinApp.DemoPassword)).StatusCode);
    }

    [Fact]
    public async Task LoginPage_EleventhPostInAMinute_Is429WithAChineseMessage_WhileOpeningThePageStaysFree()
    {
        using var session = new PageSession(app, clientIp: "198.51.100.21");
        for (var i = 1; i <= 10; i++)
        {
            // Each attempt also GETs the page: only the posts count.
            var attempt = await session.LoginAsync("no-such-user", "Wrong-Pass-" + i);
            Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
        }

        var refused = await session.LoginAsync("commander", JiexinApp.DemoPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        var html = await PageSession.ReadHtmlAsync(refused);
        Assert.Contains("尝试过于频繁", html);
        Assert.Contains("href=\"/account/login\"", html);
    }

    private static Task<HttpResponseMessage> Login(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password }, TestContext.Current.CancellationToken);
}

/// <summary>The app with <c>Jiexin:RateLimiting:Enabled=true</c>, as a production install runs.</summary>
public sealed class RateLimitedSqliteApp : SqliteApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Jiexin:RateLimiting:Enabled"] = "true" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        AccountsTestHost.Configure(builder);
    }
}

public sealed class RateLimitedPostgresApp : PostgresApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Jiexin:RateLimiting:Enabled"] = "true" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        AccountsTestHost.Configure(builder);
    }
}

public sealed class RateLimitTests_Sqlite(RateLimitedSqliteApp app) : RateLimitTests(app), IClassFixture<RateLimitedSqliteApp>;

public sealed class RateLimitTests_Postgres(RateLimitedPostgresApp app) : RateLimitTests(app), IClassFixture<RateLimitedPostgresApp>;
