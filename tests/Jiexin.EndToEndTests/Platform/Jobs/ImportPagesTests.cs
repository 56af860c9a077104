using System.Text;
using Jiexin.Platform.Privacy;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace Jiexin.EndToEndTests.Platform.Jobs;

/// <summary>
/// The two import pages in Chromium, now that their jobs live in the database: the progress bar follows the job to
/// its end (12345 orders), and the people import shows its preview, takes the choice and finishes.
/// </summary>
public sealed class ImportPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_12345_page_follows_its_import_to_the_end()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.LoginAsync(page, "commander");
        await page.GotoAsync("/events/import");
        await BrowserApp.WaitForInteractiveAsync(page);

        var prefix = "E" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant() + "-";
        var csv = "工单编号,来电时间,诉求内容,地址\r\n"
            + string.Concat(Enumerable.Range(1, 3).Select(i => $"{prefix}{i},2026-11-28 09:30,第 {i} 号工单：小区门口路灯不亮,新庄路 88 号\r\n"));
        await page.Locator("input[data-testid='import-file']").SetInputFilesAsync(
            new FilePayload { Name = "orders.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.Locator("[data-testid='import-start']").ClickAsync();

        var progress = page.Locator("[data-testid='import-progress']");
        await Assertions.Expect(progress).ToHaveAttributeAsync("data-state", "Succeeded");
        await Assertions.Expect(progress).ToHaveAttributeAsync("data-percent", "100");
        await Assertions.Expect(page.Locator("[data-testid='import-message']")).ToContainTextAsync("已导入 3 条工单");
        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "import-events-done.png"), FullPage = true });
    }

    [Fact]
    public async Task The_people_page_shows_the_preview_takes_the_choice_and_finishes()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.LoginAsync(page, "commander");
        await page.GotoAsync("/registry/people/import");
        await BrowserApp.WaitForInteractiveAsync(page);

        var prefix = "页" + Guid.NewGuid().ToString("N")[..6];
        var good = NewIdNumber();
        var rows = new[] { (prefix + "甲", good), (prefix + "乙", (string?)null), (prefix + "丙", good[..17] + (good[17] == '0' ? "1" : "0")) }
            .Select(r => new Dictionary<string, object?> { ["姓名"] = r.Item1, ["身份证号"] = r.Item2, ["手机号"] = null, ["人口类型"] = null, ["标准地址"] = null })
            .ToList();
        using var file = new MemoryStream();
        file.SaveAs(rows, excelType: ExcelType.XLSX);
        await page.Locator("input[data-testid='people-import-file']").SetInputFilesAsync(new FilePayload
        {
            Name = "people.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = file.ToArray(),
        });
        await page.Locator("[data-testid='people-import-check']").ClickAsync();

        var progress = page.Locator("[data-testid='people-import-progress']");
        await Assertions.Expect(progress).ToHaveAttributeAsync("data-state", "Validated");
        await Assertions.Expect(progress).ToContainTextAsync("正确 2 行，有误 1 行");
        await Assertions.Expect(page.Locator("[data-testid='people-import-errors']")).ToContainTextAsync("身份证号");
        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "import-people-preview.png"), FullPage = true });

        await page.Locator("[data-testid='people-import-choose'] label", new() { HasText = "仅导入正确的行" }).ClickAsync();
        await page.Locator("[data-testid='people-import-commit']").ClickAsync();
        await Assertions.Expect(progress).ToHaveAttributeAsync("data-state", "Succeeded");
        await Assertions.Expect(page.Locator("[data-testid='people-import-message']")).ToContainTextAsync("已导入 2 人");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "import-people-done.png"), FullPage = true });
    }

    private static string NewIdNumber()
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(Random.Shared.Next(0, 365 * 50));
        var first17 = $"320282{birth:yyyyMMdd}{Random.Shared.Next(0, 1000):000}";
        return first17 + ChineseIdNumber.CheckCharacter(first17);
    }
}
