using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.Analytics;

/// <summary>
/// 网格地图 in Chromium: two open events in one grid and one in another (fresh database: no other events), the map
/// page draws its canvas and ranks the grids, the layers and the colouring switch, and clicking the top row of the
/// side table lands on the events queue filtered to that grid.
/// </summary>
public sealed class GridMapTests(BrowserApp app) : IClassFixture<BrowserApp>
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

    private static (double Lat, double Lng) Centre(string boundaryGeoJson)
    {
        var geometry = JsonNode.Parse(boundaryGeoJson)!;
        var ring = ((string?)geometry["type"] == "MultiPolygon" ? geometry["coordinates"]![0]![0] : geometry["coordinates"]![0])!.AsArray();
        var points = ring.Take(ring.Count - 1).Select(p => (Lng: (double)p![0]!, Lat: (double)p[1]!)).ToList();
        return (points.Average(p => p.Lat), points.Average(p => p.Lng));
    }

    /// <summary>Reports until two events sit in one grid and one in another; returns the busier grid's id and name.</summary>
    private async Task<(Guid Id, string Name, double Lat, double Lng)> SeedAsync()
    {
        using var commander = await ApiAsAsync("commander");
        using var resident = await ApiAsAsync("resident01");
        var grids = (await commander.GetFromJsonAsync<JsonElement>("api/v1/analytics/grid-map", Ct)).GetProperty("grids").EnumerateArray().ToList();

        async Task<Guid?> ReportAsync(JsonElement grid, string description)
        {
            var (lat, lng) = Centre(grid.GetProperty("boundaryGeoJson").GetString()!);
            var response = await resident.PostAsJsonAsync("api/v1/events", new { description, latitude = lat, longitude = lng }, Ct);
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("gridId").GetGuid();
        }

        // A vertex average lies inside the demo grids; the located grid is checked anyway.
        var busy = grids[0];
        Assert.Equal(busy.GetProperty("id").GetGuid(), await ReportAsync(busy, "楼道灯坏了，晚上看不见"));
        Assert.Equal(busy.GetProperty("id").GetGuid(), await ReportAsync(busy, "小区门口垃圾满了没人清运"));
        var quiet = grids[^1];
        Assert.Equal(quiet.GetProperty("id").GetGuid(), await ReportAsync(quiet, "路面有个大坑，车辆经过很危险"));
        var (lat, lng) = Centre(busy.GetProperty("boundaryGeoJson").GetString()!);
        return (busy.GetProperty("id").GetGuid(), busy.GetProperty("name").GetString()!, lat, lng);
    }

    [Fact]
    public async Task The_map_draws_the_grids_and_a_side_table_row_opens_the_grids_events()
    {
        var (gridId, gridName, lat, lng) = await SeedAsync();
        var page = await app.NewPageAsync();
        Directory.CreateDirectory("screenshots");
        await BrowserApp.LoginAsync(page, "commander");

        await page.GotoAsync("/analytics/map");
        await BrowserApp.WaitForInteractiveAsync(page);
        var map = page.Locator("[data-testid='grid-map-page']");
        await Assertions.Expect(map.Locator("[data-testid='grid-map-chart'] canvas").First).ToBeVisibleAsync();
        var rows = map.Locator("[data-testid='grid-map-row']");
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-grid", gridId.ToString());
        await Assertions.Expect(rows.First.Locator("td").Nth(1)).ToHaveTextAsync("2");
        Assert.True(await rows.CountAsync() > 2);
        await Assertions.Expect(map.Locator("[data-testid='grid-map-points-note']")).ToContainTextAsync("3");

        // The heat layer on, then colouring by overdue: the table re-ranks and its links ask for overdue events.
        await map.Locator("[data-testid='layer-heat'] input").CheckAsync();
        await page.WaitForTimeoutAsync(800); // the canvas redraw is not in the DOM: give it a moment for the screenshot
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "analytics-grid-map.png"), FullPage = true });
        await map.Locator("[data-testid='measure-overdue'] label").ClickAsync();
        await Assertions.Expect(rows.First.Locator("a")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("overdue=true"));
        await map.Locator("[data-testid='measure-open'] label").ClickAsync();
        await Assertions.Expect(rows.First.Locator("a")).ToHaveAttributeAsync("href", $"/events?grid={gridId}&open=true");

        // On the canvas (layers off, so the grid itself is under the pointer): the tooltip gives the grid's counts,
        // a click opens its events.
        await map.Locator("[data-testid='layer-heat'] input").UncheckAsync();
        await map.Locator("[data-testid='layer-points'] input").UncheckAsync();
        await page.WaitForTimeoutAsync(500);
        var at = await page.EvaluateAsync<float[]>(
            "([lng, lat]) => echarts.getInstanceByDom(document.querySelector(\"[data-testid='grid-map-chart'] [_echarts_instance_]\")).convertToPixel({ geoIndex: 0 }, [lng, lat])",
            new[] { lng, lat });
        var canvas = map.Locator("[data-testid='grid-map-chart'] canvas").First;
        var box = (await canvas.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + at[0], box.Y + at[1]);
        await Assertions.Expect(map.Locator("[data-testid='grid-map-chart']")).ToContainTextAsync("在办 2");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "analytics-grid-map-tooltip.png") });
        await page.Mouse.ClickAsync(box.X + at[0], box.Y + at[1]);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/events\\?grid={gridId}&open=true$"));

        // The side table: a row click does the same.
        await page.GotoAsync("/analytics/map");
        await BrowserApp.WaitForInteractiveAsync(page);
        var queue = page.Locator("[data-testid='events-queue']");
        await BrowserApp.ClickUntilAsync(rows.First.Locator("td").Nth(1), queue);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/events\\?grid={gridId}&open=true$"));
        var events = queue.Locator(".ant-table-tbody tr.ant-table-row");
        await Assertions.Expect(events).ToHaveCountAsync(2);
        for (var i = 0; i < 2; i++)
        {
            await Assertions.Expect(events.Nth(i)).ToContainTextAsync(gridName);
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "analytics-grid-map-events.png"), FullPage = true });
    }
}
