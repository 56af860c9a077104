using System.Text.Json;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.Events;

/// <summary>The console side: bulk dispatch from the queue, the department inbox, and the patrols-and-visits figures with a track.</summary>
public sealed class ConsoleWorkTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Commander_bulk_dispatches_and_the_department_accepts_from_its_inbox()
    {
        var page = await app.NewPageAsync();
        var api = page.Context.APIRequest;
        var commander = await BrowserApp.TokenAsync(api, "commander");
        var tag = Guid.NewGuid().ToString("N")[..6];
        foreach (var n in new[] { "甲", "乙" })
        {
            await BrowserApp.CallAsync(api, commander, "POST", "/api/v1/events", new { description = $"批量派单测试 {tag} {n}：人行道破损", address = "新庄路 88 号" });
        }

        await BrowserApp.LoginAsync(page, "commander");
        await page.GotoAsync($"/events?q={tag}");
        await BrowserApp.WaitForInteractiveAsync(page);
        var queue = page.Locator("[data-testid='events-queue']");
        await Assertions.Expect(queue.Locator("tbody tr.ant-table-row")).ToHaveCountAsync(2);
        await queue.Locator("thead .ant-checkbox").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='bulk-bar']")).ToContainTextAsync("已选 2 件");
        var dialog = page.Locator(".ant-modal");
        await BrowserApp.ClickUntilAsync(page.GetByRole(AriaRole.Button, new() { Name = "批量派单" }), dialog.Locator(".ant-select"));
        await BrowserApp.ChooseAsync(page, dialog.Locator(".ant-select"), "城市管理中队");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "派单" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='bulk-results']")).ToContainTextAsync("派单成功 2 件，失败 0 件");
        await Assertions.Expect(queue.Locator("tbody tr.ant-table-row", new() { HasText = "已派单" })).ToHaveCountAsync(2);
        // Each row shows its deadline, and what the resident asked keeps room to be read (not a column of single characters).
        await Assertions.Expect(queue.Locator("tbody tr.ant-table-row [data-testid='due']")).ToHaveCountAsync(2);
        var summary = (await queue.Locator("tbody tr.ant-table-row").First.Locator("td").Nth(2).BoundingBoxAsync())!;
        Assert.True(summary.Width >= 160, $"the 诉求内容 column is {summary.Width} px wide");
        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "queue-bulk-dispatch.png"), FullPage = true });

        var deptPage = await app.NewPageAsync();
        await BrowserApp.LoginAsync(deptPage, "dept-cg");
        await deptPage.GotoAsync("/events/inbox");
        await BrowserApp.WaitForInteractiveAsync(deptPage);
        var inbox = deptPage.Locator("[data-testid='department-inbox']");
        await Assertions.Expect(inbox.Locator(".ant-tabs-tab", new() { HasText = "待签收" })).ToContainTextAsync("(2)");
        var row = inbox.Locator("tbody tr.ant-table-row", new() { HasText = $"{tag} 甲" });
        await BrowserApp.ClickUntilAsync(row.GetByRole(AriaRole.Button, new() { Name = "签收" }), inbox.Locator(".ant-tabs-tab", new() { HasText = "处置中 (1)" }));
        await Assertions.Expect(inbox.Locator(".ant-tabs-tab", new() { HasText = "待签收" })).ToContainTextAsync("(1)");
        await deptPage.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "department-inbox.png"), FullPage = true });

        // A double click is one acceptance: the second click must not send the same version again and come back
        // as "someone else changed it".
        await Assertions.Expect(deptPage.Locator(".ant-message-notice")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await inbox.Locator("tbody tr.ant-table-row", new() { HasText = $"{tag} 乙" }).GetByRole(AriaRole.Button, new() { Name = "签收" }).DblClickAsync();
        await Assertions.Expect(inbox.Locator(".ant-tabs-tab", new() { HasText = "处置中" })).ToContainTextAsync("(2)");
        await Assertions.Expect(deptPage.Locator(".ant-message-notice", new() { HasText = "已签收" })).ToHaveCountAsync(1);
        await Assertions.Expect(deptPage.Locator(".ant-message-notice", new() { HasText = "他人" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Community_staff_see_a_grid_workers_patrol_figures_and_its_track()
    {
        var page = await app.NewPageAsync();
        var api = page.Context.APIRequest;
        var grid = await BrowserApp.TokenAsync(api, "grid01");
        var patrol = await BrowserApp.CallAsync(api, grid, "POST", "/api/v1/patrols");
        var id = patrol.GetProperty("id").GetGuid();
        var t0 = DateTime.UtcNow.AddSeconds(-100);
        var step = 100 / 111_195.08;
        await BrowserApp.CallAsync(api, grid, "POST", $"/api/v1/patrols/{id}/points", new
        {
            points = Enumerable.Range(0, 4).Select(i => new { latitude = 31.43 + i * step, longitude = 119.80 + (i % 2) * step, recordedAt = t0.AddSeconds(i * 30), accuracyMeters = 8 }),
        });
        await BrowserApp.CallAsync(api, grid, "POST", $"/api/v1/patrols/{id}/stop", new { note = "例行巡查" });

        await BrowserApp.LoginAsync(page, "community01");
        await page.GotoAsync("/events/discovery-work");
        await BrowserApp.WaitForInteractiveAsync(page);
        var figures = page.Locator("[data-testid='discovery-work']");
        var worker = figures.Locator("tbody tr.ant-table-row").First;
        await Assertions.Expect(worker).ToContainTextAsync("网格员");
        await worker.Locator("[data-testid='worker-link']").ClickAsync();
        await BrowserApp.ClickUntilAsync(figures.Locator("[data-testid='patrol-link']").First, page.Locator("[data-testid='patrol-detail']"));
        // The track on the grid map: one line through the four fixes, the start dot on its first point, and the
        // worker's grid outlined.
        var trackMap = page.Locator("[data-testid='patrol-track'] svg[data-testid='patrol-track-map']");
        await Assertions.Expect(trackMap).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid='patrol-track']")).ToHaveAttributeAsync("data-points", "4");
        var line = await trackMap.Locator("path[data-track]").GetAttributeAsync("d") ?? "";
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Matches(line, "[ML]").Count);
        var start = line[1..line.IndexOf('L')].Split(',');
        var dot = trackMap.Locator("circle[data-marker='secondary']", new() { HasText = "起点" });
        await Assertions.Expect(dot).ToHaveAttributeAsync("cx", start[0]);
        await Assertions.Expect(dot).ToHaveAttributeAsync("cy", start[1]);
        await Assertions.Expect(trackMap.Locator("path[data-focused='true']")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "patrol-track.png"), FullPage = true });
    }
}
