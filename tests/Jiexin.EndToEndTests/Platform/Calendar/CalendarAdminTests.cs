using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.Platform.Calendar;

/// <summary>The Admin keeps the working calendar in the browser: sees a year, marks a make-up Saturday, checks a deadline.</summary>
public sealed class CalendarAdminTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Admin_marks_a_make_up_Saturday_and_the_deadline_check_counts_it()
    {
        var page = await app.NewPageAsync(1440, 1300);
        await BrowserApp.LoginAsync(page, "admin");

        await page.GotoAsync("/admin/calendar?year=2025");
        await BrowserApp.WaitForInteractiveAsync(page);
        var grid = page.Locator("[data-testid='calendar-grid']");
        await Assertions.Expect(grid.Locator("[data-date='2025-10-01']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("jx-cal-holiday"));
        await Assertions.Expect(grid.Locator("[data-date='2025-10-01']")).ToContainTextAsync("国庆节");
        await Assertions.Expect(grid.Locator("[data-date='2025-09-28']")).ToContainTextAsync("班");
        await Assertions.Expect(page.Locator(".ant-menu-root").First).ToContainTextAsync("工作日历");

        // A plain Saturday: the editor opens with 调休上班 already chosen.
        var dialog = page.Locator(".ant-modal-content");
        await BrowserApp.ClickUntilAsync(grid.Locator("[data-date='2025-03-15']"), dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("新增特殊日期");
        await Assertions.Expect(dialog.Locator(".ant-radio-button-wrapper-checked")).ToContainTextAsync("调休上班");
        await dialog.Locator("input[maxlength='32']").FillAsync("测试调休");
        await dialog.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();

        await Assertions.Expect(grid.Locator("[data-date='2025-03-15']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("jx-cal-makeup"));
        await Assertions.Expect(page.Locator("[data-testid='calendar-days-table']")).ToContainTextAsync("测试调休");

        // 期限试算: Friday 14 March 16:00 + 1 working day is now that Saturday.
        var calculator = page.Locator("[data-testid='deadline-calculator']");
        var from = calculator.Locator(".ant-picker input").First;
        await BrowserApp.FillDateAsync(page, from, "2025-03-14 16:00");
        await calculator.Locator("button.ant-btn-primary").ClickAsync();
        await Assertions.Expect(calculator.Locator("[data-testid='deadline-result']")).ToContainTextAsync("2025-03-15 16:00 周六");

        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "calendar-admin.png"), FullPage = true });

        // A provisional year says so and offers the confirmation.
        await page.GotoAsync("/admin/calendar?year=2027");
        await Assertions.Expect(page.Locator("[data-testid='provisional-alert']")).ToContainTextAsync("暂定");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "calendar-admin-2027.png") });
    }
}
