using System.Text.Json;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests;

/// <summary>
/// Several departments on one event from the detail page: the commander summons two departments and issues a 督办
/// notice; a summoned department checks in (报到) and answers the notice.
/// </summary>
public sealed class WhistleCheckInTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Commander_summons_two_departments_and_supervises_then_a_department_checks_in_and_answers()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.LoginAsync(page, "commander");
        var grids = JsonDocument.Parse(await (await page.APIRequest.GetAsync("/api/v1/territory/grids")).TextAsync()).RootElement;
        var feature = grids.GetProperty("features").EnumerateArray().First(f => f.GetProperty("properties").GetProperty("code").GetString() == "XC-01");
        var ring = feature.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().SkipLast(1).ToList();
        var created = await page.APIRequest.PostAsync("/api/v1/events", new()
        {
            DataObject = new { description = "老旧小区外墙空鼓脱落，楼下违建棚屋被砸", latitude = ring.Average(p => p[1].GetDouble()), longitude = ring.Average(p => p[0].GetDouble()) },
        });
        Assert.Equal(201, created.Status);
        var id = JsonDocument.Parse(await created.TextAsync()).RootElement.GetProperty("id").GetGuid();

        await page.GotoAsync($"/events/{id}");
        await BrowserApp.WaitForInteractiveAsync(page);
        var detail = page.Locator("[data-testid='event-detail']");
        var dialog = page.Locator(".ant-modal:visible"); // the page has more than one dialog; only one is open at a time
        var departments = dialog.Locator("[data-testid='summon-departments'] .ant-select");
        await BrowserApp.ClickUntilAsync(page.GetByRole(AriaRole.Button, new() { Name = "召集部门", Exact = true }), departments);
        await BrowserApp.ChooseAsync(page, departments, "城市管理中队");
        await BrowserApp.ChooseAsync(page, departments, "住房和城乡建设办公室");
        // Close the multi-select's dropdown without closing the dialog (Escape would close both).
        await dialog.Locator(".ant-modal-title").ClickAsync();
        await dialog.Locator("textarea").FillAsync("外墙与违建两部门联合处置");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();

        await Assertions.Expect(detail.Locator(".ant-tag").First).ToHaveTextAsync("部门报到处置中");
        var summons = page.Locator("[data-testid='summons']");
        await Assertions.Expect(summons).ToContainTextAsync("城市管理中队");
        await Assertions.Expect(summons).ToContainTextAsync("住房和城乡建设办公室");
        await Assertions.Expect(summons).ToContainTextAsync("未报到");

        await BrowserApp.ClickUntilAsync(page.Locator("[data-testid='supervise'] button"), dialog.Locator("textarea"));
        await dialog.Locator("textarea").FillAsync("请两部门 30 分钟内到场报到");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();
        var notices = page.Locator("[data-testid='notices']");
        await Assertions.Expect(notices).ToContainTextAsync("请两部门 30 分钟内到场报到");
        await Assertions.Expect(notices).ToContainTextAsync("待答复");

        // The lead (first chosen) department checks in and answers the notice from its own session.
        var dept = await app.NewPageAsync();
        await BrowserApp.LoginAsync(dept, "dept-cg");
        await dept.GotoAsync($"/events/{id}");
        await BrowserApp.WaitForInteractiveAsync(dept);
        var deptDialog = dept.Locator(".ant-modal:visible");
        await BrowserApp.ClickUntilAsync(dept.GetByRole(AriaRole.Button, new() { Name = "报到", Exact = true }), deptDialog.Locator("textarea"));
        await deptDialog.GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();
        await Assertions.Expect(dept.Locator("[data-testid='summons']")).ToContainTextAsync("按时");

        await BrowserApp.ClickUntilAsync(dept.Locator("[data-testid^='answer-'] button"), deptDialog.Locator("textarea"));
        await deptDialog.Locator("textarea").FillAsync("城管中队已到场");
        await deptDialog.GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();
        await Assertions.Expect(dept.Locator("[data-testid='notices']")).ToContainTextAsync("已答复");
        await Assertions.Expect(dept.Locator("[data-testid='notices']")).ToContainTextAsync("城管中队已到场");

        Directory.CreateDirectory("screenshots");
        await dept.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "event-summons-checked-in.png"), FullPage = true });
    }
}
