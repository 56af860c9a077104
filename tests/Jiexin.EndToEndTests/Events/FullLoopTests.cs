using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.Events;

/// <summary>
/// The five-step loop (发现 → 上报 → 派单 → 处置 → 核查反馈) in one browser run, each person on the device they use:
/// the resident and the grid worker on a 390 px phone, the commander and the department clerk at the console.
/// </summary>
public sealed class FullLoopTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Resident_reports_commander_dispatches_department_handles_grid_worker_verifies_resident_rates()
    {
        // 1. 上报: the resident on a phone.
        var phone = await app.NewPageAsync(390, 844);
        var (lat, lng) = await PointInGridAsync(phone, "XC-01");
        await BrowserApp.LoginAsync(phone, "resident01");
        await phone.GotoAsync("/m/report");
        await phone.Locator("#description").FillAsync("菜场北门人行道上的窨井盖缺了一块，下雨天看不见，已经有人绊倒。");
        await phone.Locator("#latitude").FillAsync(lat.ToString("F6", CultureInfo.InvariantCulture));
        await phone.Locator("#longitude").FillAsync(lng.ToString("F6", CultureInfo.InvariantCulture));
        await phone.Locator("#photos").SetInputFilesAsync(new FilePayload { Name = "井盖.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg() });
        await phone.Locator("button[type='submit']").ClickAsync();
        await phone.WaitForURLAsync(new Regex("/m/events/[0-9a-f-]{36}$"));
        var trackingUrl = phone.Url;
        var code = (await phone.Locator("[data-testid='tracking-code']").TextContentAsync())!.Trim();
        var id = Guid.Parse(trackingUrl[^36..]);

        // 2. 派单: the commander at the console, from the event page.
        var console = await app.NewPageAsync();
        await BrowserApp.LoginAsync(console, "commander");
        await console.GotoAsync($"/events/{id}");
        await BrowserApp.WaitForInteractiveAsync(console);
        var detail = console.Locator("[data-testid='event-detail']");
        await Assertions.Expect(detail).ToContainTextAsync(code);
        var dialog = console.Locator(".ant-modal");
        await BrowserApp.ClickUntilAsync(console.GetByRole(AriaRole.Button, new() { Name = "派单", Exact = true }), dialog.Locator(".ant-select"));
        await BrowserApp.ChooseAsync(console, dialog.Locator(".ant-select"), "城市管理中队");
        await dialog.Locator("textarea").First.FillAsync("请城管中队今天处置");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();
        await Assertions.Expect(detail.Locator(".ant-tag").First).ToHaveTextAsync("已派单");

        // 3. 处置: the department clerk signs for it and records the result.
        var clerk = await app.NewPageAsync();
        await BrowserApp.LoginAsync(clerk, "dept-cg");
        await clerk.GotoAsync($"/events/{id}");
        await BrowserApp.WaitForInteractiveAsync(clerk);
        var clerkDetail = clerk.Locator("[data-testid='event-detail']");
        var clerkDialog = clerk.Locator(".ant-modal");
        await ActInDialogAsync(clerk, "签收", null);
        await Assertions.Expect(clerkDetail.Locator(".ant-tag").First).ToHaveTextAsync("处置中");
        await ActInDialogAsync(clerk, "办结反馈", "已更换井盖并设置警示，现场恢复通行",
            new FilePayload { Name = "处置后.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg() });
        await Assertions.Expect(clerkDetail.Locator(".ant-tag").First).ToHaveTextAsync("已处置");
        await Assertions.Expect(clerkDialog).ToBeHiddenAsync();
        // The result's photo is on its step in the timeline, and it loads.
        await Assertions.Expect(clerkDetail.Locator("[data-testid='step-photos'] img")).ToHaveCountAsync(1);
        await clerk.WaitForFunctionAsync("() => [...document.querySelectorAll(\"[data-testid='step-photos'] img\")].every(i => i.complete && i.naturalWidth > 0)");

        // 4. 核查: the grid worker on a phone verifies on site and closes it (销号).
        var gridPhone = await app.NewPageAsync(390, 844);
        await BrowserApp.LoginAsync(gridPhone, "grid01");
        await gridPhone.GotoAsync("/m/grid");
        await gridPhone.Locator("[data-testid='to-verify'] a", new() { HasText = code }).ClickAsync();
        await gridPhone.Locator("#note").FillAsync("现场查看，井盖已更换");
        await gridPhone.Locator("button[data-action='VerifyPass']").ClickAsync();
        await Assertions.Expect(gridPhone.Locator("[data-testid='status']")).ToHaveTextAsync("已核查");
        await gridPhone.Locator("button[data-action='Close']").ClickAsync();
        await Assertions.Expect(gridPhone.Locator("[data-testid='status']")).ToHaveTextAsync("已办结");

        // 5. 反馈: the resident sees it done like a parcel delivered, and rates it.
        await phone.GotoAsync(trackingUrl);
        await Assertions.Expect(phone.Locator("[data-testid='status']")).ToHaveTextAsync(new Regex("办结"));
        var form = phone.Locator("[data-testid='feedback-form']");
        await form.Locator("input[name='Rating.Stars'][value='5']").CheckAsync();
        await form.Locator("#comment").FillAsync("处理得很快，谢谢！");
        await form.Locator("button[type='submit']").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid='feedback']")).ToContainTextAsync("处理得很快");
        await Assertions.Expect(phone.Locator(".m-step-name").Last).ToHaveTextAsync("已评价"); // no longer 待评价 once rated
        await Assertions.Expect(phone.Locator("[data-testid='timeline'] li strong").First).ToHaveTextAsync("已评价");
        // The resident's own photo is on the tracking page, and it loads.
        await Assertions.Expect(phone.Locator("[data-testid='tracking-photos'] img")).ToHaveCountAsync(1);
        await phone.WaitForFunctionAsync("() => [...document.querySelectorAll(\"[data-testid='tracking-photos'] img\")].every(i => i.complete && i.naturalWidth > 0)");
        // And the department's photo of the result, taken in the console's dialog.
        await Assertions.Expect(phone.Locator("[data-testid='tracking-step-photos'] img")).ToHaveCountAsync(1);
        var overflow = await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the tracking page scrolls sideways on a 390 px phone");
        Directory.CreateDirectory("screenshots");
        await phone.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "full-loop-rated.png"), FullPage = true });

        // The record agrees: closed at the street tier (a department did it), rated 5 by the reporter.
        var e = JsonDocument.Parse(await (await console.APIRequest.GetAsync($"/api/v1/events/{id}")).TextAsync()).RootElement;
        Assert.Equal("Closed", e.GetProperty("status").GetString());
        Assert.Equal("Street", e.GetProperty("resolvedTier").GetString());
        Assert.Equal(5, e.GetProperty("feedback")[0].GetProperty("rating").GetInt32());
    }

    /// <summary>Opens an action's dialog from the detail page, fills the note when given, confirms.</summary>
    private static async Task ActInDialogAsync(IPage page, string action, string? note, FilePayload? photo = null)
    {
        // The last action's dialog must be gone first: while it animates out it still looks like "the dialog is open",
        // and the click that opens this one would be skipped (seen twice in CI on a loaded machine).
        var dialog = page.Locator(".ant-modal:visible");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await BrowserApp.ClickUntilAsync(page.GetByRole(AriaRole.Button, new() { Name = action, Exact = true }), dialog.GetByRole(AriaRole.Button, new() { Name = "确定" }));
        if (note is not null)
        {
            await dialog.Locator("textarea").First.FillAsync(note);
        }

        if (photo is not null)
        {
            await dialog.Locator("#step-photos").SetInputFilesAsync(photo);
            await Assertions.Expect(dialog.Locator("[data-testid='step-photos-chosen']")).ToContainTextAsync("1");
        }

        await dialog.GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();
    }

    private static async Task<(double Lat, double Lng)> PointInGridAsync(IPage page, string code)
    {
        var api = page.Context.APIRequest;
        var login = await api.PostAsync("/api/v1/auth/login", new() { DataObject = new { userName = "commander", password = BrowserApp.DemoPassword } });
        var token = (await login.JsonAsync())!.Value.GetProperty("accessToken").GetString();
        var grids = await api.GetAsync("/api/v1/territory/grids", new() { Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" } });
        var feature = (await grids.JsonAsync())!.Value.GetProperty("features").EnumerateArray()
            .First(f => f.GetProperty("properties").GetProperty("code").GetString() == code);
        var ring = feature.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().SkipLast(1)
            .Select(p => (Lng: p[0].GetDouble(), Lat: p[1].GetDouble())).ToList();
        return (ring.Average(p => p.Lat), ring.Average(p => p.Lng));
    }
}
