using System.Text.Json;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.Registry;

/// <summary>
/// Standard address and house create forms, and a house's occupants in Chromium: add an address, a house at it, then
/// put a person into the house with a relation and take them out again. Also screenshots the unit and road pages.
/// </summary>
public sealed class HouseFormsTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_address_and_a_house_are_created_in_the_forms_and_a_person_moves_in_and_out()
    {
        var page = await app.NewPageAsync();
        Directory.CreateDirectory("screenshots");
        await BrowserApp.LoginAsync(page, "community01");
        var number = Random.Shared.Next(100, 999) + "号";
        var name = "住户测试" + Guid.NewGuid().ToString("N")[..4];
        var response = await page.APIRequest.PostAsync("/api/v1/registry/people", new() { DataObject = new { name } });
        Assert.True(response.Ok, await response.TextAsync());

        // Address through its modal.
        await page.GotoAsync("/registry/addresses");
        await BrowserApp.WaitForInteractiveAsync(page);
        var addressForm = page.Locator("[data-testid='address-form']");
        await BrowserApp.ClickUntilAsync(page.Locator("[data-testid='address-new'] button"), addressForm);
        await page.Locator("#a-road").FillAsync("测试巷");
        await page.Locator("#a-number").FillAsync(number);
        await page.Locator("#a-room").FillAsync("101室");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "registry-address-form.png") });
        await page.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await Assertions.Expect(addressForm).ToBeHiddenAsync();

        // House through its modal, at that address.
        await page.GotoAsync("/registry/houses");
        await BrowserApp.WaitForInteractiveAsync(page);
        var houseForm = page.Locator("[data-testid='house-form']");
        await BrowserApp.ClickUntilAsync(page.Locator("[data-testid='house-new'] button"), houseForm);
        await BrowserApp.ChooseAsync(page, houseForm.Locator(".ant-select").First, "测试巷" + number);
        await page.Locator("#h-area").FillAsync("86.5");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "registry-house-form.png") });
        await page.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await Assertions.Expect(houseForm).ToBeHiddenAsync();
        var link = page.Locator("[data-testid='houses-list'] a", new() { HasText = "测试巷" + number });
        await Assertions.Expect(link).ToHaveCountAsync(1);

        // Occupants: find the person, add as tenant, then remove.
        await BrowserApp.ClickUntilAsync(link, page.Locator("[data-testid='house-page']"));
        await BrowserApp.WaitForInteractiveAsync(page);
        var add = page.Locator("[data-testid='house-add-occupant']");
        await add.Locator("input").First.FillAsync(name);
        await add.Locator("button", new() { HasText = "查找" }).ClickAsync();
        await Assertions.Expect(add.Locator(".ant-select").First).ToContainTextAsync(name);
        await BrowserApp.ChooseAsync(page, add.Locator(".ant-select").Nth(1), "租户");
        await add.Locator("button", new() { HasText = "加入本户" }).ClickAsync();
        var occupant = page.Locator("[data-testid='house-occupant']", new() { HasText = name });
        await Assertions.Expect(occupant).ToContainTextAsync("租户");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "registry-house-occupants.png"), FullPage = true });
        await occupant.Locator("button").ClickAsync();
        await Assertions.Expect(occupant).ToHaveCountAsync(0);

        foreach (var (path, shot, testId) in new[] { ("/registry/units", "registry-units.png", "units-page"), ("/registry/units/new", "registry-unit-form.png", "unit-page"), ("/registry/roads", "registry-roads.png", "roads-page"), ("/registry/facilities", "registry-facilities.png", "facilities-page") })
        {
            await page.GotoAsync(path);
            await BrowserApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator($"[data-testid='{testId}']")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", shot), FullPage = true });
        }
    }
}
