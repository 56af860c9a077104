using System.Text.Json;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.Attribution;

/// <summary>
/// The commander looks at how well the model attributes: the figures, a daily trend drawn as a chart, the corrections
/// dispatchers made, and a shorter or longer window chosen with one click.
/// </summary>
public sealed class AttributionQualityPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Commander_sees_the_trend_and_changes_the_window()
    {
        var page = await app.NewPageAsync(1440, 1000);
        var api = page.Context.APIRequest;
        var commander = await BrowserApp.TokenAsync(api, "commander");
        var dept = await BrowserApp.TokenAsync(api, "dept-cg");
        var cg = (await BrowserApp.CallAsync(api, dept, "GET", "/api/v1/events/department-inbox")).GetProperty("departmentId").GetGuid();

        // Two reports reach dispatch: the dispatcher keeps the model's category for one and changes it for the other.
        var lamp = await BrowserApp.CallAsync(api, commander, "POST", "/api/v1/events", new { description = "小区门口路灯不亮好几天了，晚上很黑", address = "新庄路 18 号" });
        var stairs = await BrowserApp.CallAsync(api, commander, "POST", "/api/v1/events", new { description = "楼道里堆满杂物，消防通道被堵住了", address = "新庄路 20 号" });
        var from = lamp.GetProperty("category").GetString()!;
        var to = stairs.GetProperty("category").GetString()!;
        Assert.NotEqual(from, to);
        lamp = await BrowserApp.CallAsync(api, commander, "POST", $"/api/v1/events/{lamp.GetProperty("id").GetGuid()}/actions/Triage",
            new { version = lamp.GetProperty("version").GetInt32(), categoryCode = to });
        foreach (var e in new[] { lamp, stairs })
        {
            await BrowserApp.CallAsync(api, commander, "POST", $"/api/v1/events/{e.GetProperty("id").GetGuid()}/actions/Dispatch",
                new { version = e.GetProperty("version").GetInt32(), assigneeKind = "Department", assigneeId = cg });
        }

        await BrowserApp.LoginAsync(page, "commander");
        await page.GotoAsync("/events/attribution-quality");
        await BrowserApp.WaitForInteractiveAsync(page);
        var quality = page.Locator("[data-testid='attribution-quality']");
        await Assertions.Expect(quality).ToContainTextAsync("近 30 天上报");

        // The trend is a drawn chart (a canvas with size), not an empty box.
        var canvas = page.Locator("[data-testid='quality-trend'] canvas").First;
        await Assertions.Expect(canvas).ToBeVisibleAsync();
        var box = await canvas.BoundingBoxAsync();
        Assert.True(box is { Width: > 600, Height: > 200 }, $"trend chart is {box?.Width}×{box?.Height}");
        await Assertions.Expect(page.Locator("[data-testid='quality-categories'] tbody tr").First).ToBeVisibleAsync();
        var correction = page.Locator("[data-testid='quality-corrections'] tbody tr").Filter(new() { HasText = from }).Filter(new() { HasText = to });
        await Assertions.Expect(correction).ToHaveCountAsync(1);
        await page.WaitForTimeoutAsync(1200); // the chart's entry animation, so the picture shows it whole
        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "attribution-quality.png"), FullPage = true });

        await BrowserApp.ClickUntilAsync(page.Locator("[data-testid='quality-window'] label").Filter(new() { HasText = "近 7 天" }),
            quality.GetByText("近 7 天上报"));
        await Assertions.Expect(page.Locator("[data-testid='quality-window'] .ant-radio-button-wrapper-checked")).ToHaveTextAsync("近 7 天");
        await Assertions.Expect(page.Locator("[data-testid='quality-trend'] canvas").First).ToBeVisibleAsync();
    }
}
