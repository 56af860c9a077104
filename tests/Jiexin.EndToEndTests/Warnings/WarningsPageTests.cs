using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.Warnings;

/// <summary>
/// 预警 and 热点 in Chromium, with data: three similar reports at one place (API), the commander runs the rules from the
/// page, sees the alert, opens its evidence, acknowledges it; the hotspots page lists the three as one hotspot.
/// </summary>
public sealed class WarningsPageTests(BrowserApp app) : IClassFixture<BrowserApp>
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

    private async Task SeedAsync()
    {
        using var commander = await ApiAsAsync("commander");
        var feature = JsonNode.Parse(await commander.GetStringAsync("api/v1/territory/grids", Ct))!["features"]!.AsArray()[0]!;
        var geometry = feature["geometry"]!;
        var ring = ((string?)geometry["type"] == "MultiPolygon" ? geometry["coordinates"]![0]![0] : geometry["coordinates"]![0])!.AsArray();
        var points = ring.Take(ring.Count - 1).Select(p => (Lng: (double)p![0]!, Lat: (double)p[1]!)).ToList();
        var (lat, lng) = (points.Average(p => p.Lat), points.Average(p => p.Lng));
        foreach (var (text, north) in new[] { ("桥头路灯不亮，晚上走路看不见", 0.0), ("桥头那边路灯坏了不亮，晚上很黑", 0.0001), ("桥头路灯一直不亮，晚上走路不安全", -0.0001) })
        {
            var response = await commander.PostAsJsonAsync("api/v1/events", new { description = text, latitude = lat + north, longitude = lng, channel = "Phone" }, Ct);
            response.EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task Commander_evaluates_sees_the_alert_with_its_evidence_acknowledges_it_and_sees_the_hotspot()
    {
        var page = await app.NewPageAsync();
        await SeedAsync();
        await BrowserApp.LoginAsync(page, "commander");
        await page.GotoAsync("/warnings");
        await BrowserApp.WaitForInteractiveAsync(page);
        Directory.CreateDirectory("screenshots");

        var list = page.Locator("[data-testid='warnings-page']");
        await page.GetByRole(AriaRole.Button, new() { Name = "立即研判" }).ClickAsync();
        var row = list.Locator("[data-testid='warning-row']", new() { HasText = "同一地点重复上报" });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(list).ToContainTextAsync("100 米范围内上报 3 件");
        await Assertions.Expect(list).ToContainTextAsync("待确认");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "warnings-list.png"), FullPage = true });

        await row.Locator("a").ClickAsync();
        var detail = page.Locator("[data-testid='warning-detail']");
        await Assertions.Expect(detail).ToBeVisibleAsync();
        // The three reports by tracking code, with what each said and where it stands.
        var events = detail.Locator("[data-testid='warning-events'] li");
        await Assertions.Expect(events).ToHaveCountAsync(3);
        await Assertions.Expect(events.First.Locator("a")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^JX[0-9A-Z]+$"));
        await Assertions.Expect(detail.Locator("[data-testid='warning-events']")).ToContainTextAsync("桥头路灯");
        // Where the reports cluster is drawn on a map with its pin, not written as two coordinates.
        await Assertions.Expect(detail.Locator("svg[data-testid='warning-map'] g[data-marker='primary']")).ToHaveAttributeAsync("visibility", "visible");
        await Assertions.Expect(detail.Locator("svg[data-testid='warning-map']")).ToHaveAttributeAsync("aria-label", "预警位置：新塍社区 · 第1网格");
        await Assertions.Expect(detail).Not.ToContainTextAsync("纬度");
        await page.WaitForTimeoutAsync(400); // the drawer slides in: let it settle for the picture
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "warnings-detail.png"), FullPage = true });
        await page.Locator(".ant-drawer-close").ClickAsync();
        await Assertions.Expect(detail).ToBeHiddenAsync();

        var tableRow = page.Locator("tr", new() { HasText = "同一地点重复上报" });
        await tableRow.GetByRole(AriaRole.Button, new() { Name = "确认" }).ClickAsync();
        await Assertions.Expect(tableRow).ToContainTextAsync("已确认");

        await page.GotoAsync("/hotspots");
        await BrowserApp.WaitForInteractiveAsync(page);
        var hotspots = page.Locator("[data-testid='hotspots-page']");
        await Assertions.Expect(hotspots.Locator("[data-testid='hotspot-row']")).ToContainTextAsync("3 件");
        await Assertions.Expect(hotspots).ToContainTextAsync("路灯");
        // The hotspot on the street's map: one red circle, inside the grid where the three were reported.
        var circle = hotspots.Locator("svg[data-testid='hotspot-map'] [data-marker='secondary']");
        await Assertions.Expect(circle).ToHaveCountAsync(1);
        var inGrid = await page.EvaluateAsync<int>(@"() => {
            const svg = document.querySelector(""svg[data-testid='hotspot-map']"");
            const c = svg.querySelector(""[data-marker='secondary']"");
            const p = svg.createSVGPoint(); p.x = +c.getAttribute('cx'); p.y = +c.getAttribute('cy');
            return [...svg.querySelectorAll('path[data-area]')].filter(a => a.isPointInFill(p)).length; }");
        Assert.Equal(1, inGrid);
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "hotspots.png"), FullPage = true });
    }

    [Fact]
    public async Task Community_staff_respond_to_a_red_screening_alert_in_the_panel()
    {
        // A grid worker's screening finds a red risk (threats to petition, five people).
        var tag = Guid.NewGuid().ToString("N")[..8];
        using (var grid = await ApiAsAsync("grid01"))
        {
            var round = await grid.GetFromJsonAsync<JsonElement>("api/v1/disputes/screening/rounds/current", Ct);
            var risk = await grid.PostAsJsonAsync($"api/v1/disputes/screening/rounds/{round.GetProperty("id").GetGuid()}/risks", new
            {
                description = $"拆迁补偿谈不拢，扬言到区里上访 {tag}",
                parties = "张某与拆迁组",
                peopleCount = 5,
                place = "新庄村 4 组",
                disputeType = "neighbour",
            }, Ct);
            Assert.True(risk.IsSuccessStatusCode, await risk.Content.ReadAsStringAsync(Ct));
        }

        var commander = await app.NewPageAsync();
        await BrowserApp.LoginAsync(commander, "commander");
        await commander.GotoAsync("/warnings");
        await BrowserApp.WaitForInteractiveAsync(commander);
        await commander.GetByRole(AriaRole.Button, new() { Name = "立即研判" }).ClickAsync();
        await Assertions.Expect(commander.Locator("tr", new() { HasText = tag })).ToBeVisibleAsync();

        // The community sees it with its deadline, records the measure; the panel then shows who did what.
        var page = await app.NewPageAsync();
        await BrowserApp.LoginAsync(page, "community01");
        await page.GotoAsync("/warnings");
        await BrowserApp.WaitForInteractiveAsync(page);
        await page.Locator("tr", new() { HasText = tag }).Locator("[data-testid='warning-row'] a").ClickAsync();
        var panel = page.Locator("[data-testid='warning-detail'] [data-testid='warning-response']");
        await Assertions.Expect(panel).ToContainTextAsync("响应期限");
        await Assertions.Expect(page.Locator("[data-testid='warning-detail']")).ToContainTextAsync("涉及人数"); // the figures speak Chinese
        await panel.GetByRole(AriaRole.Button, new() { Name = "提交响应" }).ClickAsync();
        await Assertions.Expect(panel.Locator("[data-testid='response-error']")).ToContainTextAsync("请填写采取的措施");
        var measure = $"社区书记上门约谈双方，联系拆迁办当面答复 {tag}";
        await panel.Locator("textarea").FillAsync(measure);
        await panel.GetByRole(AriaRole.Button, new() { Name = "提交响应" }).ClickAsync();
        await Assertions.Expect(panel).ToContainTextAsync(measure);
        await Assertions.Expect(panel.Locator("textarea")).ToHaveCountAsync(0);
        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "warnings-response.png"), FullPage = true });
    }
}
