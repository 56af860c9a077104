using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.Disputes;

/// <summary>
/// 排查 on a 390×844 phone: the grid worker opens this week's round from 我的网格, reports "none found", then a risk
/// found later the same week — rated by the centre's rules on the spot.
/// </summary>
public sealed class ScreeningPhoneTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Grid_worker_reports_none_found_then_records_a_risk_on_a_phone()
    {
        var page = await app.NewPageAsync(390, 844);
        await page.GotoAsync("/account/login?returnUrl=%2Fm%2Fgrid");
        await page.Locator("#userName").FillAsync("grid01");
        await page.Locator("#password").FillAsync(BrowserApp.DemoPassword);
        await page.Locator("button[type='submit']").ClickAsync();
        await page.WaitForURLAsync("**/m/grid");

        await page.Locator("[data-testid='dispute-screening']").ClickAsync();
        await page.WaitForURLAsync("**/m/grid/screening");
        await Assertions.Expect(page.Locator("[data-testid='round-completion']")).ToHaveTextAsync("未排查");

        // 本周无矛盾纠纷隐患: one tap.
        await page.Locator("[data-testid='none-found']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='none-saved']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid='round-completion']")).ToHaveTextAsync("已排查（无隐患）");
        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "screening-none-found.png"), FullPage = true });

        // A risk found later in the week: a missing field is named next to it, then the risk is rated red.
        await page.Locator("#description").FillAsync("两户因宅基地边界争执多年，一方扬言要堵路");
        await page.Locator("[data-testid='risk-submit']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='parties-error']")).ToContainTextAsync("当事人");
        await page.Locator("#description").FillAsync("两户因宅基地边界争执多年，一方扬言要堵路");
        await page.Locator("#parties").FillAsync("王某与陈某两家");
        await page.Locator("#people").FillAsync("6");
        await page.Locator("#place").FillAsync("新塍村 5 组");
        await page.Locator("#type").SelectOptionAsync(new SelectOptionValue { Label = "房屋宅基地" });
        await page.Locator("[data-testid='vulnerable']").CheckAsync();
        await page.Locator("[data-testid='risk-submit']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='risk-saved']")).ToContainTextAsync("红色");
        await Assertions.Expect(page.Locator("[data-testid='round-completion']")).ToHaveTextAsync("已排查（发现隐患）");
        var item = page.Locator("[data-testid='risk-item']");
        await Assertions.Expect(item).ToHaveCountAsync(1);
        await Assertions.Expect(item).ToContainTextAsync("扬言");
        await Assertions.Expect(item).ToContainTextAsync("弱势群体");
        await Assertions.Expect(page.Locator("[data-testid='none-found']")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "screening-risk.png"), FullPage = true });
    }
}
