using System.Net;
using Jiexin.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Jiexin.IntegrationTests.Platform.Http;

/// <summary>Issue 9 §4: every response carries the headers that make injected content and framing harmless.</summary>
public sealed class SecurityHeadersTests(HstsSqliteApp app) : IClassFixture<HstsSqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/v1/no-such-thing")]
    [InlineData("/api/v1/events")]
    [InlineData("/account/login")]
    [InlineData("/m/report")]
    [InlineData("/app.css")]
    [InlineData("/no-such-page")]
    public async Task Every_kind_of_response_carries_the_protective_headers(string path)
    {
        using var client = app.Anonymous();
        using var response = await client.GetAsync(path, Ct);

        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
        Assert.Equal("same-origin", Single(response, "Referrer-Policy"));
        Assert.Contains("frame-ancestors 'none'", Single(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task Pages_forbid_inline_script_and_the_phone_pages_forbid_eval_too()
    {
        using var client = app.Anonymous();
        var console = ScriptSources(Single(await client.GetAsync("/account/login", Ct), "Content-Security-Policy"));
        var phone = ScriptSources(Single(await client.GetAsync("/m/report", Ct), "Content-Security-Policy"));
        var api = Single(await client.GetAsync("/api/v1/events", Ct), "Content-Security-Policy");

        Assert.DoesNotContain("'unsafe-inline'", console);
        Assert.Contains("'unsafe-eval'", console); // Vizor.ECharts: the one allowance, written in ADR 0027
        Assert.Contains("'nonce-", console); // Blazor's import map, allowed by a per-response nonce
        Assert.DoesNotContain("'unsafe-inline'", phone);
        Assert.DoesNotContain("'unsafe-eval'", phone);
        Assert.StartsWith("default-src 'none'", api);
    }

    [Fact]
    public async Task Hsts_is_sent_on_https_when_switched_on_and_never_on_plain_http()
    {
        using var https = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://jiexin.example.gov.cn"), AllowAutoRedirect = false });
        using var overHttps = await https.GetAsync("/healthz", Ct);
        Assert.Equal(HttpStatusCode.OK, overHttps.StatusCode);
        Assert.StartsWith("max-age=31536000", Single(overHttps, "Strict-Transport-Security"));

        using var plain = app.Anonymous();
        using var overHttp = await plain.GetAsync("/healthz", Ct);
        Assert.False(overHttp.Headers.Contains("Strict-Transport-Security"));
    }

    /// <summary>Over https (directly, or behind nginx with X-Forwarded-Proto) the sign-in and antiforgery cookies are Secure, HttpOnly and SameSite.</summary>
    [Fact]
    public async Task Session_and_antiforgery_cookies_are_secure_httponly_and_samesite_over_https()
    {
        using var https = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://jiexin.example.gov.cn"), AllowAutoRedirect = false, HandleCookies = false,
        });
        using var page = await https.GetAsync("/account/login", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var antiforgery = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        var html = System.Net.WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Ct));
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;

        using var login = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(
            [
                new("__RequestVerificationToken", token), new("_handler", "login"),
                new("Input.UserName", "commander"), new("Input.Password", JiexinApp.DemoPassword),
            ]),
        };
        login.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        using var signedIn = await https.SendAsync(login, Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("jiexin.auth=", StringComparison.Ordinal));

        foreach (var cookie in new[] { antiforgery, session })
        {
            var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
            Assert.Contains("secure", attributes);
            Assert.Contains("httponly", attributes);
            Assert.Contains(attributes, a => a is "samesite=lax" or "samesite=strict");
        }
    }

    private static string ScriptSources(string policy) =>
        policy.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));

    private static string Single(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? Assert.Single(values)
            : throw new Xunit.Sdk.XunitException($"{name} missing on {response.RequestMessage?.RequestUri} ({(int)response.StatusCode})");
}

/// <summary>The app with HSTS switched on (it is off by default).</summary>
public sealed class HstsSqliteApp : SqliteApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Jiexin:Security:Hsts"] = "true" };
}
