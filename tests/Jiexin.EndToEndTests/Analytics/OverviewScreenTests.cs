using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.Analytics;

/// <summary>
/// The overview page and the wall screen in Chromium, with data: two events reported through the API (one closed in
/// its grid), then the numbers both pages show. Fresh database per class: the year's figures are exactly these two.
/// </summary>
public sealed class OverviewScreenTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> ApiAsAsync(string user)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl + "/") };
        var login = await client.PostAsJsonAsync("api/v1/auth/login", new { userName = user, password = BrowserApp.DemoPassword }, Ct);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<JsonElement> ActAsync(HttpClient client, JsonElement e, string action, object? extra = null)
    {
        var body = JsonSerializer.SerializeToNode(extra ?? new { })!.AsObject();
        body["version"] = e.GetProperty("version").GetInt32();
        var response = await client.PostAsJsonAsync($"api/v1/events/{e.GetProperty("id").GetGuid()}/actions/{action}", body, Ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private async Task SeedAsync()
    {
        using var commander = await ApiAsAsync("commander");
        using var resident = await ApiAsAsync("resident01");
        using var grid = await ApiAsAsync("grid01");
        // A point in grid01's grid: the first grid of the first community in the grid list's order is not guaranteed, so
        // try the grids until grid01 may act on the event (SelfHandle succeeds only in its own grid).
        var grids = JsonNode.Parse(await commander.GetStringAsync("api/v1/territory/grids", Ct))!["features"]!.AsArray();
        foreach (var feature in grids)
        {
            var geometry = feature!["geometry"]!;
            var ring = ((string?)geometry["type"] == "MultiPolygon" ? geometry["coordinates"]![0]![0] : geometry["coordinates"]![0])!.AsArray();
            var points = ring.Take(ring.Count - 1).Select(p => (Lng: (double)p![0]!, Lat: (double)p[1]!)).ToList();
            var at = new { latitude = points.Average(p => p.Lat), longitude = points.Average(p => p.Lng) };
            var first = await (await resident.PostAsJsonAsync("api/v1/events", new { description = "小区门口垃圾满了没人清运", at.latitude, at.longitude }, Ct))
                .Content.ReadFromJsonAsync<JsonElement>(Ct);
            var body = JsonSerializer.SerializeToNode(new { version = first.GetProperty("version").GetInt32() })!;
            var self = await grid.PostAsJsonAsync($"api/v1/events/{first.GetProperty("id").GetGuid()}/actions/SelfHandle", body, Ct);
            if (!self.IsSuccessStatusCode)
            {
                await ActAsync(commander, first, "Reject", new { note = "测试：换一个网格" });
                continue;
            }

            var e = await self.Content.ReadFromJsonAsync<JsonElement>(Ct);
            e = await ActAsync(grid, e, "Handle", new { note = "已清运" });
            e = await ActAsync(grid, e, "VerifyPass");
            await ActAsync(grid, e, "Close");
            var open = await resident.PostAsJsonAsync("api/v1/events", new { description = "路灯不亮了，晚上很黑", at.latitude, at.longitude }, Ct);
            open.EnsureSuccessStatusCode();
            return;
        }

        Assert.Fail("grid01 could act in no grid");
    }

    [Fact]
    public async Task The_overview_and_the_wall_screen_show_the_figures()
    {
        var page = await app.NewPageAsync();
        await SeedAsync();
        Directory.CreateDirectory("screenshots");

        await BrowserApp.LoginAsync(page, "commander");
        await page.GotoAsync("/analytics");
        await BrowserApp.WaitForInteractiveAsync(page);
        var overview = page.Locator("[data-testid='analytics-overview']");
        await Assertions.Expect(overview.Locator("[data-testid='stat-open']")).ToContainTextAsync("1");
        await Assertions.Expect(overview.Locator("[data-testid='overview-tiers']")).ToContainTextAsync("网格 1");
        await Assertions.Expect(overview.Locator("[data-testid='overview-periods'] tbody tr").Last).ToContainTextAsync("1");
        await Assertions.Expect(overview.Locator("canvas").First).ToBeVisibleAsync();
        // Issue 7's figures for the command centre: a line per community for the month's lists, projects and deliberation.
        await Assertions.Expect(overview.Locator("[data-testid='overview-self-governance'] tbody tr").First).ToBeVisibleAsync();
        // Dispute figures for the last 30 days and the year.
        await Assertions.Expect(overview.Locator("[data-testid='overview-disputes'] tbody tr")).ToHaveCountAsync(2);
        // Basic-data verification per community, with its total line (the demo registry has people in place).
        await Assertions.Expect(overview.Locator("[data-testid='overview-registry'] tbody tr.jx-figures-total")).ToContainTextAsync("合计");
        await Assertions.Expect(overview.Locator("[data-testid='overview-registry'] tbody tr").First).Not.ToContainTextAsync("合计");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "analytics-overview.png"), FullPage = true });

        var screen = await app.NewPageAsync(1920, 1080);
        await BrowserApp.LoginAsync(screen, "leader");
        await screen.GotoAsync("/screen");
        var wall = screen.Locator("[data-testid='wall-screen']");
        await Assertions.Expect(wall.Locator("[data-testid='screen-open'] b")).ToHaveTextAsync("1");
        await Assertions.Expect(wall.Locator("[data-testid='screen-closed'] b")).ToHaveTextAsync("1");
        await Assertions.Expect(wall.Locator("[data-testid='screen-inside'] b")).ToHaveTextAsync("100.0%");
        await Assertions.Expect(wall.Locator("canvas").First).ToBeVisibleAsync();
        // The grid map on the wall: its heading counts the one open event, and it draws.
        await Assertions.Expect(wall.Locator("[data-testid='screen-map'] h2")).ToContainTextAsync("在办 1 件");
        await Assertions.Expect(wall.Locator("[data-testid='screen-map'] canvas").First).ToBeVisibleAsync();
        // The street's western edge stays clear of the colour legend at the card's left (its bar and labels reach ~80 px).
        var mapLeft = await screen.EvaluateAsync<double>(
            "() => { const c = echarts.getInstanceByDom(document.querySelector(\"[data-testid='screen-map'] [_echarts_instance_]\"));"
            + " const r = c.getModel().getComponent('geo').coordinateSystem.getBoundingRect();"
            + " return c.convertToPixel({ geoIndex: 0 }, [r.x, r.y + r.height / 2])[0]; }");
        Assert.True(mapLeft >= 80, $"the map starts {mapLeft:0} px from the card's left edge, under the legend");
        await screen.WaitForTimeoutAsync(1500); // for the picture only: the charts' entry animations (1 s) to finish
        await screen.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "analytics-wall-screen.png") });

        // A grid worker may not open the wall screen.
        var other = await app.NewPageAsync();
        await BrowserApp.LoginAsync(other, "grid01");
        await other.GotoAsync("/screen");
        await Assertions.Expect(other.Locator("[data-testid='wall-screen']")).ToHaveCountAsync(0);
    }
}
