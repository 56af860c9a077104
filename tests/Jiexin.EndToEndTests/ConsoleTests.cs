using Microsoft.Playwright;

namespace Jiexin.EndToEndTests;

/// <summary>What a commander sees first: the console in Chinese with the grid map drawn.</summary>
public sealed class ConsoleTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Commander_logs_in_and_sees_the_console_in_Chinese_with_the_grid_map()
    {
        var page = await app.NewPageAsync();

        await page.GotoAsync("/");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);

        await BrowserApp.LoginAsync(page, "commander");

        Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
        await Assertions.Expect(page.Locator(".ant-menu-root").First).ToContainTextAsync("指挥中心");
        await Assertions.Expect(page.Locator("[data-testid='org-unit']")).ToContainTextAsync("新庄街道");
        await Assertions.Expect(page.Locator("[data-testid='demo-tag']")).ToBeVisibleAsync();

        // The map is an ECharts canvas inside the grid-map element; it must have drawn something.
        var canvas = page.Locator("[data-testid='grid-map'] canvas").First;
        await Assertions.Expect(canvas).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var drawn = await page.WaitForFunctionAsync(
            """
            () => {
              const c = document.querySelector("[data-testid='grid-map'] canvas");
              if (!c || c.width < 200 || c.height < 200) return false;
              const ctx = c.getContext('2d');
              const d = ctx.getImageData(0, 0, c.width, c.height).data;
              let coloured = 0;
              for (let i = 0; i < d.length; i += 16) { if (d[i + 3] > 0 && !(d[i] > 245 && d[i + 1] > 245 && d[i + 2] > 245)) coloured++; }
              return coloured > 2000;
            }
            """, null, new() { Timeout = 15_000 });
        Assert.True(await drawn.JsonValueAsync<bool>());

        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "console-commander.png") });
    }

    [Fact]
    public async Task On_a_phone_the_menu_folds_to_a_tab_opens_over_the_page_and_closes_when_a_page_is_picked()
    {
        var page = await app.NewPageAsync(390, 844);
        await BrowserApp.LoginAsync(page, "commander");
        await page.GotoAsync("/events");
        await BrowserApp.WaitForInteractiveAsync(page);

        // Folded: the page has the whole width, its title on one line, and nothing runs off to the right.
        var sider = page.Locator(".ant-layout-sider");
        await Assertions.Expect(sider).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("ant-layout-sider-collapsed"));
        await SiderWidthAsync(page, "w => w < 1"); // the folded menu takes no width (after Ant Design's 0.2 s slide)
        var title = (await page.Locator(".jx-page-head h1").BoundingBoxAsync())!;
        Assert.True(title.Width > 300 && title.Height < 40, $"title {title.Width}×{title.Height}");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, "the page is wider than the phone");
        await Assertions.Expect(page.Locator("[data-testid='org-unit']")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".jx-header button[type='submit']")).ToBeVisibleAsync(); // 退出 stays

        // The tab opens the menu over the page (the page is not pushed aside); picking a page folds it again.
        await page.Locator(".ant-layout-sider-zero-width-trigger").ClickAsync();
        await Assertions.Expect(sider).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("ant-layout-sider-collapsed"));
        await SiderWidthAsync(page, "w => w > 219");
        Assert.True((await page.Locator(".jx-content").BoundingBoxAsync())!.X < 20, "the open menu pushed the page aside");
        await page.Locator(".ant-menu-root").GetByText("指挥中心").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/events", StringComparison.Ordinal));
        await Assertions.Expect(sider).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("ant-layout-sider-collapsed"));

        // On a desktop the menu stays open beside the page.
        var desk = await app.NewPageAsync();
        await BrowserApp.LoginAsync(desk, "commander");
        await desk.GotoAsync("/events");
        await BrowserApp.WaitForInteractiveAsync(desk);
        await SiderWidthAsync(desk, "w => w > 219");
        Assert.True((await desk.Locator(".jx-content").BoundingBoxAsync())!.X > 220);
        await Assertions.Expect(desk.Locator("[data-testid='org-unit']")).ToBeVisibleAsync();
    }

    private static Task SiderWidthAsync(IPage page, string test) =>
        page.WaitForFunctionAsync($"() => ({test})(document.querySelector('.ant-layout-sider').getBoundingClientRect().width)", null, new() { Timeout = 10_000 });

    [Fact]
    public async Task Wrong_password_shows_one_generic_message_in_Chinese()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.Locator("#userName").FillAsync("commander");
        await page.Locator("#password").FillAsync("not-the-password");
        await page.Locator("button[type='submit']").ClickAsync();

        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("用户名或密码错误");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_page_shows_a_Chinese_not_found_page()
    {
        var page = await app.NewPageAsync();
        var response = await page.GotoAsync("/no-such-page");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("页面不存在");
    }
}
