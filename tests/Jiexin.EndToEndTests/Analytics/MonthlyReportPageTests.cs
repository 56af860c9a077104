using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.Analytics;

/// <summary>
/// 月度研判报告 in Chromium: with a few events of the month, the commander opens this month's report, sees the figures,
/// types the commentary and saves it, opens the A4 print view and finds the same figures and the commentary, then
/// finalises it (定稿) and sees it read-only.
/// </summary>
public sealed class MonthlyReportPageTests(BrowserApp app) : IClassFixture<BrowserApp>
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

    /// <summary>Three residents' reports in the first grid; returns the month's intake as the API reports it.</summary>
    private async Task<long> SeedAsync(string month)
    {
        using var commander = await ApiAsAsync("commander");
        using var resident = await ApiAsAsync("resident01");
        var feature = JsonNode.Parse(await commander.GetStringAsync("api/v1/territory/grids", Ct))!["features"]!.AsArray()[0]!;
        var geometry = feature["geometry"]!;
        var ring = ((string?)geometry["type"] == "MultiPolygon" ? geometry["coordinates"]![0]![0] : geometry["coordinates"]![0])!.AsArray();
        var points = ring.Take(ring.Count - 1).Select(p => (Lng: (double)p![0]!, Lat: (double)p[1]!)).ToList();
        foreach (var text in new[] { "小区门口占道经营严重", "楼下路灯坏了好几天", "绿化带垃圾堆积" })
        {
            var reported = await resident.PostAsJsonAsync("api/v1/events",
                new { description = $"{text} {Guid.NewGuid():N}", latitude = points.Average(p => p.Lat), longitude = points.Average(p => p.Lng) }, Ct);
            reported.EnsureSuccessStatusCode();
        }

        var report = await commander.GetFromJsonAsync<JsonElement>($"api/v1/analytics/reports/{month}", Ct);
        return report.GetProperty("figures").GetProperty("intake").GetInt64();
    }

    [Fact]
    public async Task The_commander_writes_the_commentary_and_prints_the_report()
    {
        var page = await app.NewPageAsync();
        var month = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var intake = await SeedAsync(month);
        Assert.True(intake >= 3);

        Directory.CreateDirectory("screenshots");
        await BrowserApp.LoginAsync(page, "commander");
        await page.GotoAsync("/analytics/reports");
        await BrowserApp.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator($"[data-testid='report-row-{month}']")).ToContainTextAsync("草稿");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "monthly-reports.png"), FullPage = true });

        await page.GotoAsync($"/analytics/reports/{month}");
        await BrowserApp.WaitForInteractiveAsync(page);
        var root = page.Locator("[data-testid='report-page']");
        await Assertions.Expect(root.Locator("[data-testid='fig-intake']")).ToHaveTextAsync(intake.ToString(CultureInfo.InvariantCulture));
        await root.Locator("#c-overallSituation").FillAsync("本月事件总体平稳，占道经营有所反弹。");
        await root.Locator("#c-nextSteps").FillAsync("加强夜间巡查，联合城管集中整治。");
        // One click: each click saves (a second would make version 2).
        await root.Locator("[data-testid='report-save']").ClickAsync();
        await Assertions.Expect(root.Locator("[data-testid='report-saved']")).ToContainTextAsync("第 1 版");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "monthly-report.png"), FullPage = true });

        await page.GotoAsync($"/analytics/reports/{month}/print");
        var document = page.Locator("[data-testid='report-document']");
        await Assertions.Expect(document.Locator("[data-testid='fig-intake']")).ToHaveTextAsync(intake.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(document.Locator("[data-testid='print-overallSituation']")).ToContainTextAsync("本月事件总体平稳，占道经营有所反弹。");
        await Assertions.Expect(document.Locator("[data-testid='print-nextSteps']")).ToContainTextAsync("加强夜间巡查");
        await Assertions.Expect(document).ToContainTextAsync("审核人");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "monthly-report-print.png"), FullPage = true });

        // 定稿 after the confirmation: the commentary becomes read-only text and the report says it is final.
        await page.GotoAsync($"/analytics/reports/{month}");
        await BrowserApp.WaitForInteractiveAsync(page);
        // The confirmation can be clicked while it is still fading in, or out again after a second click on 定稿 reopened
        // and closed it: then nothing is saved (seen: the report still at version 1, no message). Ask again, as a user would.
        var confirm = page.Locator(".ant-popover:not(.ant-popover-hidden) .ant-btn-primary");
        for (var attempt = 0; attempt < 3 && !(await root.Locator("[data-testid='report-status']").InnerTextAsync()).Contains("已定稿"); attempt++)
        {
            await BrowserApp.ClickUntilAsync(root.Locator("[data-testid='report-finalise']"), confirm);
            await confirm.ClickAsync();
            try
            {
                await Assertions.Expect(root.Locator("[data-testid='report-status']")).ToContainTextAsync("已定稿", new() { Timeout = 8000 });
            }
            catch (PlaywrightException) when (attempt < 2)
            {
            }
        }

        await Assertions.Expect(root.Locator("[data-testid='report-status']")).ToContainTextAsync("已定稿");
        await Assertions.Expect(root.Locator("[data-testid='text-overallSituation']")).ToHaveTextAsync("本月事件总体平稳，占道经营有所反弹。");
        await Assertions.Expect(root.Locator("[data-testid='report-stamp']")).ToContainTextAsync("定稿");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "monthly-report-final.png"), FullPage = true });
    }
}
