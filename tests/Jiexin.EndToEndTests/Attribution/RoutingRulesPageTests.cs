using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.Attribution;

/// <summary>
/// The Admin adds a street-wide routing rule on /admin/routing, opens the preview from there, and sees the text go to
/// the rule's department with the rule named and linked back to the routing page.
/// </summary>
public sealed class RoutingRulesPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Admin_adds_a_rule_and_the_preview_shows_it_matched()
    {
        var page = await app.NewPageAsync(1440, 1000);
        await BrowserApp.LoginAsync(page, "admin");
        await page.GotoAsync("/admin/routing");
        await BrowserApp.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid='routing-page']")).ToContainTextAsync("景湖物业"); // the demo rules

        var editor = page.Locator(".ant-modal-content").Filter(new() { HasText = "新增派单规则" });
        await BrowserApp.ClickUntilAsync(page.Locator(".jx-page-head .ant-btn-primary"), editor);

        // Nothing chosen: the messages sit under the fields and the dialog stays open.
        await editor.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await Assertions.Expect(editor.Locator("[data-testid='error-categoryCode']")).ToContainTextAsync("请选择类别");

        await SearchAndChooseAsync(page, editor.Locator("[data-testid='rule-category'] .ant-select"), "路灯不亮", "0201 市政设施 · 路灯不亮");
        await SearchAndChooseAsync(page, editor.Locator("[data-testid='rule-department'] .ant-select"), "住建", "住建（");
        await editor.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await Assertions.Expect(editor).Not.ToBeVisibleAsync();
        var row = page.Locator(".ant-table-row").Filter(new() { HasText = "路灯不亮" });
        await Assertions.Expect(row).ToContainTextAsync("全街道");
        await Assertions.Expect(row).ToContainTextAsync("住建");
        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "routing-rules.png"), FullPage = true });

        await page.Locator("[data-testid='preview-link']").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/attribution/preview", StringComparison.Ordinal));
        await BrowserApp.WaitForInteractiveAsync(page);
        await page.Locator("#ap-text").FillAsync("小区门口的路灯坏了好几天，晚上很黑");
        var matched = page.Locator("[data-testid='matched-rule']");
        await BrowserApp.ClickUntilAsync(page.Locator(".ap-actions .ant-btn-primary"), matched);
        await Assertions.Expect(page.Locator("[data-testid='department']")).ToContainTextAsync("住建");
        await Assertions.Expect(matched).ToContainTextAsync("0201");
        await Assertions.Expect(matched).ToContainTextAsync("全街道");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "attribution-preview-rule.png"), FullPage = true });

        await matched.Locator("[data-testid='matched-rule-link']").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/admin/routing?rule=", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".rr-highlight")).ToContainTextAsync("路灯不亮");
    }

    [Fact]
    public async Task Admin_edits_the_taxonomy_with_messages_by_the_fields_and_retrains_on_demand()
    {
        var page = await app.NewPageAsync(1440, 1000);
        await BrowserApp.LoginAsync(page, "admin");
        await page.GotoAsync("/admin/taxonomy");
        await BrowserApp.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid='taxonomy-page']")).ToContainTextAsync("路灯不亮");

        var editor = page.Locator(".ant-modal-content").Filter(new() { HasText = "编辑「路灯不亮」" });
        await BrowserApp.ClickUntilAsync(page.Locator("[data-testid='edit-0201']"), editor);
        await Assertions.Expect(editor.Locator("#tx-phrases")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("路灯"));
        // A late render of the opening dialog can put the old name back before the change reaches the circuit (seen once in CI).
        await BrowserApp.FillAndKeepAsync(editor.Locator("#tx-name"), "");
        await editor.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await Assertions.Expect(editor.Locator("[data-testid='error-name']")).ToContainTextAsync("请填写类别名称");
        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "taxonomy-edit.png") });
        await editor.Locator(".ant-modal-footer .ant-btn:not(.ant-btn-primary)").ClickAsync();
        await Assertions.Expect(editor).Not.ToBeVisibleAsync();

        await page.GotoAsync("/admin/attribution-model");
        await BrowserApp.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid='current-model']")).ToContainTextAsync("first-level");
        var status = page.Locator("[data-testid='latest-status']");
        await BrowserApp.ClickUntilAsync(page.Locator(".jx-page-head .ant-btn-primary"), status);
        await Assertions.Expect(status).ToContainTextAsync("历史不足"); // a fresh demo has no confirmed history
        await Assertions.Expect(page.Locator("[data-testid='latest-run']")).ToContainTextAsync("少于设定的 300 条");
        // It stopped after collecting history: only that step is done, training and scoring never happened.
        await Assertions.Expect(page.Locator("[data-testid='latest-run'] .ant-steps-item-finish")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid='latest-run'] .ant-steps-item-wait")).ToHaveCountAsync(3);
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "attribution-model.png"), FullPage = true });

        // A double click, and a third click a moment later, start one run, not two (nor one and a "busy" refusal).
        // A run without history ends in milliseconds, so the button is enabled again before the later clicks arrive.
        var runs = page.Locator(".ant-table-row");
        var before = await runs.CountAsync();
        await Assertions.Expect(page.Locator(".ant-message-notice")).ToHaveCountAsync(0, new() { Timeout = 15000 });
        var start = page.Locator(".jx-page-head .ant-btn-primary");
        await start.DblClickAsync();
        await page.WaitForTimeoutAsync(400);
        await start.ClickAsync(new() { Force = true });
        await Assertions.Expect(runs).ToHaveCountAsync(before + 1);
        await Assertions.Expect(page.Locator(".ant-message-notice").Filter(new() { HasText = "已开始重新训练" })).ToHaveCountAsync(1);
        await page.WaitForTimeoutAsync(1500); // a second click's answer, had it been sent, would have come by now
        await Assertions.Expect(runs).ToHaveCountAsync(before + 1);
        await Assertions.Expect(page.Locator(".ant-message-notice")).ToHaveCountAsync(1);
    }

    /// <summary>Long option lists: type into the select's search box first, then pick.</summary>
    private static async Task SearchAndChooseAsync(IPage page, ILocator select, string search, string optionText)
    {
        await select.ClickAsync();
        await select.Locator("input").FillAsync(search);
        await BrowserApp.ChooseAsync(page, select, optionText);
        // Let the dropdown finish closing before the next select opens (two animating dropdowns confuse the helper).
        await Assertions.Expect(page.Locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)")).ToHaveCountAsync(0);
    }
}
