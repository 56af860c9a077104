using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.Registry;

/// <summary>
/// 部件 in Chromium: a facility created through the form shows on the facility map as a point, clicking the point opens
/// it, and its fault report opens an event (listed on the page, the facility now 损坏).
/// </summary>
public sealed class FacilityMapTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static (double Lat, double Lng) Centre(string boundaryGeoJson)
    {
        var geometry = JsonNode.Parse(boundaryGeoJson)!;
        var ring = ((string?)geometry["type"] == "MultiPolygon" ? geometry["coordinates"]![0]![0] : geometry["coordinates"]![0])!.AsArray();
        var points = ring.Take(ring.Count - 1).Select(p => (Lng: (double)p![0]!, Lat: (double)p[1]!)).ToList();
        return (points.Average(p => p.Lat), points.Average(p => p.Lng));
    }

    [Fact]
    public async Task A_facility_created_in_the_form_is_on_the_map_and_its_fault_report_opens_an_event()
    {
        var page = await app.NewPageAsync();
        Directory.CreateDirectory("screenshots");
        await BrowserApp.LoginAsync(page, "commander");
        var mapData = JsonDocument.Parse(await (await page.APIRequest.GetAsync("/api/v1/registry/facilities/map")).TextAsync()).RootElement;
        var (lat, lng) = Centre(mapData.GetProperty("grids")[0].GetProperty("boundaryGeoJson").GetString()!);
        var code = "LD-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

        // Create through the form.
        await page.GotoAsync("/registry/facilities/new");
        await BrowserApp.WaitForInteractiveAsync(page);
        await BrowserApp.ChooseAsync(page, page.Locator("[data-testid='facility-kind'] .ant-select"), "路灯");
        await page.Locator("#f-code").FillAsync(code);
        await page.Locator("#f-lat").FillAsync(lat.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#f-lng").FillAsync(lng.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#f-location").FillAsync("测试路口东北角");
        await page.Locator("[data-testid='facility-save'] button").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/registry/facilities/[0-9a-f-]{36}$"));
        var id = Guid.Parse(page.Url[^36..]);
        await Assertions.Expect(page.Locator("[data-testid='facility-status']")).ToHaveTextAsync("完好");

        // On the map: the point is in the chart's data; clicking it opens the facility.
        await page.GotoAsync("/registry/facilities/map");
        await BrowserApp.WaitForInteractiveAsync(page);
        var chart = page.Locator("[data-testid='facility-map-chart']");
        await Assertions.Expect(chart.Locator("canvas").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid='facility-map-row'][data-kind='StreetLight']")).ToBeVisibleAsync();
        const string instance = "echarts.getInstanceByDom(document.querySelector(\"[data-testid='facility-map-chart'] [_echarts_instance_]\"))";
        await page.WaitForFunctionAsync($"id => {{ const c = {instance}; return !!c && c.getOption().series.some(s => s.data.some(d => d.name === id)); }}", id.ToString());
        await page.WaitForTimeoutAsync(800); // the canvas draw is not in the DOM: give it a moment for the screenshot
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "registry-facility-map.png"), FullPage = true });
        var at = await page.EvaluateAsync<float[]>($"([lng, lat]) => {instance}.convertToPixel({{ geoIndex: 0 }}, [lng, lat])", new[] { lng, lat });
        var box = (await chart.Locator("canvas").First.BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + at[0], box.Y + at[1]);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/registry/facilities/{id}$"));

        // Report a fault: an event opens, listed on the page; the facility is now 损坏.
        await BrowserApp.WaitForInteractiveAsync(page);
        await page.Locator("#fault-text").FillAsync("灯杆倾斜，灯不亮");
        await page.Locator("[data-testid='facility-report-fault'] button").ClickAsync();
        var fault = page.Locator("[data-testid='facility-fault']");
        await Assertions.Expect(fault).ToHaveCountAsync(1);
        await Assertions.Expect(fault).ToContainTextAsync("灯杆倾斜，灯不亮");
        await Assertions.Expect(fault).ToContainTextAsync("已上报");
        await Assertions.Expect(page.Locator("[data-testid='facility-status']")).ToHaveTextAsync("损坏");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "registry-facility-fault.png"), FullPage = true });

        var eventHref = await fault.Locator("a").GetAttributeAsync("href");
        var e = JsonDocument.Parse(await (await page.APIRequest.GetAsync("/api/v1" + eventHref)).TextAsync()).RootElement;
        Assert.Contains(code, e.GetProperty("description").GetString());
    }
}
