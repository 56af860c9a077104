using System.Text.Json;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests;

/// <summary>The command centre works an event from the queue: open it, dispatch it to a department.</summary>
public sealed class EventQueueTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Commander_finds_an_event_in_the_queue_and_dispatches_it_to_a_department()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.LoginAsync(page, "commander");

        // A walk-in recorded through the API with the commander's own session (a point inside grid XC-01).
        var grids = JsonDocument.Parse(await (await page.APIRequest.GetAsync("/api/v1/territory/grids")).TextAsync()).RootElement;
        var feature = grids.GetProperty("features").EnumerateArray().First(f => f.GetProperty("properties").GetProperty("code").GetString() == "XC-01");
        var ring = feature.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().SkipLast(1).ToList();
        var lng = ring.Average(p => p[0].GetDouble());
        var lat = ring.Average(p => p[1].GetDouble());
        var created = await page.APIRequest.PostAsync("/api/v1/events", new()
        {
            DataObject = new { description = "来访群众反映：菜市场门口占道经营严重", latitude = lat, longitude = lng },
        });
        Assert.Equal(201, created.Status);
        var code = JsonDocument.Parse(await created.TextAsync()).RootElement.GetProperty("trackingCode").GetString()!;

        await page.GotoAsync("/events");
        var link = page.Locator("[data-testid='events-queue'] a", new() { HasText = code });
        await Assertions.Expect(link).ToBeVisibleAsync();
        await link.ClickAsync();

        var detail = page.Locator("[data-testid='event-detail']");
        await BrowserApp.WaitForInteractiveAsync(page);
        await Assertions.Expect(detail).ToContainTextAsync("菜市场门口占道经营严重");
        await Assertions.Expect(detail).ToContainTextAsync("已上报");

        // The place on the map: the event's grid outlined, the pin inside that outline.
        var map = detail.Locator("[data-testid='event-map']");
        var gridId = feature.GetProperty("id").GetString();
        await Assertions.Expect(map.Locator($"path[data-area='{gridId}']")).ToHaveAttributeAsync("data-focused", "true");
        Assert.Equal(1, await map.Locator("path[data-focused]").CountAsync());
        var pinInGrid = await page.EvaluateAsync<bool>("""
            id => {
              const svg = document.querySelector("[data-testid='event-map']");
              const pin = svg.querySelector("[data-marker='primary']"), path = svg.querySelector(`path[data-area='${id}']`);
              const t = pin.transform.baseVal.consolidate().matrix, p = svg.createSVGPoint();
              p.x = t.e; p.y = t.f;
              return pin.getAttribute('visibility') === 'visible' && path.isPointInFill(p);
            }
            """, gridId);
        Assert.True(pinInGrid, "the event's pin is not drawn inside its grid");

        var dialog = page.Locator(".ant-modal");
        await BrowserApp.ClickUntilAsync(page.GetByRole(AriaRole.Button, new() { Name = "派单" }), dialog.Locator(".ant-select"));
        await BrowserApp.ChooseAsync(page, dialog.Locator(".ant-select"), "城市管理中队");
        await dialog.Locator("textarea").FillAsync("请城管中队处置");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();

        await Assertions.Expect(detail.Locator(".ant-tag").First).ToHaveTextAsync("已派单");
        await Assertions.Expect(detail).ToContainTextAsync("请城管中队处置");
        var id = JsonDocument.Parse(await created.TextAsync()).RootElement.GetProperty("id").GetGuid();
        var now = JsonDocument.Parse(await (await page.APIRequest.GetAsync($"/api/v1/events/{id}")).TextAsync()).RootElement;
        await Assertions.Expect(detail).ToContainTextAsync("城市管理中队");
        Assert.Equal("Department", now.GetProperty("assignee").GetProperty("kind").GetString());
        await Assertions.Expect(map.Locator($"path[data-area='{gridId}']")).ToHaveAttributeAsync("data-focused", "true");

        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "event-dispatched.png"), FullPage = true });
    }
}
