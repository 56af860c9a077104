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
