using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.Open311;

/// <summary>The Admin issues an Open311 key in the browser, sees it once, a partner uses it, the Admin revokes it.</summary>
public sealed partial class ApiKeysPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Admin_issues_a_key_shown_once_and_revokes_it()
    {
        var page = await app.NewPageAsync(1440, 1000);
        await BrowserApp.LoginAsync(page, "admin");
        await page.GotoAsync("/admin/open311-keys");
        await BrowserApp.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator(".ant-menu-root").First).ToContainTextAsync("Open311 接口密钥");

        var createDialog = page.Locator(".ant-modal-content").Filter(new() { HasText = "签发 Open311 密钥" });
        await BrowserApp.ClickUntilAsync(page.Locator("[data-testid='create-key'] button"), createDialog);

        // No name: the error sits next to the field and the dialog stays.
        await createDialog.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await Assertions.Expect(createDialog).ToContainTextAsync("请填写使用方名称");

        await createDialog.Locator("[data-testid='key-name']").FillAsync("浏览器测试平台");
        await createDialog.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();

        var shown = page.Locator("[data-testid='new-key']");
        await Assertions.Expect(shown).ToHaveTextAsync(KeyPattern());
        var key = (await shown.TextContentAsync())!.Trim();
        await Assertions.Expect(page.Locator(".ant-modal-content").Filter(new() { HasText = "密钥已签发" })).ToContainTextAsync("只显示这一次");
        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "open311-key-issued.png") });

        await page.Locator(".ant-modal-content").Filter(new() { HasText = "密钥已签发" }).Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await Assertions.Expect(shown).Not.ToBeVisibleAsync();

        var row = page.Locator("[data-testid='keys-table'] tr").Filter(new() { HasText = "浏览器测试平台" });
        await Assertions.Expect(row).ToContainTextAsync(key[..12]);
        await Assertions.Expect(row.Locator("[data-testid='key-status']")).ToContainTextAsync("有效");
        await Assertions.Expect(page.Locator("[data-testid='keys-table']")).Not.ToContainTextAsync(key);

        // A partner reports with it.
        var post = await page.APIRequest.PostAsync("/open311/v2/requests.json", new()
        {
            Form = Form(page, key),
        });
        Assert.Equal(200, post.Status);

        await row.Locator("button.ant-btn-dangerous").ClickAsync();
        await page.Locator(".ant-popover .ant-btn-dangerous").ClickAsync();
        await Assertions.Expect(row.Locator("[data-testid='key-status']")).ToContainTextAsync("已吊销");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "open311-keys.png"), FullPage = true });

        var refused = await page.APIRequest.PostAsync("/open311/v2/requests.json", new() { Form = Form(page, key) });
        Assert.Equal(403, refused.Status);
    }

    private static IFormData Form(IPage page, string key)
    {
        var form = page.APIRequest.CreateFormData();
        form.Set("api_key", key);
        form.Set("service_code", "0201");
        form.Set("address_string", "新庄街道 振新路 1 号");
        form.Set("description", "浏览器测试：路灯不亮");
        return form;
    }

    [GeneratedRegex("^o311_[A-Za-z0-9_-]{43}$")]
    private static partial Regex KeyPattern();
}
