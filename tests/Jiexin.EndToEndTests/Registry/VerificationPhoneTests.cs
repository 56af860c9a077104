using System.Text.Json;
using Jiexin.Platform.Privacy;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.Registry;

/// <summary>
/// 核查 as it is done: the grid worker on a 390×844 phone corrects a record and adds a resident found on site; the
/// community's staff approve the correction and reject the addition in the console; the registry follows.
/// </summary>
public sealed class VerificationPhoneTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static string NewIdNumber()
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(Random.Shared.Next(0, 365 * 50));
        var first17 = $"320282{birth:yyyyMMdd}{Random.Shared.Next(0, 1000):000}";
        return first17 + ChineseIdNumber.CheckCharacter(first17);
    }

    [Fact]
    public async Task Grid_worker_corrects_and_adds_on_a_phone_and_the_community_approves_and_rejects()
    {
        var phone = await app.NewPageAsync(390, 844);
        var api = phone.Context.APIRequest;
        var grid = await BrowserApp.TokenAsync(api, "grid01");
        var commander = await BrowserApp.TokenAsync(api, "commander");
        var tag = Guid.NewGuid().ToString("N")[..4];
        var name = "核查" + tag;
        var person = await BrowserApp.CallAsync(api, grid, "POST", "/api/v1/registry/people", new { name, idNumber = NewIdNumber(), phone = "13912345678" });
        var personId = person.GetProperty("id").GetGuid();
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(20).ToString("yyyy-MM-dd");
        await BrowserApp.CallAsync(api, commander, "POST", "/api/v1/registry/verification/campaigns", new { name = "浏览器季度任务" + Guid.NewGuid().ToString("N")[..4], dueOn = due });

        var me = await BrowserApp.CallAsync(api, grid, "GET", $"/api/v1/registry/people/{personId}");
        var grids = await BrowserApp.CallAsync(api, commander, "GET", "/api/v1/territory/grids");
        var geometry = grids.GetProperty("features").EnumerateArray().First(f => f.GetProperty("id").GetGuid() == me.GetProperty("gridId").GetGuid()).GetProperty("geometry");
        var ring = geometry.GetProperty("type").GetString() == "MultiPolygon" ? geometry.GetProperty("coordinates")[0][0] : geometry.GetProperty("coordinates")[0];
        var points = ring.EnumerateArray().SkipLast(1).Select(p => (Lng: p[0].GetDouble(), Lat: p[1].GetDouble())).ToList();
        await phone.Context.GrantPermissionsAsync(["geolocation"]);
        await phone.Context.SetGeolocationAsync(new Geolocation { Latitude = (float)points.Average(p => p.Lat), Longitude = (float)points.Average(p => p.Lng), Accuracy = 8 });

        await phone.GotoAsync("/account/login?returnUrl=%2Fm%2Fgrid%2Fverify");
        await phone.Locator("#userName").FillAsync("grid01");
        await phone.Locator("#password").FillAsync(BrowserApp.DemoPassword);
        await phone.Locator("button[type='submit']").ClickAsync();
        await phone.WaitForURLAsync("**/m/grid/verify");

        // Correct the phone on site: saved as a proposal.
        await phone.Locator("[data-testid='verify-item']", new() { HasText = name }).ClickAsync();
        var choice = phone.Locator("input[name='Input.Outcome'][value='Corrected']");
        await choice.CheckAsync();
        // Each choice is one row: a radio beside its words, not a button-sized circle above them.
        var radio = (await choice.BoundingBoxAsync())!;
        var words = (await phone.Locator("label", new() { Has = choice }).Locator("span").BoundingBoxAsync())!;
        Assert.True(radio.Width < 40, $"the radio is {radio.Width} px wide");
        Assert.True(words.X > radio.X + radio.Width && words.Y < radio.Y + radio.Height, "the choice's words are not beside its radio");
        await phone.Locator("#phone").FillAsync("13800001111");
        await Assertions.Expect(phone.Locator("#latitude")).Not.ToHaveValueAsync("");
        Directory.CreateDirectory("screenshots");
        await phone.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "registry-verify-phone.png"), FullPage = true });
        await phone.Locator("[data-testid='verify-submit']").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid='verify-done']")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator("[data-testid='verify-item']", new() { HasText = name })).ToHaveCountAsync(0);

        // Add a resident who is not on the list.
        var added = "新增" + tag;
        await phone.Locator("[data-testid='verify-add']").ClickAsync();
        await phone.Locator("#name").FillAsync(added);
        await phone.Locator("#idNumber").FillAsync("320282199001011234");
        await phone.Locator("[data-testid='add-submit']").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid='add-error']")).ToContainTextAsync("身份证");
        await phone.Locator("#idNumber").FillAsync(NewIdNumber());
        await Assertions.Expect(phone.Locator("#latitude")).Not.ToHaveValueAsync("");
        await phone.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "registry-verify-add.png"), FullPage = true });
        await phone.Locator("[data-testid='add-submit']").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid='verify-added']")).ToBeVisibleAsync();
        var overflow = await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the checklist is wider than the phone");

        // Nothing changed yet.
        var before = await BrowserApp.CallAsync(api, commander, "POST", $"/api/v1/registry/people/{personId}/reveal", new { field = "phone", reason = "浏览器测试核对" });
        Assert.Equal("13912345678", before.GetProperty("value").GetString());

        // The community reviews in the console.
        var console = await app.NewPageAsync();
        await BrowserApp.LoginAsync(console, "community01");
        await console.GotoAsync("/registry/verification/reviews");
        await BrowserApp.WaitForInteractiveAsync(console);
        var correction = console.Locator("[data-testid='review-page'] tr", new() { HasText = name });
        var addition = console.Locator("[data-testid='review-page'] tr", new() { HasText = added });
        await Assertions.Expect(correction).ToContainTextAsync("138****1111");
        await Assertions.Expect(addition).ToContainTextAsync("新增人员");
        await console.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "registry-verify-review.png"), FullPage = true });
        await correction.Locator("button", new() { HasText = "通过" }).ClickAsync();
        await Assertions.Expect(correction).ToHaveCountAsync(0);
        await addition.Locator("button", new() { HasText = "驳回" }).ClickAsync();
        var modal = console.Locator(".ant-modal", new() { Has = console.Locator("[data-testid='reject-reason']") });
        await Assertions.Expect(modal).ToBeVisibleAsync();
        await modal.Locator("textarea").FillAsync("经核实无此人");
        await modal.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await Assertions.Expect(addition).ToHaveCountAsync(0);

        var after = await BrowserApp.CallAsync(api, commander, "POST", $"/api/v1/registry/people/{personId}/reveal", new { field = "phone", reason = "浏览器测试核对" });
        Assert.Equal("13800001111", after.GetProperty("value").GetString());
        var search = await BrowserApp.CallAsync(api, commander, "GET", $"/api/v1/registry/people?name={Uri.EscapeDataString(added)}");
        Assert.Equal(0, search.GetProperty("total").GetInt32());
    }
}
