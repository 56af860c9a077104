using System.Net;
using System.Text.RegularExpressions;
using Jiexin.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Jiexin.IntegrationTests.Modules.Accounts;

/// <summary>A browser-like client for the static pages: keeps cookies, follows no redirects, posts forms with their antiforgery token.</summary>
public sealed partial class PageSession : IDisposable
{
    public PageSession(JiexinApp app, string? clientIp = null)
    {
        app.RequireAvailable();
        Client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (clientIp is not null)
        {
            Client.From(clientIp);
        }
    }

    public HttpClient Client { get; }

    /// <summary>GETs a page and returns its HTML with entities decoded (Blazor encodes non-ASCII text).</summary>
    public async Task<string> GetHtmlAsync(string url)
    {
        var response = await Client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadHtmlAsync(response);
    }

    public static async Task<string> ReadHtmlAsync(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

    /// <summary>Fills in and posts the login form, as a person would after opening the page.</summary>
    public async Task<HttpResponseMessage> LoginAsync(string userName, string password, string? returnUrl = null)
    {
        var url = "/account/login" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var page = await GetHtmlAsync(url);
        return await Client.PostAsync(url, new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", AntiforgeryToken(page)),
            new("_handler", "login"),
            new("Input.UserName", userName),
            new("Input.Password", password),
        ]), TestContext.Current.CancellationToken);
    }

    /// <summary>Posts the logout form of a page the signed-in user has open.</summary>
    public async Task<HttpResponseMessage> LogoutAsync()
    {
        var page = await GetHtmlAsync("/account/denied");
        return await Client.PostAsync("/account/logout", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", AntiforgeryToken(page))]), TestContext.Current.CancellationToken);
    }

    /// <summary>Where a redirect goes, as a local path; fails if it leaves the site.</summary>
    public static string RedirectTarget(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        if (!location.IsAbsoluteUri)
        {
            return location.OriginalString;
        }

        Assert.Equal("localhost", location.Host); // the test server's own host: never another site
        return location.PathAndQuery;
    }

    public static string AntiforgeryToken(string html)
    {
        var match = TokenField().Match(html);
        Assert.True(match.Success, "the page has no antiforgery token");
        return match.Groups[1].Value;
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
