using System.Text.Json;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests;

/// <summary>
/// Live updates on the staff console: what others do to an event appears on the open detail page and queue without a
/// reload, and the assignee's bell counts the new task.
/// </summary>
public sealed class LiveUpdateTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static async Task<JsonElement> JsonAsync(IAPIResponse response)
    {
        Assert.True(response.Ok, $"{response.Status}: {await response.TextAsync()}");
        return JsonDocument.Parse(await response.TextAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task Detail_page_queue_and_bell_follow_changes_made_elsewhere()
    {
        var commander = await app.NewPageAsync();
        await BrowserApp.LoginAsync(commander, "commander");
        var dept = await app.NewPageAsync();
        await BrowserApp.LoginAsync(dept, "dept-cg");

        // The department's queue is open, its bell showing what it shows now.
        await dept.GotoAsync("/events");
        await BrowserApp.WaitForInteractiveAsync(dept);
        var bellBefore = int.Parse(await dept.Locator("[data-testid='notification-count']").TextContentAsync() ?? "0");

        var grids = JsonDocument.Parse(await (await commander.APIRequest.GetAsync("/api/v1/territory/grids")).TextAsync()).RootElement;
        var feature = grids.GetProperty("features").EnumerateArray().First(f => f.GetProperty("properties").GetProperty("code").GetString() == "XC-02");
        var ring = feature.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().SkipLast(1).ToList();
        var e = await JsonAsync(await commander.APIRequest.PostAsync("/api/v1/events", new()
        {
            DataObject = new { description = "来电反映：路灯整排不亮 " + Guid.NewGuid().ToString("N")[..6], latitude = ring.Average(p => p[1].GetDouble()), longitude = ring.Average(p => p[0].GetDouble()) },
        }));
        var id = e.GetProperty("id").GetGuid();
        var code = e.GetProperty("trackingCode").GetString()!;

        await commander.GotoAsync($"/events/{id}");
        await BrowserApp.WaitForInteractiveAsync(commander);
        var detail = commander.Locator("[data-testid='event-detail']");
        await Assertions.Expect(detail.Locator(".ant-tag").First).ToHaveTextAsync("已上报");

        // Dispatched through the API (another tab, another client): the open page follows.
        var departments = JsonDocument.Parse(await (await commander.APIRequest.GetAsync("/api/v1/territory/departments?pageSize=100")).TextAsync()).RootElement;
        var cg = departments.GetProperty("items").EnumerateArray().First(d => d.GetProperty("shortName").GetString() == "城管").GetProperty("id").GetGuid();
        e = await JsonAsync(await commander.APIRequest.PostAsync($"/api/v1/events/{id}/actions/Dispatch", new()
        {
            DataObject = new { version = e.GetProperty("version").GetInt32(), assigneeKind = "Department", assigneeId = cg },
        }));
        await Assertions.Expect(detail.Locator(".ant-tag").First).ToHaveTextAsync("已派单");

        // The department sees the new task in its open queue and its bell, without reloading.
        await Assertions.Expect(dept.Locator("[data-testid='events-queue'] a", new() { HasText = code })).ToBeVisibleAsync();
        await Assertions.Expect(dept.Locator("[data-testid='notification-count']")).Not.ToHaveTextAsync(bellBefore.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // The department accepts: the commander's page shows it.
        await JsonAsync(await dept.APIRequest.PostAsync($"/api/v1/events/{id}/actions/Accept", new()
        {
            DataObject = new { version = e.GetProperty("version").GetInt32() },
        }));
        await Assertions.Expect(detail.Locator(".ant-tag").First).ToHaveTextAsync("处置中");
    }
}
