using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.Assessment;

/// <summary>
/// The assessment page in Chromium, with data: grid01 finds a problem on patrol and closes it in its grid (源头发现 1/1,
/// 网格内化解 1/1, 超期 0/1 → 100.00 with the default weights), the leader is given that grid (包干); the commander sees
/// the grid ranked first with its trend, the leader sees it under "my areas".
/// </summary>
public sealed class AssessmentPageTests(BrowserApp app) : IClassFixture<BrowserApp>
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

    private static async Task<JsonElement> ActAsync(HttpClient client, JsonElement e, string action, object? extra = null)
    {
        var body = JsonSerializer.SerializeToNode(extra ?? new { })!.AsObject();
        body["version"] = e.GetProperty("version").GetInt32();
        var response = await client.PostAsJsonAsync($"api/v1/events/{e.GetProperty("id").GetGuid()}/actions/{action}", body, Ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>grid01's patrol finding, closed in its grid; returns the grid's id.</summary>
    private async Task<Guid> SeedAsync()
    {
        using var commander = await ApiAsAsync("commander");
        using var grid = await ApiAsAsync("grid01");
        var grids = JsonNode.Parse(await commander.GetStringAsync("api/v1/territory/grids", Ct))!["features"]!.AsArray();
        foreach (var feature in grids)
        {
            var geometry = feature!["geometry"]!;
            var ring = ((string?)geometry["type"] == "MultiPolygon" ? geometry["coordinates"]![0]![0] : geometry["coordinates"]![0])!.AsArray();
            var points = ring.Take(ring.Count - 1).Select(p => (Lng: (double)p![0]!, Lat: (double)p[1]!)).ToList();
            var reported = await grid.PostAsJsonAsync("api/v1/events",
                new { description = "巡查发现人行道砖块松动", latitude = points.Average(p => p.Lat), longitude = points.Average(p => p.Lng) }, Ct);
            reported.EnsureSuccessStatusCode();
            var first = await reported.Content.ReadFromJsonAsync<JsonElement>(Ct);
            var body = JsonSerializer.SerializeToNode(new { version = first.GetProperty("version").GetInt32() })!;
            var self = await grid.PostAsJsonAsync($"api/v1/events/{first.GetProperty("id").GetGuid()}/actions/SelfHandle", body, Ct);
            if (!self.IsSuccessStatusCode)
            {
                await ActAsync(commander, first, "Reject", new { note = "测试：换一个网格" });
                continue;
            }

            var e = await self.Content.ReadFromJsonAsync<JsonElement>(Ct);
            e = await ActAsync(grid, e, "Handle", new { note = "已重新铺设" });
            e = await ActAsync(grid, e, "VerifyPass");
            await ActAsync(grid, e, "Close");
            return e.GetProperty("gridId").GetGuid();
        }

        Assert.Fail("grid01 could act in no grid");
        return Guid.Empty;
    }

    [Fact]
    public async Task The_assessment_page_ranks_the_grid_shows_its_trend_and_the_leaders_areas()
    {
        var page = await app.NewPageAsync();
        var gridId = await SeedAsync();
        using (var admin = await ApiAsAsync("admin"))
        {
            var leaders = await admin.GetFromJsonAsync<JsonElement>("api/v1/assessment/leader-areas", Ct);
            var leader = leaders.EnumerateArray().Single(l => l.GetProperty("userName").GetString() == "leader");
            var saved = await admin.PutAsJsonAsync($"api/v1/assessment/leader-areas/{leader.GetProperty("userId").GetGuid()}",
                new { areas = new[] { new { kind = "Grid", id = gridId } } }, Ct);
            saved.EnsureSuccessStatusCode();
        }

        Directory.CreateDirectory("screenshots");
        await BrowserApp.LoginAsync(page, "commander");
        await page.GotoAsync("/assessment");
        await BrowserApp.WaitForInteractiveAsync(page);
        var root = page.Locator("[data-testid='assessment-page']");
        await Assertions.Expect(root.Locator("[data-testid='assessment-ranking']")).ToBeVisibleAsync();
        await Assertions.Expect(root.Locator("[data-testid='assessment-state']")).ToContainTextAsync("实时");

        await root.Locator("[data-testid='assessment-filter'] label", new() { HasText = "网格" }).ClickAsync();
        // The leader's grid (other grids may tie: reports the seeding rejected still count as found on patrol there).
        var first = root.Locator("[data-testid='assessment-row']", new() { HasText = "街道分管领导" });
        await Assertions.Expect(first.Locator("[data-testid='assessment-score']")).ToHaveTextAsync("100.00");
        await Assertions.Expect(first).ToContainTextAsync("100.0% (1/1)");

        await first.Locator("[data-testid='assessment-unit'] button").ClickAsync();
        await Assertions.Expect(root.Locator("[data-testid='assessment-trend'] canvas")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "assessment-grids.png"), FullPage = true });

        var leaderPage = await app.NewPageAsync();
        await BrowserApp.LoginAsync(leaderPage, "leader");
        await leaderPage.GotoAsync("/assessment");
        await BrowserApp.WaitForInteractiveAsync(leaderPage);
        var mine = leaderPage.Locator("[data-testid='assessment-my-areas']");
        await Assertions.Expect(mine).ToContainTextAsync("100.00");
        await Assertions.Expect(mine).ToContainTextAsync("1 / ");
        await leaderPage.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "assessment-leader.png"), FullPage = true });
    }
}
