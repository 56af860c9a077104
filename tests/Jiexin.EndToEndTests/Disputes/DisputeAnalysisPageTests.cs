using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.Disputes;

/// <summary>
/// 分析研判 in Chromium: with a few disputes of the month, the commander opens the month's analysis, sees the figures,
/// records the meeting's conclusions, adds a measure and marks it done, then opens the A4 print view and finds both.
/// </summary>
public sealed class DisputeAnalysisPageTests(BrowserApp app) : IClassFixture<BrowserApp>
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

    [Fact]
    public async Task The_commander_records_the_meeting_tracks_a_measure_and_prints_the_analysis()
    {
        var month = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        using (var commander = await ApiAsAsync("commander"))
        {
            foreach (var (text, people) in new[] { ("三十户业主反映物业费上涨", 30), ("楼上漏水殃及楼下", 2), ("装修噪音扰民", 2) })
            {
                var created = await commander.PostAsJsonAsync("api/v1/disputes", new
                {
                    description = $"{text} {Guid.NewGuid():N}", disputeType = "物业", peopleCount = people,
                    parties = new object[] { new { name = "王某", role = "applicant" }, new { name = "某物业公司", role = "respondent" } },
                }, Ct);
                created.EnsureSuccessStatusCode();
            }
        }

        using var api = await ApiAsAsync("commander");
        var received = (await api.GetFromJsonAsync<JsonElement>($"api/v1/disputes/analysis/{month}", Ct)).GetProperty("figures").GetProperty("totals").GetProperty("received").GetInt32();
        Assert.True(received >= 3);

        var page = await app.NewPageAsync();
        Directory.CreateDirectory("screenshots");
        await BrowserApp.LoginAsync(page, "commander");
        await page.GotoAsync($"/disputes/analysis/{month}");
        await BrowserApp.WaitForInteractiveAsync(page);
        var root = page.Locator("[data-testid='analysis-page']");
        await Assertions.Expect(root.Locator("[data-testid='af-received']")).ToHaveTextAsync(received.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(root.Locator("[data-testid='af-type']")).ToContainTextAsync("物业");
        await Assertions.Expect(root.Locator("[data-testid='af-hotspots']")).ToContainTextAsync("物业");
        await Assertions.Expect(root.Locator("[data-testid='af-key-cases']")).ToContainTextAsync("群体性");

        await root.Locator("#meeting-participants").FillAsync("街道综治办、矛调中心、各社区书记");
        await root.Locator("#meeting-conclusions").FillAsync("物业类纠纷本月明显上升，集中在老旧小区物业费调整。");
        await root.Locator("[data-testid='meeting-save']").ClickAsync();
        await Assertions.Expect(root.Locator("[data-testid='meeting-saved']")).ToContainTextAsync("第 1 版");

        // A measure with its owner unit and deadline (bad input is refused per field: the HTTP tests).
        await root.Locator("#measure-content").FillAsync("约谈相关物业公司，公开物业费调整依据");
        await root.Locator("#measure-owner").FillAsync("街道城建办");
        await BrowserApp.FillDateAsync(page, root.Locator("[data-testid='measure-deadline'] input"), DateTime.UtcNow.AddHours(8).AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await root.Locator("[data-testid='measure-add']").ClickAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "dispute-analysis-added.png"), FullPage = true });
        var row = root.Locator("[data-testid='measure-row']", new() { HasText = "约谈相关物业公司" });
        await Assertions.Expect(row.Locator("[data-testid='measure-status']")).ToContainTextAsync("落实中");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "dispute-analysis.png"), FullPage = true });

        await row.Locator("[data-testid='measure-done']").ClickAsync();
        await page.Locator("#measure-done-note").FillAsync("已约谈三家物业公司，公示调整依据");
        await page.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await Assertions.Expect(row.Locator("[data-testid='measure-status']")).ToContainTextAsync("已落实");

        await page.GotoAsync($"/disputes/analysis/{month}/print");
        var document = page.Locator("[data-testid='analysis-document']");
        await Assertions.Expect(document.Locator("[data-testid='af-received']")).ToHaveTextAsync(received.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(document.Locator("[data-testid='print-conclusions']")).ToContainTextAsync("物业类纠纷本月明显上升");
        await Assertions.Expect(document.Locator("[data-testid='print-measures']")).ToContainTextAsync("已约谈三家物业公司");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "dispute-analysis-print.png"), FullPage = true });
    }
}
