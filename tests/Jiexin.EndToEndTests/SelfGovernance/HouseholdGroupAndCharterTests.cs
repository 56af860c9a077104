using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.SelfGovernance;

/// <summary>
/// 联户创建 and 居民自治章程 in Chromium: community staff create a group, add households (kept in address order), give
/// it a task and close it, record an activity; draft the charter, discuss it, record a vote that adopts it, and a
/// resident reads the adopted text on the phone page.
/// </summary>
public sealed class HouseholdGroupAndCharterTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static async Task TypeAsync(ILocator input, string text)
    {
        await input.FillAsync(text);
        await input.PressAsync("Tab"); // Ant inputs bind on change: leave the field so the circuit has the value
        await Assertions.Expect(input).ToHaveValueAsync(text);
    }

    [Fact]
    public async Task Staff_create_a_household_group_with_households_in_address_order_a_task_and_an_activity()
    {
        var name = $"景湖苑第3联组-{Guid.NewGuid().ToString("N")[..6]}";
        Directory.CreateDirectory("screenshots");
        var page = await app.NewPageAsync();
        await BrowserApp.LoginAsync(page, "community01");
        await page.GotoAsync("/household-groups");
        await BrowserApp.WaitForInteractiveAsync(page);
        await BrowserApp.ClickUntilAsync(page.Locator("[data-testid='new-group'] button"), page.Locator("[data-testid='group-name'] input"));
        await TypeAsync(page.Locator("[data-testid='group-name'] input"), name);
        await TypeAsync(page.Locator("[data-testid='group-leader'] input"), "联户长张");
        await TypeAsync(page.Locator("[data-testid='group-addresses'] textarea"), "景湖苑 12 幢\n景湖苑 3 幢");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "household-group-new.png") });
        await page.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/household-groups/", StringComparison.Ordinal));
        await BrowserApp.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid='household-group'] h1")).ToHaveTextAsync(name);

        // Households typed out of order come back ordered by address (3 幢 before 12 幢, 201 before 1001).
        var address = page.Locator("[data-testid='household-address'] input");
        var rows = page.Locator("[data-testid='households'] tbody tr:not(.ant-table-placeholder)");
        var added = 0;
        foreach (var a in new[] { "景湖苑 12 幢 101", "景湖苑 3 幢 1001", "景湖苑 3 幢 201" })
        {
            await TypeAsync(address, a);
            await page.Locator("[data-testid='household-add'] button").ClickAsync();
            await Assertions.Expect(rows).ToHaveCountAsync(++added);
        }

        Assert.Equal(["景湖苑 3 幢 201", "景湖苑 3 幢 1001", "景湖苑 12 幢 101"], (await rows.Locator("td:first-child").AllInnerTextsAsync()).Select(t => t.Trim()));

        // A task, closed with its outcome; an activity record.
        await TypeAsync(page.Locator("[data-testid='task-title'] input"), "每周巡查楼道消防通道");
        await page.Locator("[data-testid='task-due'] input").FillAsync("2026-12-31");
        await page.Locator("[data-testid='task-add'] button").ClickAsync();
        var task = page.Locator("[data-testid='group-tasks'] tr", new() { HasText = "每周巡查楼道消防通道" });
        await Assertions.Expect(task).ToContainTextAsync("办理中");
        await TypeAsync(task.Locator("[data-testid='task-outcome'] input"), "已清理 3 处堆物");
        await task.Locator("[data-testid='task-close'] button").ClickAsync();
        await Assertions.Expect(task).ToContainTextAsync("已办结");
        await Assertions.Expect(task).ToContainTextAsync("已清理 3 处堆物");

        await page.Locator("[data-testid='activity-date'] input").FillAsync("2026-11-20");
        await TypeAsync(page.Locator("[data-testid='activity-title'] input"), "邻里互助议事");
        await TypeAsync(page.Locator("[data-testid='activity-people'] input"), "12");
        await page.Locator("[data-testid='activity-add'] button").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='group-activities'] tr", new() { HasText = "邻里互助议事" })).ToContainTextAsync("12");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "household-group.png"), FullPage = true });

        await page.GotoAsync("/household-groups");
        await BrowserApp.WaitForInteractiveAsync(page);
        var listed = page.Locator("[data-testid='groups-table'] tr", new() { HasText = name });
        await Assertions.Expect(listed).ToContainTextAsync("2026-11-20");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "household-groups.png"), FullPage = true });
    }

    [Fact]
    public async Task Staff_draft_discuss_and_adopt_the_charter_by_vote_and_a_resident_reads_it()
    {
        var text = $"第一条 本社区居民共同遵守本章程。\n第二条 文明养犬，出门牵绳。（{Guid.NewGuid().ToString("N")[..6]}）";
        Directory.CreateDirectory("screenshots");
        var page = await app.NewPageAsync();
        await BrowserApp.LoginAsync(page, "community01");
        await page.GotoAsync("/charter");
        await BrowserApp.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid='charter-draft']")).ToBeVisibleAsync();
        await TypeAsync(page.Locator("[data-testid='draft-text'] textarea"), text);
        await TypeAsync(page.Locator("[data-testid='draft-rationale'] textarea"), "首次制定");
        await page.Locator("[data-testid='draft-submit'] button").ClickAsync();
        var amendment = page.Locator("[data-testid='amendment']").Last;
        await Assertions.Expect(amendment).ToHaveAttributeAsync("data-status", "Proposed");

        await TypeAsync(amendment.Locator("[data-testid='amend-note'] input"), "居民代表会议第一次讨论");
        await amendment.Locator("[data-testid='amend-OpenDiscussion'] button").ClickAsync();
        await Assertions.Expect(amendment).ToHaveAttributeAsync("data-status", "Discussing");
        await Assertions.Expect(amendment).ToContainTextAsync("居民代表会议第一次讨论");

        // 28 of 30 voted (two thirds and more), 25 for: adopted as version 1.
        foreach (var (field, value) in new[] { ("eligible", "30"), ("for", "25"), ("against", "2"), ("abstain", "1") })
        {
            await TypeAsync(amendment.Locator($"[data-testid='vote-{field}'] input"), value);
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "charter-vote.png"), FullPage = true });
        await amendment.Locator("[data-testid='amend-RecordVote'] button").ClickAsync();
        await Assertions.Expect(amendment).ToHaveAttributeAsync("data-status", "Adopted");
        await Assertions.Expect(page.Locator("[data-testid='current-text']")).ToContainTextAsync("文明养犬，出门牵绳");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "charter.png"), FullPage = true });

        // A resident, without signing in, reads the adopted text of their community.
        var phone = await app.NewPageAsync(390, 844);
        await phone.GotoAsync("/m/charter");
        await phone.Locator("#community").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await phone.Locator("[data-testid='community-form'] button").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid='charter-text']")).ToContainTextAsync("文明养犬，出门牵绳");
        await Assertions.Expect(phone.Locator("[data-testid='charter-version']")).ToContainTextAsync("第 1 版");
        await phone.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "resident-charter.png"), FullPage = true });
    }
}
