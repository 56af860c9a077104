using System.Text.Json;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.ServiceLists;

/// <summary>
/// The staff side of a list item in Chromium: edit it on its form, link it to a secretary project, reveal a resource's
/// contact phone with a reason, and close a need with a photo as evidence that shows in the closing trail.
/// </summary>
public sealed class ListItemEditingTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static async Task TypeAsync(ILocator input, string text)
    {
        await input.FillAsync(text);
        await input.PressAsync("Tab");
        await Assertions.Expect(input).ToHaveValueAsync(text);
    }

    [Fact]
    public async Task Staff_edit_a_need_link_it_to_a_project_reveal_a_contact_and_close_it_with_a_photo()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        Directory.CreateDirectory("screenshots");
        var page = await app.NewPageAsync();
        await BrowserApp.LoginAsync(page, "community01");

        // The items and the project come through the API.
        var api = page.Context.APIRequest;
        var token = await TokenAsync(api, "community01");
        var tree = await GetAsync(api, token, "/api/v1/secretary-projects/");
        var community = tree.GetProperty("communities")[0].GetProperty("id").GetGuid();
        var need = await PostAsync(api, token, "/api/v1/lists/items", new
        {
            kind = "Need", communityId = community, title = $"独居老人助浴 {tag}", category = "养老助老", ownerName = "王书记", deadline = "2026-12-31", source = "GridVisit",
        });
        var resource = await PostAsync(api, token, "/api/v1/lists/items", new
        {
            kind = "Resource", communityId = community, title = $"护理学院志愿队 {tag}", resourceKind = "University", offer = "每周上门助浴", categories = new[] { "养老助老" },
            contactName = "李老师", contactPhone = "13912345678", ownerName = "张主任", deadline = "2026-12-31",
        });
        var project = await PostAsync(api, token, "/api/v1/secretary-projects/", new { year = DateTime.UtcNow.AddHours(8).Year, communityId = community, title = $"银龄守护 {tag}", secretaryName = "周书记", goals = "独居老人每月探访全覆盖" });

        // Edit: the form comes filled in; kind, month and place are fixed.
        await page.GotoAsync($"/lists/items/{Id(need)}");
        await BrowserApp.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid='edit-item']").ClickAsync();
        // In-circuit navigation fires no load event: wait for the address and the filled form instead.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/edit$"), new() { Timeout = 60_000 });
        await BrowserApp.WaitForInteractiveAsync(page);
        var owner = page.Locator("[data-testid='list-item-edit'] .jx-field", new() { HasText = "责任人" }).Locator("input");
        await Assertions.Expect(owner).ToHaveValueAsync("王书记", new() { Timeout = 30_000 });
        await TypeAsync(owner, "李委员");
        await TypeAsync(page.Locator("[data-testid='list-item-edit'] .jx-field", new() { HasText = "说明" }).Locator("textarea"), "每两周一次，需两名志愿者");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "list-item-edit.png"), FullPage = true });
        await page.Locator("[data-testid='save-item'] button").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/lists/items/{Id(need)}$"), new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("[data-testid='list-item-page']")).ToContainTextAsync("李委员");
        await Assertions.Expect(page.Locator("[data-testid='item-timeline']")).ToContainTextAsync("修改");

        // The project takes the need on.
        await page.GotoAsync($"/secretary-projects/{Id(project)}");
        await BrowserApp.WaitForInteractiveAsync(page);
        await BrowserApp.ClickUntilAsync(page.Locator("[data-testid='link-items'] button"), page.Locator("[data-testid='link-form']"));
        await page.Locator("[data-testid='link-candidate']", new() { HasText = $"独居老人助浴 {tag}" }).Locator("input[type='checkbox']").CheckAsync();
        await page.Locator("[data-testid='link-save'] button").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='project-item']", new() { HasText = $"独居老人助浴 {tag}" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "secretary-project-links.png"), FullPage = true });

        // The resource's phone is masked; the full number needs a reason (audited).
        await page.GotoAsync($"/lists/items/{Id(resource)}");
        await BrowserApp.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid='contact-phone']")).ToHaveTextAsync("139****5678");
        await BrowserApp.ClickUntilAsync(page.Locator("[data-testid='reveal-contact'] button"), page.Locator("[data-testid='reveal-modal']"));
        await page.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='error-reason']")).ToBeVisibleAsync();
        await TypeAsync(page.Locator("#reveal-reason"), "联系对接助浴服务");
        await page.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='contact-phone']")).ToHaveTextAsync("13912345678");

        // 销号 with a photo: it shows with the evidence and in the trail.
        await page.GotoAsync($"/lists/items/{Id(need)}");
        await BrowserApp.WaitForInteractiveAsync(page);
        await TypeAsync(page.Locator("[data-testid='close-form'] textarea"), "12 月 1 日护理学院志愿者上门助浴 3 户");
        await page.Locator("[data-testid='close-photos'] input[type='file']").SetInputFilesAsync(new FilePayload { Name = "助浴.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg() });
        await Assertions.Expect(page.Locator("[data-testid='close-photos']")).ToContainTextAsync("已选 1 张");
        await page.Locator("[data-testid='close-button'] button").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='item-status']")).ToHaveTextAsync("已销号");
        var photos = page.Locator("[data-testid='evidence-photos'] img");
        await Assertions.Expect(photos).ToHaveCountAsync(2); // with the evidence and in the trail's closing step
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll(\"[data-testid='evidence-photos'] img\")].every(i => i.complete && i.naturalWidth > 0)");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "list-item-closed-photo.png"), FullPage = true });
    }

    private static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

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
