using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.Platform;

/// <summary>
/// Issue 9 §3–4 in a real browser: text a resident typed that looks like script is shown as text and never runs, and the
/// pages people use work under the Content-Security-Policy without a single violation (a violation would mean either a
/// broken page or content the policy had to stop).
/// </summary>
public sealed partial class ContentSecurityTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Hostile = "<script>window.__jx_xss='script'</script><img src=x onerror=\"window.__jx_xss='img'\"> 楼道灯坏了";

    [Fact]
    public async Task Script_typed_by_a_resident_is_shown_as_text_and_never_runs_anywhere()
    {
        var violations = new List<string>();

        var resident = await app.NewPageAsync(390, 844);
        Watch(resident, violations);
        await BrowserApp.LoginAsync(resident, "resident01");
        await resident.GotoAsync("/m/report");
        await Assertions.Expect(resident.Locator("#use-location")).ToBeVisibleAsync(); // page-actions.js ran under the policy
        var (lat, lng) = await PointAsync(resident);
        await resident.Locator("#description").FillAsync(Hostile);
        await resident.Locator("#latitude").FillAsync(lat.ToString("F6", CultureInfo.InvariantCulture));
        await resident.Locator("#longitude").FillAsync(lng.ToString("F6", CultureInfo.InvariantCulture));
        await resident.Locator("button[type='submit']").ClickAsync();
        await resident.WaitForURLAsync(TrackingPage());
        await Assertions.Expect(resident.Locator("body")).ToContainTextAsync("<script>window.__jx_xss='script'</script>");
        Assert.Null(await resident.EvaluateAsync<string?>("() => window.__jx_xss ?? null"));
        var eventId = resident.Url[(resident.Url.LastIndexOf('/') + 1)..];

        var commander = await app.NewPageAsync();
        Watch(commander, violations);
        await BrowserApp.LoginAsync(commander, "commander");
        // The console home draws the grid map with ECharts (options parsed by eval: the one allowance in the policy).
        await Assertions.Expect(commander.Locator("[data-testid='grid-map'] canvas").First).ToBeVisibleAsync();

        await commander.GotoAsync("/events");
        await BrowserApp.WaitForInteractiveAsync(commander);
        await Assertions.Expect(commander.Locator(".ant-table").First).ToBeVisibleAsync();

        await commander.GotoAsync($"/events/{eventId}");
        await BrowserApp.WaitForInteractiveAsync(commander);
        await Assertions.Expect(commander.Locator("body")).ToContainTextAsync("<img src=x onerror=\"window.__jx_xss='img'\">");
        Assert.Null(await commander.EvaluateAsync<string?>("() => window.__jx_xss ?? null"));
        Assert.Equal(0, await commander.Locator("img[src='x']").CountAsync());

        Assert.True(violations.Count == 0, "Content-Security-Policy violations:\n" + string.Join("\n", violations));
    }

    private static void Watch(IPage page, List<string> violations)
    {
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                lock (violations)
                {
                    violations.Add($"{page.Url}: {message.Text}");
                }
            }
        };
    }

    private static async Task<(double Lat, double Lng)> PointAsync(IPage page)
    {
        var api = page.Context.APIRequest;
        var login = await api.PostAsync("/api/v1/auth/login", new() { DataObject = new { userName = "commander", password = BrowserApp.DemoPassword } });
        var token = (await login.JsonAsync())!.Value.GetProperty("accessToken").GetString();
        var grids = await api.GetAsync("/api/v1/territory/grids", new() { Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" } });
        var geometry = (await grids.JsonAsync())!.Value.GetProperty("features")[0].GetProperty("geometry");
        var ring = geometry.GetProperty("type").GetString() == "MultiPolygon" ? geometry.GetProperty("coordinates")[0][0] : geometry.GetProperty("coordinates")[0];
        var points = ring.EnumerateArray().SkipLast(1).Select(p => (Lng: p[0].GetDouble(), Lat: p[1].GetDouble())).ToList();
        return (points.Average(p => p.Lat), points.Average(p => p.Lng));
    }

    [GeneratedRegex("/m/events/[0-9a-f-]{36}$")]
    private static partial Regex TrackingPage();
}
