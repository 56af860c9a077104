using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.Disputes;

/// <summary>
/// 知“新”网格学堂 in Chromium: a mediator proposes a closed case from its page, reads the anonymised text, edits and
/// publishes it; the library finds it; at intake of a new dispute in other words it is offered as a similar case.
/// </summary>
public sealed partial class CaseLibraryTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> ApiAsAsync(string user)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl + "/") };
        var login = await client.PostAsJsonAsync("api/v1/auth/login", new { userName = user, password = BrowserApp.DemoPassword }, Ct);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A neighbours' dispute about pigeons, mediated to a signed agreement through the API.</summary>
    private async Task<Guid> ClosedCaseAsync()
    {
        using var api = await ApiAsAsync("mediator01");
        var created = await OkAsync(api.PostAsJsonAsync("api/v1/disputes", new
        {
            description = "申请人王建国称，楼上邻居李秀英在阳台搭建鸽棚饲养信鸽，鸽子粪便落到王建国家阳台，气味难闻，住幸福路128号3栋501室，电话13912345678。",
            disputeType = "邻里",
            parties = new object[] { new { name = "王建国", role = "applicant" }, new { name = "李秀英", role = "respondent" } },
        }, Ct));
        var id = created.GetProperty("id").GetGuid();
        async Task<JsonElement> Act(JsonElement d, string action, object extra)
        {
            var body = JsonSerializer.SerializeToNode(extra, JsonSerializerOptions.Web)!.AsObject();
            body["version"] = d.GetProperty("version").GetInt32();
            return await OkAsync(api.PostAsJsonAsync($"api/v1/disputes/{id}/actions/{action}", body, Ct));
        }

        var d = await OkAsync(api.GetAsync($"api/v1/disputes/{id}", Ct));
        var me = await OkAsync(api.GetAsync("api/v1/disputes/receivers", Ct));
        var mediatorId = me.GetProperty("mediators").EnumerateArray().First(m => m.GetProperty("name").GetString() == "矛调中心调解员").GetProperty("id").GetGuid();
        d = await Act(d, "Route", new { tier = "General", receiverKind = "Mediator", receiverId = mediatorId });
        d = await Act(d, "Accept", new { });
        d = await Act(d, "ScheduleSession", new { scheduledAt = DateTime.UtcNow.AddDays(1), place = "矛调中心第一调解室" });
        d = await Act(d, "RecordSession", new { sessionId = d.GetProperty("sessions")[0].GetProperty("id").GetGuid(), minutes = "李秀英同意将鸽棚移至楼顶并清洗王建国家阳台。" });
        d = await Act(d, "Agree", new { terms = "李秀英于十日内拆除阳台鸽棚，并承担清洗费用。" });
        d = await Act(d, "Sign", new { signedOn = "2026-11-29" });
        Assert.Equal("Closed", d.GetProperty("status").GetString());
        return id;
    }

    [Fact]
    public async Task A_closed_case_is_proposed_reviewed_published_and_offered_at_intake()
    {
        var disputeId = await ClosedCaseAsync();
        var page = await app.NewPageAsync();
        await BrowserApp.LoginAsync(page, "mediator01");
        Directory.CreateDirectory("screenshots");

        await page.GotoAsync($"/disputes/{disputeId}");
        await BrowserApp.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid='propose-case'] button").ClickAsync();
        var dialog = page.Locator("[data-testid='propose-dialog']");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await page.Locator("#tc-propose-notes").FillAsync("先背对背听取双方意见，再请物业现场查看，以换位思考促成楼上让步。");
        await dialog.Locator("input[value='背对背调解']").CheckAsync();
        await dialog.Locator("input[value='换位思考']").CheckAsync();
        await page.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();

        await page.WaitForURLAsync(CaseUrl());
        var typical = page.Locator("[data-testid='typical-case']");
        await Assertions.Expect(page.Locator("[data-testid='case-status']")).ToHaveAttributeAsync("data-status", "Proposed");
        var facts = page.Locator("[data-testid='case-facts']");
        await Assertions.Expect(facts).ToContainTextAsync("申请人王某某称，楼上邻居李某某在阳台搭建鸽棚");
        await Assertions.Expect(facts).ToContainTextAsync("住幸福路某号某栋某室，电话（电话略）");
        await Assertions.Expect(typical).Not.ToContainTextAsync("王建国");
        await Assertions.Expect(typical).Not.ToContainTextAsync("13912345678");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "typical-case-proposed.png"), FullPage = true });

        // Review (as a reviewer opening the case afresh): the title is made plain, then published.
        await page.ReloadAsync();
        await BrowserApp.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator(".ant-modal-wrap:visible")).ToHaveCountAsync(0);
        await page.Locator("[data-testid='edit-case'] button").ClickAsync();
        await page.Locator("#tc-title").FillAsync("阳台养鸽引发的邻里纠纷");
        await page.Locator(".case-save").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='case-title']")).ToHaveTextAsync("阳台养鸽引发的邻里纠纷");
        await page.Locator("[data-testid='publish-case'] button").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='case-status']")).ToHaveAttributeAsync("data-status", "Published");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "typical-case-published.png"), FullPage = true });

        // The library finds it.
        await page.GotoAsync("/disputes/cases");
        await BrowserApp.WaitForInteractiveAsync(page);
        await page.Locator(".case-search input, input.case-search").First.FillAsync("鸽棚");
        await page.Locator(".case-search-button").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='case-link']").First).ToHaveTextAsync("阳台养鸽引发的邻里纠纷");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "typical-cases.png"), FullPage = true });

        // Intake of a new dispute in other words: the case is offered as similar.
        await page.GotoAsync("/disputes/new");
        await BrowserApp.WaitForInteractiveAsync(page);
        await BrowserApp.ChooseAsync(page, page.Locator("[data-testid='type-field'] .ant-select"), "邻里");
        await page.Locator("#d-description").FillAsync("楼上住户在阳台养鸽子，鸽子粪便掉到我家阳台，味道很大");
        await page.Locator("#d-description").BlurAsync();
        var similar = page.Locator("[data-testid='similar-case']");
        await Assertions.Expect(similar.First).ToContainTextAsync("阳台养鸽引发的邻里纠纷");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "typical-case-similar-at-intake.png"), FullPage = true });
    }

    [GeneratedRegex("/disputes/cases/[0-9a-f-]{36}$")]
    private static partial Regex CaseUrl();
}
