using System.Text.Json;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.Events;

/// <summary>The assessment pages: a summons shows on 报到考核 (list and per-department summary) and a 督办 notice on 督办.</summary>
public sealed class AssessmentPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static async Task<JsonElement> PostAsync(IPage page, string url, object body)
    {
        var response = await page.APIRequest.PostAsync(url, new() { DataObject = body });
        Assert.True(response.Ok, $"POST {url}: {response.Status} {await response.TextAsync()}");
        return JsonDocument.Parse(await response.TextAsync()).RootElement;
    }

    private static async Task<Guid> DepartmentAsync(IPage page, string name)
    {
        var response = await page.APIRequest.GetAsync($"/api/v1/territory/departments?keyword={Uri.EscapeDataString(name)}");
        var items = JsonDocument.Parse(await response.TextAsync()).RootElement.GetProperty("items");
        return items.EnumerateArray().First(d => d.GetProperty("name").GetString()!.Contains(name, StringComparison.Ordinal)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Commander_sees_a_summons_on_check_ins_and_a_notice_on_supervision()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.LoginAsync(page, "commander");
        var grids = JsonDocument.Parse(await (await page.APIRequest.GetAsync("/api/v1/territory/grids")).TextAsync()).RootElement;
        var feature = grids.GetProperty("features").EnumerateArray().First(f => f.GetProperty("properties").GetProperty("code").GetString() == "XC-01");
        var ring = feature.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().SkipLast(1).ToList();
        var created = await PostAsync(page, "/api/v1/events", new
        {
            description = "桥下违建棚屋堆放杂物，存在消防隐患",
            latitude = ring.Average(p => p[1].GetDouble()),
            longitude = ring.Average(p => p[0].GetDouble()),
        });
        var id = created.GetProperty("id").GetGuid();
        var code = created.GetProperty("trackingCode").GetString()!;
        var cg = await DepartmentAsync(page, "城市管理中队");
        var zj = await DepartmentAsync(page, "住房和城乡建设办公室");
        var current = JsonDocument.Parse(await (await page.APIRequest.GetAsync($"/api/v1/events/{id}")).TextAsync()).RootElement;
        await PostAsync(page, $"/api/v1/events/{id}/actions/Summon", new { version = current.GetProperty("version").GetInt32(), departments = new[] { cg, zj } });
        var noticeText = $"请城管中队今日到场处置 {Guid.NewGuid():N}"[..24];
        await PostAsync(page, $"/api/v1/events/{id}/supervision-notices", new { text = noticeText, departmentId = cg });

        await page.GotoAsync("/events/check-ins");
        await BrowserApp.WaitForInteractiveAsync(page);
        var row = page.Locator("[data-testid='check-in-list'] tr", new() { HasText = code }).Filter(new() { HasText = "城市管理中队" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("未报到");
        await Assertions.Expect(row.Locator($"a[href='/events/{id}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid='check-in-summary']")).ToContainTextAsync("住房和城乡建设办公室");

        await page.GotoAsync("/events/supervision-notices");
        await BrowserApp.WaitForInteractiveAsync(page);
        var notice = page.Locator("[data-testid='notice-list'] tr", new() { HasText = noticeText });
        await Assertions.Expect(notice).ToContainTextAsync(code);
        await Assertions.Expect(notice).ToContainTextAsync("城市管理中队");
        await Assertions.Expect(notice).ToContainTextAsync("待答复");

        // Answered notices only: the open one leaves the list.
        await BrowserApp.ChooseAsync(page, page.Locator("[data-testid='supervision-notices'] .jx-filter .ant-select"), "已答复");
        // The filter is in the address: a reload (or a shared link) shows the same view.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("state=answered"), new() { Timeout = 30_000 });
        await Assertions.Expect(notice).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await page.ReloadAsync();
        await BrowserApp.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid='supervision-notices'] .jx-filter")).ToContainTextAsync("已答复");
        await Assertions.Expect(notice).ToHaveCountAsync(0);
        await page.GotoAsync("/events/supervision-notices?state=open");
        await BrowserApp.WaitForInteractiveAsync(page);
        await Assertions.Expect(notice).ToContainTextAsync("待答复");

        // 报到考核 filtered by department through the address: the other department's line is gone, the filter shows.
        await page.GotoAsync($"/events/check-ins?department={zj}");
        await BrowserApp.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid='check-in-list'] tr", new() { HasText = code }).Filter(new() { HasText = "住房和城乡建设办公室" })).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid='check-ins'] .jx-filter")).ToContainTextAsync("住房和城乡建设办公室");

        Directory.CreateDirectory("screenshots");
        await page.GotoAsync("/events/check-ins");
        await BrowserApp.WaitForInteractiveAsync(page);
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("桥下违建棚屋"); // what the summons is about, not only its code
        var what = (await row.Locator("td").Nth(1).BoundingBoxAsync())!;
        Assert.True(what.Width >= 200, $"the 诉求内容 column is {what.Width} px wide"); // readable, not a column of single characters
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "event-check-ins.png"), FullPage = true });
    }
}
