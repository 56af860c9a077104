using System.Text.Json;
using Jiexin.Platform.Privacy;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.Registry;

/// <summary>实有人口 in Chromium: the list masks ID numbers, the reveal asks for a reason and then shows the full value.</summary>
public sealed class PeopleListTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static string NewIdNumber()
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(Random.Shared.Next(0, 365 * 50));
        var first17 = $"320282{birth:yyyyMMdd}{Random.Shared.Next(0, 1000):000}";
        return first17 + ChineseIdNumber.CheckCharacter(first17);
    }

    [Fact]
    public async Task Commander_filters_by_name_sees_the_masked_number_and_reveals_it_with_a_reason()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.LoginAsync(page, "commander");
        var name = "浏览器测试" + Guid.NewGuid().ToString("N")[..4];
        var idNumber = NewIdNumber();
        var response = await page.APIRequest.PostAsync("/api/v1/registry/people", new() { DataObject = new { name, idNumber, phone = "13912345678", tags = new[] { "独居老人" } } });
        Assert.True(response.Ok, await response.TextAsync());
        var id = JsonDocument.Parse(await response.TextAsync()).RootElement.GetProperty("id").GetGuid();

        await page.GotoAsync("/registry/people");
        await BrowserApp.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid='filter-name'] input").FillAsync(name);
        await page.Locator("[data-testid='people-filter'] button", new() { HasText = "查询" }).ClickAsync();
        var row = page.Locator("[data-testid='people-list'] tr", new() { HasText = name });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        var masked = idNumber[..6] + "**********" + idNumber[^2..];
        await Assertions.Expect(page.Locator($"[data-testid='id-{id}']")).ToHaveTextAsync(masked);
        await Assertions.Expect(page.Locator($"[data-testid='phone-{id}']")).ToHaveTextAsync("139****5678");
        await Assertions.Expect(row).ToContainTextAsync("独居老人");

        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "registry-people.png"), FullPage = true });

        // Reveal: without a reason the modal says so; with one, the full number shows in the row.
        await page.Locator($"[data-testid='reveal-id-{id}'] button").ClickAsync();
        var modal = page.Locator(".ant-modal", new() { Has = page.Locator("[data-testid='reveal-modal']") });
        await Assertions.Expect(modal).ToBeVisibleAsync();
        await modal.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await Assertions.Expect(modal.Locator("[data-testid='error-reason']")).ToBeVisibleAsync();
        await modal.Locator("#reveal-reason").FillAsync("入户核查核对身份");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "registry-reveal.png") });
        await modal.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-testid='id-{id}']")).ToHaveTextAsync(idNumber);
        await Assertions.Expect(page.Locator($"[data-testid='phone-{id}']")).ToHaveTextAsync("139****5678");

        foreach (var (path, shot, testId) in new[] { ($"/registry/people/{id}", "registry-person.png", "person-page"), ("/registry/houses", "registry-houses.png", "houses-list"), ("/registry/addresses", "registry-addresses.png", "addresses-list"), ("/registry/people/import", "registry-import.png", "people-import-page") })
        {
            await page.GotoAsync(path);
            await BrowserApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator($"[data-testid='{testId}']")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", shot), FullPage = true });
        }
    }
}
