using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.ServiceLists;

/// <summary>A resident raises a need on the H5 page; community staff close it on the console (销号); the resident sees it done.</summary>
public sealed class ResidentNeedTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Resident_submits_a_need_staff_close_it_and_the_resident_sees_it_closed()
    {
        var title = $"楼里老人想学用智能手机 {Guid.NewGuid().ToString("N")[..6]}";
        Directory.CreateDirectory("screenshots");

        // The resident, on a phone-sized screen.
        var phone = await app.NewPageAsync(390, 844);
        await BrowserApp.LoginAsync(phone, "resident01");
        await phone.GotoAsync("/m/needs/new");
        var form = phone.Locator("[data-testid='need-form']");
        await form.Locator("button[type='submit']").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid='title-error']")).ToBeVisibleAsync();
        await phone.Locator("#title").FillAsync(title);
        await phone.Locator("#category").SelectOptionAsync("文体活动");
        await phone.Locator("#community").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await phone.Locator("#description").FillAsync("希望每周有志愿者教一次");
        // Each message went once its field was put right; the form does not go on saying the title is missing.
        foreach (var field in new[] { "title", "category", "community" })
        {
            await Assertions.Expect(phone.Locator($"[data-testid='{field}-error']")).ToBeHiddenAsync();
        }

        await phone.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "need-new.png"), FullPage = true });
        await form.Locator("button[type='submit']").ClickAsync();
        await phone.WaitForURLAsync(url => url.Contains("/m/needs?submitted=1", StringComparison.Ordinal));
        var mine = phone.Locator("[data-testid='my-need']", new() { HasText = title });
        await Assertions.Expect(mine.Locator("[data-testid='my-need-status']")).ToHaveTextAsync("办理中");

        // Community staff (the first community) close it on the console with evidence.
        var console = await app.NewPageAsync();
        await BrowserApp.LoginAsync(console, "community01");
        await console.GotoAsync("/lists");
        await BrowserApp.WaitForInteractiveAsync(console);
        var link = console.Locator("[data-testid='lists-table'] a", new() { HasText = title });
        await Assertions.Expect(link).ToBeVisibleAsync();
        await console.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "lists.png"), FullPage = true });
        await link.ClickAsync();
        await console.WaitForURLAsync(url => url.Contains("/lists/items/", StringComparison.Ordinal));
        await BrowserApp.WaitForInteractiveAsync(console);
        await console.Locator("[data-testid='close-form'] textarea").FillAsync("12 月 2 日社区志愿者开课，6 位老人参加");
        await console.Locator("[data-testid='close-button'] button").ClickAsync();
        await Assertions.Expect(console.Locator("[data-testid='item-status']")).ToHaveTextAsync("已销号");
        await Assertions.Expect(console.Locator("[data-testid='item-timeline']")).ToContainTextAsync("销号");
        await Assertions.Expect(console.Locator("[data-testid='item-evidence']")).ToHaveTextAsync("12 月 2 日社区志愿者开课，6 位老人参加");
        await console.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "list-item-closed.png"), FullPage = true });

        // Later, the resident sees it done, with what was done.
        await phone.GotoAsync("/m/needs");
        mine = phone.Locator("[data-testid='my-need']", new() { HasText = title });
        await Assertions.Expect(mine.Locator("[data-testid='my-need-status']")).ToHaveTextAsync("已办结");
        await Assertions.Expect(mine.Locator("[data-testid='my-need-evidence']")).ToContainTextAsync("6 位老人参加");
        await phone.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "my-needs.png"), FullPage = true });
    }
}

/// <summary>三级书记项目 in Chromium: the street creates a project on the tree page, adds a milestone, marks it done.</summary>
public sealed class SecretaryProjectPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Street_creates_a_project_adds_a_milestone_and_marks_it_done()
    {
        var title = $"红色物业联盟 {Guid.NewGuid().ToString("N")[..6]}";
        Directory.CreateDirectory("screenshots");
        var page = await app.NewPageAsync();
        await BrowserApp.LoginAsync(page, "commander");
        await page.GotoAsync("/secretary-projects");
        await BrowserApp.WaitForInteractiveAsync(page);
        await BrowserApp.ClickUntilAsync(page.Locator("[data-testid='project-new'] button"), page.Locator("[data-testid='project-form']"));
        await page.Locator("[data-testid='project-title'] input").FillAsync(title);
        await page.Locator("[data-testid='project-secretary'] input").FillAsync("周书记");
        await page.Locator("[data-testid='project-goals'] textarea").FillAsync("物业、业委会、社区三方联动，年内解决 20 件物业难题");
        await page.Locator("[data-testid='project-save'] button").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/secretary-projects/", StringComparison.Ordinal));
        await BrowserApp.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid='project-page'] h1")).ToHaveTextAsync(title);

        await page.Locator("[data-testid='milestone-due'] input").FillAsync("2026-12-15");
        var milestone = page.Locator("[data-testid='milestone-title'] input");
        await milestone.FillAsync("签订联盟公约");
        await milestone.PressAsync("Tab"); // Ant Input binds on change: leave the field so the circuit has the value
        await Assertions.Expect(milestone).ToHaveValueAsync("签订联盟公约");
        await page.Locator("[data-testid='milestone-add'] button").ClickAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "secretary-project-milestone.png"), FullPage = true });
        await Assertions.Expect(page.Locator("[data-testid='milestones']")).ToContainTextAsync("签订联盟公约");
        await Assertions.Expect(page.Locator("[data-testid='project-progress']")).ToHaveAttributeAsync("data-progress", "0");
        await page.Locator("[data-testid='milestone-done'] button").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='project-progress']")).ToHaveAttributeAsync("data-progress", "100");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "secretary-project.png"), FullPage = true });

        await page.GotoAsync("/secretary-projects");
        await BrowserApp.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid='project-row']", new() { HasText = title })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "secretary-projects.png"), FullPage = true });
    }
}
