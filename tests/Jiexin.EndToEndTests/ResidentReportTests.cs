using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests;

/// <summary>A resident on a phone: signs in, reports a problem with a typed place, and lands on the tracking page.</summary>
public sealed class ResidentReportTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>A point inside the demo grid XC-01 (mean of its polygon's vertices), asked of the grids API as the commander.</summary>
    private async Task<(double Lat, double Lng)> PointInGridAsync(IPage page, string code = "XC-01")
    {
        var api = page.Context.APIRequest;
        var login = await api.PostAsync("/api/v1/auth/login", new() { DataObject = new { userName = "commander", password = BrowserApp.DemoPassword } });
        Assert.True(login.Ok, await login.TextAsync());
        var token = (await login.JsonAsync())!.Value.GetProperty("accessToken").GetString();
        var grids = await api.GetAsync("/api/v1/territory/grids", new() { Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" } });
        var feature = (await grids.JsonAsync())!.Value.GetProperty("features").EnumerateArray()
            .First(f => f.GetProperty("properties").GetProperty("code").GetString() == code);
        var geometry = feature.GetProperty("geometry");
        var ring = geometry.GetProperty("type").GetString() == "MultiPolygon"
            ? geometry.GetProperty("coordinates")[0][0]
            : geometry.GetProperty("coordinates")[0];
        var points = ring.EnumerateArray().SkipLast(1).Select(p => (Lng: p[0].GetDouble(), Lat: p[1].GetDouble())).ToList();
        return (points.Average(p => p.Lat), points.Average(p => p.Lng));
    }

    [Fact]
    public async Task Resident_reports_on_a_phone_and_sees_the_tracking_page()
    {
        var page = await app.NewPageAsync(390, 844);
        var (lat, lng) = await PointInGridAsync(page);

        await page.GotoAsync("/m/report");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        await page.Locator("#userName").FillAsync("resident01");
        await page.Locator("#password").FillAsync(BrowserApp.DemoPassword);
        await page.Locator("button[type='submit']").ClickAsync();
        await page.WaitForURLAsync("**/m/report");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("我要反映");
        // The phone can locate (the script showed the button); the place is typed here all the same.
        await Assertions.Expect(page.Locator("#use-location")).ToBeVisibleAsync();
        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "resident-report-form.png"), FullPage = true });

        await page.Locator("#description").FillAsync("小区东门的路灯坏了三天，晚上很黑，老人出门不安全。");
        await page.Locator("#latitude").FillAsync(lat.ToString("F6", CultureInfo.InvariantCulture));
        await page.Locator("#longitude").FillAsync(lng.ToString("F6", CultureInfo.InvariantCulture));
        await page.Locator("button[type='submit']").ClickAsync();

        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/m/events/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.Locator("[data-testid='tracking-code']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^JX\\d{6}[0-9A-Z]{5}$"));
        await Assertions.Expect(page.Locator("[data-testid='status']")).ToHaveTextAsync("已受理");
        await Assertions.Expect(page.Locator(".m-step-current .m-step-name")).ToHaveTextAsync("已受理");

        // Nothing wider than the phone: no sideways scrolling.
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the tracking page scrolls sideways on a 390 px phone");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "resident-tracking.png"), FullPage = true });

        var code = await page.Locator("[data-testid='tracking-code']").TextContentAsync();
        await page.GotoAsync("/m/my");
        await Assertions.Expect(page.Locator("[data-testid='my-event']").First).ToContainTextAsync(code!);
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "resident-my.png"), FullPage = true });
    }

    [Fact]
    public async Task Resident_taps_the_place_on_the_map_and_the_report_lands_in_that_grid()
    {
        var page = await app.NewPageAsync(390, 844);
        var api = page.Context.APIRequest;
        var login = await api.PostAsync("/api/v1/auth/login", new() { DataObject = new { userName = "commander", password = BrowserApp.DemoPassword } });
        var token = (await login.JsonAsync())!.Value.GetProperty("accessToken").GetString();
        var grids = await api.GetAsync("/api/v1/territory/grids", new() { Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" } });
        var target = (await grids.JsonAsync())!.Value.GetProperty("features").EnumerateArray()
            .First(f => f.GetProperty("properties").GetProperty("code").GetString() == "JH-01");
        var gridId = target.GetProperty("id").GetString();
        var label = target.GetProperty("properties").GetProperty("label").GetString()!;

        await page.GotoAsync("/m/report");
        await page.Locator("#userName").FillAsync("resident01");
        await page.Locator("#password").FillAsync(BrowserApp.DemoPassword);
        await page.Locator("button[type='submit']").ClickAsync();
        await page.WaitForURLAsync("**/m/report");

        var map = page.Locator("[data-testid='report-map']");
        await Assertions.Expect(map).ToBeVisibleAsync();
        await Assertions.Expect(map.Locator("[data-marker='primary']")).ToHaveAttributeAsync("visibility", "hidden");

        await map.ScrollIntoViewIfNeededAsync();
        // A screen point well inside the grid's drawn outline: the inside point farthest from the outline's box edges.
        var point = await page.EvaluateAsync<JsonElement>("""
            id => {
              const path = document.querySelector(`[data-testid='report-map'] path[data-area='${id}']`);
              const svg = path.ownerSVGElement, box = path.getBBox(), p = svg.createSVGPoint();
              let best = null, bestScore = -1;
              for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
                p.x = box.x + box.width * i / 20; p.y = box.y + box.height * j / 20;
                const score = Math.min(i, 20 - i) * Math.min(j, 20 - j);
                if (score > bestScore && path.isPointInFill(p)) { bestScore = score; best = { x: p.x, y: p.y }; }
              }
              const screen = svg.createSVGPoint(); screen.x = best.x; screen.y = best.y;
              const s = screen.matrixTransform(svg.getScreenCTM());
              return { x: s.x, y: s.y };
            }
            """, gridId);
        await page.Mouse.ClickAsync((float)point.GetProperty("x").GetDouble(), (float)point.GetProperty("y").GetDouble());

        // The tap filled the coordinates and put the pin down.
        await Assertions.Expect(page.Locator("#location-status")).ToHaveTextAsync("已在地图上选定位置，请确认。");
        await Assertions.Expect(page.Locator("#latitude")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^\d+\.\d{6}$"));
        await Assertions.Expect(page.Locator("#longitude")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^\d+\.\d{6}$"));
        await Assertions.Expect(map.Locator("[data-marker='primary']")).ToHaveAttributeAsync("visibility", "visible");
        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "resident-report-map.png"), FullPage = true });

        await page.Locator("#description").FillAsync("小区门口的垃圾桶满了好几天没人清运，气味很大。");
        await page.Locator("button[type='submit']").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/m/events/[0-9a-f-]{36}$"));

        // The server located the tapped coordinates in the grid that was tapped.
        await Assertions.Expect(page.Locator("[data-testid='place']")).ToContainTextAsync(label);
    }
}
