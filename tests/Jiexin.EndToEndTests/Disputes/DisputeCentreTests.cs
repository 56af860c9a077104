using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.Disputes;

/// <summary>The dispute centre in Chromium: front-desk intake → 全科 triage → acceptance → agreement → the A4 print view.</summary>
public sealed partial class DisputeCentreTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Mediator_registers_triages_reaches_an_agreement_and_opens_the_print_view()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.LoginAsync(page, "mediator01");
        await page.GotoAsync("/disputes/new");
        await BrowserApp.WaitForInteractiveAsync(page);
        Directory.CreateDirectory("screenshots");

        var form = page.Locator("[data-testid='dispute-intake']");
        await BrowserApp.ChooseAsync(page, form.Locator("[data-testid='type-field'] .ant-select"), "邻里");
        await page.Locator("#d-description").FillAsync("楼上卫生间漏水导致楼下吊顶损坏，协商赔偿未果");
        await page.Locator(".party-name-0").FillAsync("王建国");
        await page.Locator(".party-name-1").FillAsync("赵志强");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "dispute-intake.png"), FullPage = true });
        await page.Locator(".dispute-submit").ClickAsync();

        await page.WaitForURLAsync(DisputeUrl());
        var detail = page.Locator("[data-testid='dispute-detail']");
        await Assertions.Expect(detail).ToContainTextAsync("楼上卫生间漏水");
        await Assertions.Expect(page.Locator("[data-testid='dispute-status']")).ToHaveAttributeAsync("data-status", "Received");
        var disputeUrl = page.Url;

        // 全科: the front-desk mediator takes the case themself.
        await page.Locator("[data-testid='action-Route'] button").ClickAsync();
        var dialog = page.Locator("[data-testid='action-dialog']");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "dispute-route.png"), FullPage = true });
        await BrowserApp.ChooseAsync(page, dialog.Locator("[data-testid='receiver-select'] .ant-select"), "矛调中心调解员");
        await page.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='dispute-status']")).ToHaveAttributeAsync("data-status", "Routed");
        await Assertions.Expect(page.Locator("[data-testid='receiver']")).ToHaveTextAsync("矛调中心调解员");

        // A quick clerk clicks the next action while the last dialog is still fading out (AntDesign hides a
        // closed Modal after ~450 ms of delays); the new dialog must open and stay open.
        await page.WaitForTimeoutAsync(150);
        await page.Locator("[data-testid='action-Accept'] button").ClickAsync();
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(800);
        await Assertions.Expect(dialog).ToBeVisibleAsync(new() { Timeout = 1 });
        await page.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='dispute-status']")).ToHaveAttributeAsync("data-status", "Mediating");

        await page.Locator("[data-testid='action-Agree'] button").ClickAsync();
        await Assertions.Expect(dialog.Locator(".agreement-terms")).ToBeVisibleAsync();
        await BrowserApp.FillAndKeepAsync(page.Locator(".agreement-terms"), "赵志强于 2026 年 12 月 10 日前赔偿王建国吊顶维修费人民币 3000 元。\n王建国收款后不再就此事主张其他费用。");
        await page.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='dispute-status']")).ToHaveAttributeAsync("data-status", "Signing");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "dispute-detail.png"), FullPage = true });

        await page.GotoAsync(disputeUrl + "/agreement");
        var document = page.Locator("[data-testid='agreement-document']");
        await Assertions.Expect(document).ToBeVisibleAsync();
        await Assertions.Expect(document.Locator("h1")).ToHaveTextAsync("人民调解协议书");
        await Assertions.Expect(document.Locator("[data-testid='agreement-terms'] li")).ToHaveCountAsync(2);
        await Assertions.Expect(document).ToContainTextAsync("赔偿王建国吊顶维修费人民币 3000 元");
        await Assertions.Expect(document).ToContainTextAsync("申请人（签名、盖章或按指印）");
        await Assertions.Expect(document).ToContainTextAsync("被申请人（签名、盖章或按指印）");
        await Assertions.Expect(document).ToContainTextAsync("人民调解员（签名）");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "dispute-agreement.png"), FullPage = true });

        // Printed, the console chrome and the toolbar disappear and the sheet is A4.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator(".toolbar")).ToBeHiddenAsync();
        await Assertions.Expect(document).ToBeVisibleAsync();
        var pdf = await page.PdfAsync(new() { Format = "A4", PreferCSSPageSize = true });
        Assert.True(pdf.Length > 1000);

        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await page.GotoAsync("/disputes");
        await BrowserApp.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid='disputes-queue']")).ToContainTextAsync("楼上卫生间漏水");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "dispute-queue.png"), FullPage = true });
    }

    [GeneratedRegex("/disputes/[0-9a-f-]{36}$")]
    private static partial Regex DisputeUrl();
}
