using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests;

/// <summary>Staff intake in Chromium: a phone call recorded with a live category suggestion; a duplicate merged in one click.</summary>
public sealed partial class IntakeConsoleTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Commander_records_a_phone_call_sees_the_suggested_category_and_lands_on_the_event()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.LoginAsync(page, "commander");
        await page.GotoAsync("/events/new");
        await BrowserApp.WaitForInteractiveAsync(page);

        var form = page.Locator("[data-testid='walk-in-page']");
        await form.GetByText("来电", new() { Exact = true }).ClickAsync();
        await page.Locator("#wi-name").FillAsync("王先生");
        await page.Locator("#wi-phone").FillAsync("13812345678");
        await page.Locator("#wi-description").FillAsync("小区东门的路灯坏了三天，晚上很黑");
        await Assertions.Expect(page.Locator("[data-testid='category-suggestion']")).ToContainTextAsync("系统建议类别");
        await page.Locator("#wi-address").FillAsync("新庄路 88 号东门");
        await page.Locator("[data-testid='walk-in-submit']").ClickAsync();

        await page.WaitForURLAsync(EventUrl());
        var detail = page.Locator("[data-testid='event-detail']");
        await Assertions.Expect(detail).ToContainTextAsync("小区东门的路灯坏了三天");
        await Assertions.Expect(detail).ToContainTextAsync("来电登记");
        await Assertions.Expect(page.Locator("[data-testid='contact-phone']")).ToHaveTextAsync("138****5678");

        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "walk-in-recorded.png"), FullPage = true });
    }

    [Fact]
    public async Task Commander_merges_a_suggested_duplicate_with_one_click()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.LoginAsync(page, "commander");
        var grids = JsonDocument.Parse(await (await page.APIRequest.GetAsync("/api/v1/territory/grids")).TextAsync()).RootElement;
        var feature = grids.GetProperty("features").EnumerateArray().First(f => f.GetProperty("properties").GetProperty("code").GetString() == "XC-03");
        var ring = feature.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().SkipLast(1).ToList();
        var lng = ring.Average(p => p[0].GetDouble());
        var lat = ring.Average(p => p[1].GetDouble());

        async Task<JsonElement> Report(string description, double dLat)
        {
            var created = await page.APIRequest.PostAsync("/api/v1/events", new() { DataObject = new { description, latitude = lat + dLat, longitude = lng } });
            Assert.Equal(201, created.Status);
            return JsonDocument.Parse(await created.TextAsync()).RootElement.Clone();
        }

        var first = await Report("菜市场北门的窨井盖破损了，很危险", 0);
        var second = await Report("菜市场北门窨井盖破损，行人很危险", 0.0003);
        var firstCode = first.GetProperty("trackingCode").GetString()!;

        await page.GotoAsync($"/events/{second.GetProperty("id").GetGuid()}");
        await BrowserApp.WaitForInteractiveAsync(page);
        var duplicates = page.Locator("[data-testid='duplicates']");
        await Assertions.Expect(duplicates).ToContainTextAsync(firstCode);
        await page.Locator($"[data-testid='merge-into-{firstCode}'] button").ClickAsync();

        var detail = page.Locator("[data-testid='event-detail']");
        await Assertions.Expect(detail.Locator(".ant-tag").First).ToHaveTextAsync("已合并");
        await Assertions.Expect(detail).ToContainTextAsync($"与 {firstCode} 重复");
        var now = JsonDocument.Parse(await (await page.APIRequest.GetAsync($"/api/v1/events/{second.GetProperty("id").GetGuid()}")).TextAsync()).RootElement;
        Assert.Equal(first.GetProperty("id").GetGuid(), now.GetProperty("mergedIntoId").GetGuid());
    }

    [GeneratedRegex("/events/[0-9a-f-]{36}$")]
    private static partial Regex EventUrl();
}
