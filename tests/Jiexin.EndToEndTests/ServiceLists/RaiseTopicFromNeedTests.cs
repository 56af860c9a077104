using System.Text.Json;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.ServiceLists;

/// <summary>提交四方议事 in Chromium: from a need's page, a prefilled form creates the topic; the need links to it and the topic links back.</summary>
public sealed class RaiseTopicFromNeedTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Staff_raise_a_deliberation_topic_from_a_need_and_follow_the_links_both_ways()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        Directory.CreateDirectory("screenshots");
        var page = await app.NewPageAsync();
        await BrowserApp.LoginAsync(page, "community01");

        var api = page.Context.APIRequest;
        var token = await TokenAsync(api, "community01");
        var community = (await GetAsync(api, token, "/api/v1/secretary-projects/")).GetProperty("communities")[0].GetProperty("id").GetGuid();
        var needTitle = $"加装电梯意见不一 {tag}";
        var need = await PostAsync(api, token, "/api/v1/lists/items", new
        {
            kind = "Need", communityId = community, title = needTitle, category = "物业管理", ownerName = "王书记", deadline = "2026-12-31", source = "GridVisit",
            description = "低层住户反对，高层住户支持",
        });
        var needId = need.GetProperty("id").GetGuid();

        await page.GotoAsync($"/lists/items/{needId}");
        await BrowserApp.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid='item-topics']")).ToContainTextAsync("尚未提交四方议事");
        await BrowserApp.ClickUntilAsync(page.Locator("[data-testid='raise-topic'] button"), page.Locator("[data-testid='raise-modal']"));
        // Prefilled from the need; the community is the need's.
        await Assertions.Expect(page.Locator("#raise-title")).ToHaveValueAsync(needTitle);
        await Assertions.Expect(page.Locator("#raise-description")).ToHaveValueAsync("低层住户反对，高层住户支持");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "list-need-raise-topic.png"), FullPage = true });
        await page.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();

        var link = page.Locator("[data-testid='item-topic-link']");
        await Assertions.Expect(link).ToHaveTextAsync(needTitle, new() { Timeout = 30_000 });
        await link.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/deliberations/topics\?id="), new() { Timeout = 60_000 });
        await BrowserApp.WaitForInteractiveAsync(page);
        var source = page.Locator("[data-testid='topic-source']");
        await Assertions.Expect(source).ToContainTextAsync($"来源：群众需求 {needTitle}", new() { Timeout = 30_000 });
        await Assertions.Expect(source.Locator("a")).ToHaveAttributeAsync("href", $"/lists/items/{needId}");
        await Assertions.Expect(page.Locator("[data-testid='topic-status']")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "deliberation-topic-from-need.png"), FullPage = true });
    }

    private static async Task<string> TokenAsync(IAPIRequestContext api, string userName)
    {
        var login = await api.PostAsync("/api/v1/auth/login", new() { DataObject = new { userName, password = BrowserApp.DemoPassword } });
        Assert.True(login.Ok, await login.TextAsync());
        return (await login.JsonAsync())!.Value.GetProperty("accessToken").GetString()!;
    }

    private static Dictionary<string, string> Bearer(string token) => new() { ["Authorization"] = $"Bearer {token}" };

    private static async Task<JsonElement> GetAsync(IAPIRequestContext api, string token, string path)
    {
        var response = await api.GetAsync(path, new() { Headers = Bearer(token) });
        Assert.True(response.Ok, $"{path}: {await response.TextAsync()}");
        return (await response.JsonAsync())!.Value;
    }

    private static async Task<JsonElement> PostAsync(IAPIRequestContext api, string token, string path, object body)
    {
        var response = await api.PostAsync(path, new() { DataObject = body, Headers = Bearer(token) });
        Assert.True(response.Ok, $"{path}: {await response.TextAsync()}");
        return (await response.JsonAsync())!.Value;
    }
}
