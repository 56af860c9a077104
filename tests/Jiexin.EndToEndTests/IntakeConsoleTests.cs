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
    public async Task Community_staff_record_a_call_about_another_community_and_get_its_code_and_a_clear_form()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.LoginAsync(page, "community01"); // 新塍社区
        await page.GotoAsync("/events/new");
        await BrowserApp.WaitForInteractiveAsync(page);

        var description = $"景湖社区 {Guid.NewGuid().ToString("N")[..6]} 号楼下水道堵了，污水漫到路上";
        await BrowserApp.FillAndKeepAsync(page.Locator("#wi-name"), "李女士");
        await BrowserApp.FillAndKeepAsync(page.Locator("#wi-description"), description);
        var grid = page.Locator("[data-testid='walk-in-page'] .ant-select").First;
        await grid.ClickAsync();
        await grid.Locator("input").FillAsync("景湖");
        await BrowserApp.ChooseAsync(page, grid, "景湖社区 · 第1网格");
        await page.Locator("[data-testid='walk-in-submit']").ClickAsync();

        // The event is 景湖's, which this account may not open: the code is shown here instead of a refused page.
        var recorded = page.Locator("[data-testid='walk-in-recorded-elsewhere']");
        await Assertions.Expect(recorded).ToContainTextAsync("不在您的管辖范围");
        await Assertions.Expect(recorded).ToContainTextAsync("景湖");
        Assert.EndsWith("/events/new", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#wi-description")).ToHaveValueAsync(""); // ready for the next caller
        await Assertions.Expect(grid.Locator("input")).ToHaveValueAsync(""); // the grid's search text went with it
        await Assertions.Expect(grid).Not.ToContainTextAsync("景湖社区");
        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "walk-in-recorded-elsewhere.png"), FullPage = true });

        var code = System.Text.RegularExpressions.Regex.Match(await recorded.InnerTextAsync(), "编号 ([A-Z0-9]+)").Groups[1].Value;
        var api = page.Context.APIRequest;
        var login = await api.PostAsync("/api/v1/auth/login", new() { DataObject = new { userName = "commander", password = BrowserApp.DemoPassword } });
        var token = (await login.JsonAsync())!.Value.GetProperty("accessToken").GetString();
        var found = await api.GetAsync($"/api/v1/events?keyword={code}", new() { Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" } });
        var item = (await found.JsonAsync())!.Value.GetProperty("items")[0];
        Assert.Equal(code, item.GetProperty("trackingCode").GetString());
        Assert.Equal("WalkIn", item.GetProperty("channel").GetString());
        Assert.Contains("景湖社区", item.GetProperty("gridName").GetString());
        Assert.StartsWith(description[..10], item.GetProperty("summary").GetString(), StringComparison.Ordinal);
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
