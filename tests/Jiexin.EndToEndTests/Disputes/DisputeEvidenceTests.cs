using System.Text;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.Disputes;

/// <summary>Evidence on the console case page: a mediator attaches a photo and a PDF; thumbnails and a file line appear, and the timeline records it.</summary>
public sealed class DisputeEvidenceTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Mediator_attaches_a_photo_and_a_pdf_on_the_dispute_page()
    {
        Directory.CreateDirectory("screenshots");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var page = await app.NewPageAsync();
        await BrowserApp.LoginAsync(page, "mediator01");

        // The case comes through the API (registered by the same mediator, so it is theirs at the desk).
        var api = page.Context.APIRequest;
        var login = await api.PostAsync("/api/v1/auth/login", new() { DataObject = new { userName = "mediator01", password = BrowserApp.DemoPassword } });
        var token = (await login.JsonAsync())!.Value.GetProperty("accessToken").GetString()!;
        var created = await api.PostAsync("/api/v1/disputes", new()
        {
            Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
            DataObject = new
            {
                description = $"楼上卫生间漏水导致楼下吊顶损坏，协商赔偿未果 {tag}", disputeType = "邻里",
                parties = new[] { new { name = "王建国", role = "applicant" }, new { name = "赵志强", role = "respondent" } },
            },
        });
        Assert.True(created.Ok, await created.TextAsync());
        var id = (await created.JsonAsync())!.Value.GetProperty("id").GetGuid();

        await page.GotoAsync($"/disputes/{id}");
        await BrowserApp.WaitForInteractiveAsync(page);
        var panel = page.Locator("[data-testid='dispute-evidence']");
        await Assertions.Expect(panel.Locator("[data-testid='evidence-empty']")).ToBeVisibleAsync();

        await panel.Locator("input[type='file']").SetInputFilesAsync(
        [
            new FilePayload { Name = "漏水现场.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg() },
            new FilePayload { Name = "维修报价单.pdf", MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n") },
        ]);
        await Assertions.Expect(panel.Locator("[data-testid='evidence-picked']")).ToContainTextAsync("已选 2 个");
        var note = panel.Locator("[data-testid='evidence-add'] input.ant-input");
        await note.FillAsync("当事人提供的现场照片和报价单");
        await note.PressAsync("Tab");
        await panel.Locator("[data-testid='evidence-submit'] button").ClickAsync();

        var photos = panel.Locator("[data-testid='evidence-files'] img");
        await Assertions.Expect(photos).ToHaveCountAsync(1);
        await Assertions.Expect(panel.Locator("[data-testid='evidence-files-documents']")).ToContainTextAsync("维修报价单.pdf");
        await Assertions.Expect(page.Locator("[data-testid='step']", new() { HasText = "补充证据" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".ant-timeline")).ToContainTextAsync("当事人提供的现场照片和报价单");
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll(\"[data-testid='evidence-files'] img\")].every(i => i.complete && i.naturalWidth > 0)");
        await panel.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "dispute-evidence.png"), FullPage = true });
    }

    [Fact]
    public async Task A_party_adds_a_photo_on_their_phone_case_page()
    {
        Directory.CreateDirectory("screenshots");
        var page = await app.NewPageAsync(390, 844);
        await BrowserApp.LoginAsync(page, "resident01");
        var api = page.Context.APIRequest;
        var login = await api.PostAsync("/api/v1/auth/login", new() { DataObject = new { userName = "resident01", password = BrowserApp.DemoPassword } });
        var token = (await login.JsonAsync())!.Value.GetProperty("accessToken").GetString()!;
        var created = await api.PostAsync("/api/v1/disputes", new()
        {
            Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
            DataObject = new
            {
                description = $"楼上住户装修噪音持续到深夜，多次沟通无果 {Guid.NewGuid():N}"[..30], disputeType = "邻里",
                parties = new[] { new { name = "居民", role = "applicant" }, new { name = "楼上住户", role = "respondent" } },
            },
        });
        Assert.True(created.Ok, await created.TextAsync());
        var id = (await created.JsonAsync())!.Value.GetProperty("id").GetGuid();

        await page.GotoAsync($"/m/disputes/{id}");
        var form = page.Locator("[data-testid='evidence-form']");
        await form.Locator("input[type='file']").SetInputFilesAsync(new FilePayload { Name = "噪音记录.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg() });
        await form.Locator("#evidence-note").FillAsync("夜间噪音现场");
        await form.Locator("button[type='submit']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='evidence-added']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid='evidence-files'] img")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid='steps']")).ToContainTextAsync("补充证据");
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll(\"[data-testid='evidence-files'] img\")].every(i => i.complete && i.naturalWidth > 0)");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "m-dispute-evidence.png"), FullPage = true });
    }
}
