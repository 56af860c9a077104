using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.Disputes;

/// <summary>
/// 排查 in the console, as the community's staff use it: this week's rounds of their grids with the tally, filtered by
/// completion; a grid's round with the risk the grid worker found, its level and reasons; 纳入调处 turns it into a case.
/// </summary>
public sealed partial class ScreeningConsoleTests(BrowserApp app) : IClassFixture<BrowserApp>
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

    private static async Task<JsonElement> OkJsonAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>
    /// This week: grid01 records a red risk in their grid (phone work, through the API here); a neighbouring grid of the
    /// same community reports none found. Returns the two grids' names and the community's grid count.
    /// </summary>
    private async Task<(string RiskGrid, string NoneGrid, string Community, int CommunityGrids)> SeedAsync(string description)
    {
        using var grid = await ApiAsAsync("grid01");
        var mine = await OkJsonAsync(grid.GetAsync("api/v1/disputes/screening/rounds/current", Ct));
        await OkJsonAsync(grid.PostAsJsonAsync($"api/v1/disputes/screening/rounds/{mine.GetProperty("id").GetGuid()}/risks", new
        {
            description,
            parties = "周某与吴某两家",
            peopleCount = 4,
            place = "新庄 3 组 12 号",
            disputeType = "neighbour",
            vulnerablePeople = true,
        }, Ct));

        using var community = await ApiAsAsync("community01");
        var page = await OkJsonAsync(community.GetAsync("api/v1/disputes/screening/rounds?pageSize=100", Ct));
        var rounds = page.GetProperty("items").EnumerateArray().ToList();
        var neighbour = rounds.First(r => r.GetProperty("gridId").GetGuid() != mine.GetProperty("gridId").GetGuid());
        await OkJsonAsync(community.PostAsJsonAsync($"api/v1/disputes/screening/rounds/{neighbour.GetProperty("id").GetGuid()}/none-found",
            new { version = neighbour.GetProperty("version").GetInt32() }, Ct));
        return (mine.GetProperty("gridName").GetString()!, neighbour.GetProperty("gridName").GetString()!, mine.GetProperty("communityName").GetString()!,
            page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Community_staff_see_their_grids_rounds_filter_by_completion_and_open_a_case_from_a_risk()
    {
        var description = $"两户因宅基地边界争执，一方扬言要堵路 {Guid.NewGuid():N}"[..30];
        var (riskGrid, noneGrid, communityName, communityGrids) = await SeedAsync(description);
        Assert.True(communityGrids is > 2 and <= 20, $"the demo community should have a few grids on one page, has {communityGrids}");

        var page = await app.NewPageAsync();
        await BrowserApp.LoginAsync(page, "community01");
        await page.GotoAsync("/disputes/screening");
        await BrowserApp.WaitForInteractiveAsync(page);
        Directory.CreateDirectory("screenshots");

        // This week, every grid of the community (and only those), with the tally of how they stand.
        var list = page.Locator("[data-testid='screening-rounds']");
        var tally = page.Locator("[data-testid='screening-tally']");
        await Assertions.Expect(tally).ToContainTextAsync($"共 {communityGrids} 个网格");
        await Assertions.Expect(tally).ToContainTextAsync("发现隐患 1");
        await Assertions.Expect(tally).ToContainTextAsync("无隐患 1");
        await Assertions.Expect(tally).ToContainTextAsync($"未排查 {communityGrids - 2}");
        var rows = list.Locator("tr.ant-table-row");
        await Assertions.Expect(rows).ToHaveCountAsync(communityGrids);
        var riskRow = rows.Filter(new() { Has = page.Locator("[data-testid='round-link']", new() { HasTextRegex = Exact(riskGrid) }) });
        await Assertions.Expect(riskRow.Locator("[data-testid='round-completion']")).ToHaveTextAsync("已排查（发现隐患）");
        await Assertions.Expect(riskRow).ToContainTextAsync("1 条");
        await Assertions.Expect(riskRow).ToContainTextAsync("红色");
        await Assertions.Expect(riskRow).ToContainTextAsync("网格员"); // who reported it
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "screening-console-list.png"), FullPage = true });

        // The community filter offers their own community only (the others would always be empty), and keeps every grid.
        var filterBar = page.Locator(".jx-filter");
        var community = filterBar.Locator(".ant-select").Nth(1);
        var completion = filterBar.Locator(".ant-select").Nth(2);
        var openOptions = page.Locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option");
        await BrowserApp.ClickUntilAsync(community, openOptions.First);
        await Assertions.Expect(openOptions).ToHaveCountAsync(1);
        await Assertions.Expect(openOptions).ToHaveTextAsync(communityName);
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "screening-console-community-filter.png"), FullPage = true });
        await BrowserApp.ChooseAsync(page, community, communityName);
        await filterBar.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(communityGrids);

        // 无隐患 only: the neighbouring grid alone.
        await BrowserApp.ChooseAsync(page, completion, "已排查（无隐患）");
        await filterBar.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(list.Locator("[data-testid='round-link']")).ToHaveTextAsync(noneGrid);
        await Assertions.Expect(list.Locator("[data-testid='round-completion']")).ToHaveTextAsync("已排查（无隐患）");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "screening-console-none-found.png"), FullPage = true });

        // 发现隐患 only: the grid worker's grid, opened.
        await BrowserApp.ChooseAsync(page, completion, "已排查（发现隐患）");
        await filterBar.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Assertions.Expect(list.Locator("[data-testid='round-link']")).ToHaveTextAsync(riskGrid);
        await Assertions.Expect(rows).ToHaveCountAsync(1);

        // 重置 brings every grid back.
        await filterBar.GetByRole(AriaRole.Button, new() { Name = "重置" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(communityGrids);
        await BrowserApp.ChooseAsync(page, completion, "已排查（发现隐患）");
        await filterBar.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);

        await list.Locator("[data-testid='round-link']").ClickAsync();
        await page.WaitForURLAsync(RoundUrl());
        await BrowserApp.WaitForInteractiveAsync(page);
        var round = page.Locator("[data-testid='screening-round']");
        await Assertions.Expect(round.Locator("h1")).ToHaveTextAsync(riskGrid);
        await Assertions.Expect(round.Locator("[data-testid='round-completion']")).ToHaveTextAsync("已排查（发现隐患）");
        var riskRows = round.Locator("tr.ant-table-row");
        await Assertions.Expect(riskRows).ToHaveCountAsync(1);
        await Assertions.Expect(riskRows).ToContainTextAsync(description);
        await Assertions.Expect(riskRows).ToContainTextAsync("红色");
        await Assertions.Expect(riskRows).ToContainTextAsync("周某与吴某两家");
        await Assertions.Expect(riskRows).ToContainTextAsync("涉及弱势群体");
        await Assertions.Expect(riskRows).ToContainTextAsync("评级依据：");
        await Assertions.Expect(riskRows).ToContainTextAsync("扬言");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "screening-console-round.png"), FullPage = true });

        // 纳入调处: the risk becomes a case, and the round links to it from then on.
        await round.Locator("[data-testid='risk-intake'] button").ClickAsync();
        await page.WaitForURLAsync(DisputeUrl());
        var disputeUrl = new Uri(page.Url).AbsolutePath;
        var detail = page.Locator("[data-testid='dispute-detail']");
        await Assertions.Expect(detail).ToContainTextAsync(description);
        await Assertions.Expect(detail).ToContainTextAsync("周某与吴某两家");
        // Rated on the same facts as the risk: still red, the vulnerable people counted (it was orange before).
        await Assertions.Expect(detail).ToContainTextAsync("红色：");
        await Assertions.Expect(detail).ToContainTextAsync("涉及老人、未成年人、残疾人等弱势群体");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "screening-console-case.png"), FullPage = true });

        await page.GoBackAsync();
        await page.WaitForURLAsync(RoundUrl());
        var caseLink = page.Locator("[data-testid='screening-round'] [data-testid='risk-case']");
        await Assertions.Expect(caseLink).ToHaveAttributeAsync("href", disputeUrl);
        await Assertions.Expect(page.Locator("[data-testid='risk-intake']")).ToHaveCountAsync(0);
    }

    private static Regex Exact(string text) => new($"^{Regex.Escape(text)}$");

    [GeneratedRegex("/disputes/screening/[0-9a-f-]{36}$")]
    private static partial Regex RoundUrl();

    [GeneratedRegex("/disputes/[0-9a-f-]{36}$")]
    private static partial Regex DisputeUrl();
}
