using System.Text.Json;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.SelfGovernance;

/// <summary>
/// 四方议事 in Chromium: a resident proposes a topic on the phone page, community staff accept it in the console,
/// and a resolution the four parties carried and published shows on the resident page with its tasks.
/// </summary>
public sealed class DeliberationTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Resident_proposes_staff_accept_and_the_published_resolution_shows_on_the_phone()
    {
        var phone = await app.NewPageAsync(390, 844);
        var title = $"楼下广场舞音量太大-{Guid.NewGuid().ToString("N")[..6]}";

        // The resident picks the community, signs in from the page and proposes.
        await phone.GotoAsync("/m/deliberations");
        var community = phone.Locator("#community");
        var communityId = await community.Locator("option").Nth(1).GetAttributeAsync("value");
        await community.SelectOptionAsync(communityId!);
        await phone.Locator("[data-testid='community-form'] button").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid='no-notices'], [data-testid='notice']").First).ToBeVisibleAsync();
        await phone.Locator("a[href*='/account/login']").ClickAsync();
        await phone.Locator("#userName").FillAsync("resident01");
        await phone.Locator("#password").FillAsync(BrowserApp.DemoPassword);
        await phone.Locator("button[type='submit']").ClickAsync();
        await phone.WaitForURLAsync(url => url.Contains($"/m/deliberations?community={communityId}", StringComparison.Ordinal));

        await phone.Locator("#title").FillAsync(title);
        await phone.Locator("#description").FillAsync("每晚九点后音响仍很响，影响老人和孩子休息，建议商定时间和音量。");
        Directory.CreateDirectory("screenshots");
        await phone.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "resident-deliberation-propose.png"), FullPage = true });
        await phone.Locator("[data-testid='propose-form'] button[type='submit']").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid='proposed']")).ToBeVisibleAsync();

        // Community staff find it waiting in the console and accept it.
        var console = await app.NewPageAsync();
        await BrowserApp.LoginAsync(console, "community01");
        await console.GotoAsync("/deliberations/topics");
        await BrowserApp.WaitForInteractiveAsync(console);
        var row = console.Locator("tr", new() { HasText = title });
        await Assertions.Expect(row.Locator("[data-testid='topic-status']")).ToHaveAttributeAsync("data-status", "Proposed");
        await row.Locator("button", new() { HasText = "受理" }).First.ClickAsync();
        await Assertions.Expect(row.Locator("[data-testid='topic-status']")).ToHaveAttributeAsync("data-status", "Accepted");
        await console.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "deliberation-topics.png"), FullPage = true });

        // The meeting, the parties' votes and a task go through the API; the resolution is published.
        var api = console.Context.APIRequest;
        var token = await TokenAsync(api, "community01");
        var topicId = await FindTopicAsync(api, token, title);
        var venue = await PostAsync(api, token, "/api/v1/deliberations/venues", new { communityId, name = $"民情茶馆-{Guid.NewGuid().ToString("N")[..6]}" });
        var attendees = new[] { "PartyOrganisation", "ResidentsCommittee", "OwnersCommittee", "PropertyCompany" }.Select((p, i) => new { party = p, name = $"代表{i}", present = true }).ToArray();
        var m = await PostAsync(api, token, "/api/v1/deliberations/meetings", new
        {
            communityId, title = "十二月四方议事会", venueId = venue.GetProperty("id").GetGuid(), scheduledAt = DateTime.UtcNow, topicIds = new[] { topicId },
            attendees = attendees.Select(a => new { a.party, a.name }),
        });
        m = await ActAsync(api, token, m, "meetings", m.GetProperty("id").GetGuid(), "RecordAttendance", new { attendees });
        m = await ActAsync(api, token, m, "meetings", m.GetProperty("id").GetGuid(), "Hold", new { minutes = "四方商定广场舞时间和音量。" });
        m = await ActAsync(api, token, m, "meetings", m.GetProperty("id").GetGuid(), "AddResolution", new { text = "广场舞每晚 21:00 前结束，音量不超过 60 分贝。", topicId });
        foreach (var (party, choice) in new[] { ("PartyOrganisation", "For"), ("ResidentsCommittee", "For"), ("OwnersCommittee", "For"), ("PropertyCompany", "Abstain") })
        {
            m = await ResolutionActAsync(api, token, m, "Vote", new { party, choice });
        }

        m = await ResolutionActAsync(api, token, m, "Tally", new { });
        m = await ResolutionActAsync(api, token, m, "AssignTask", new { title = "在广场张贴时间和音量公约", ownerName = "居委会主任陈", dueOn = "2026-12-10" });
        await ResolutionActAsync(api, token, m, "Publish", new { });

        // The console detail shows the votes and the task; the phone shows the notice.
        await console.GotoAsync($"/deliberations/{m.GetProperty("id").GetGuid()}");
        await BrowserApp.WaitForInteractiveAsync(console);
        await Assertions.Expect(console.Locator("[data-testid='resolution']")).ToHaveAttributeAsync("data-status", "Carried");
        await Assertions.Expect(console.Locator("[data-testid='resolution']")).ToContainTextAsync("业委会 赞成");
        await Assertions.Expect(console.Locator("[data-testid='resolution']")).ToContainTextAsync("在广场张贴时间和音量公约");
        await console.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "deliberation-meeting.png"), FullPage = true });

        await phone.GotoAsync($"/m/deliberations?community={communityId}");
        var notice = phone.Locator("[data-testid='notice']", new() { HasText = title });
        await Assertions.Expect(notice).ToContainTextAsync("广场舞每晚 21:00 前结束");
        await Assertions.Expect(notice).ToContainTextAsync("物业公司：弃权");
        await Assertions.Expect(notice.Locator("[data-testid='notice-status']")).ToHaveTextAsync("已通过");
        var overflow = await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the notice page scrolls sideways on a 390 px phone");
        await phone.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "resident-deliberation-notice.png"), FullPage = true });
    }

    private static async Task<string> TokenAsync(IAPIRequestContext api, string userName)
    {
        var login = await api.PostAsync("/api/v1/auth/login", new() { DataObject = new { userName, password = BrowserApp.DemoPassword } });
        Assert.True(login.Ok, await login.TextAsync());
        return (await login.JsonAsync())!.Value.GetProperty("accessToken").GetString()!;
    }

    private static Dictionary<string, string> Bearer(string token) => new() { ["Authorization"] = $"Bearer {token}" };

    private static async Task<Guid> FindTopicAsync(IAPIRequestContext api, string token, string title)
    {
        var response = await api.GetAsync($"/api/v1/deliberations/topics?q={Uri.EscapeDataString(title)}", new() { Headers = Bearer(token) });
        Assert.True(response.Ok, await response.TextAsync());
        return (await response.JsonAsync())!.Value.GetProperty("items")[0].GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> PostAsync(IAPIRequestContext api, string token, string path, object body)
    {
        var response = await api.PostAsync(path, new() { DataObject = body, Headers = Bearer(token) });
        Assert.True(response.Ok, $"{path}: {await response.TextAsync()}");
        return (await response.JsonAsync())!.Value;
    }

    private static async Task<JsonElement> ActAsync(IAPIRequestContext api, string token, JsonElement versioned, string kind, Guid id, string action, object body)
    {
        var payload = JsonSerializer.SerializeToNode(body, JsonSerializerOptions.Web)!.AsObject();
        payload["version"] = versioned.GetProperty("version").GetInt32();
        return await PostAsync(api, token, $"/api/v1/deliberations/{kind}/{id}/actions/{action}", payload);
    }

    private static Task<JsonElement> ResolutionActAsync(IAPIRequestContext api, string token, JsonElement meeting, string action, object body)
    {
        var resolution = meeting.GetProperty("resolutions")[0];
        return ActAsync(api, token, resolution, "resolutions", resolution.GetProperty("id").GetGuid(), action, body);
    }
}
