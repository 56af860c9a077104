using System.Text.Json;
using Microsoft.Playwright;

namespace Jiexin.EndToEndTests.Registry;

/// <summary>
/// 关联基础数据 on the event page in Chromium: find a registry person by name and a house by its address, link both; the
/// person shows with the ID number masked and links to their registry page, the house links to its page, which lists
/// the event back; a dispute page sets its house the same way.
/// </summary>
public sealed class EventRegistryLinkTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static async Task<JsonElement> PostAsync(IPage page, string url, object body)
    {
        var response = await page.APIRequest.PostAsync(url, new() { DataObject = body });
        var text = await response.TextAsync();
        Assert.True(response.Ok, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task Staff_find_a_person_and_a_house_on_the_event_page_and_link_them()
    {
        var page = await app.NewPageAsync();
        Directory.CreateDirectory("screenshots");
        await BrowserApp.LoginAsync(page, "commander");
        var grids = JsonDocument.Parse(await (await page.APIRequest.GetAsync("/api/v1/territory/grids")).TextAsync()).RootElement;
        var ring = grids.GetProperty("features")[0].GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().SkipLast(1).ToList();
        var (lat, lng) = (ring.Average(p => p[1].GetDouble()), ring.Average(p => p[0].GetDouble()));

        var tag = Guid.NewGuid().ToString("N")[..4];
        var name = "关联测试" + tag;
        // A checksum-valid ID number (GB 11643), unique enough for one run.
        var first17 = $"320282{new DateOnly(1960, 1, 1).AddDays(Random.Shared.Next(0, 15000)):yyyyMMdd}{Random.Shared.Next(100, 999)}";
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var idNumber = first17 + "10X98765432"[first17.Select((c, i) => (c - '0') * weights[i]).Sum() % 11];
        await PostAsync(page, "/api/v1/registry/people", new { name, idNumber });
        var road = "关联巷" + tag;
        var address = await PostAsync(page, "/api/v1/registry/addresses", new { road, number = "6号", room = "201室", latitude = lat, longitude = lng });
        var house = await PostAsync(page, "/api/v1/registry/houses", new { addressId = address.GetProperty("id").GetGuid(), use = "Residential", structure = "BrickConcrete" });
        var e = await PostAsync(page, "/api/v1/events", new { description = $"楼上住户装修噪音扰民 {tag}", latitude = lat, longitude = lng });

        await page.GotoAsync($"/events/{e.GetProperty("id").GetGuid()}");
        await BrowserApp.WaitForInteractiveAsync(page);
        var panel = page.Locator("[data-testid='event-registry-links']");
        await Assertions.Expect(panel).ToContainTextAsync("尚未关联");

        // A person by name: the hit shows the ID number masked, never in full.
        await panel.Locator("[data-testid='registry-link-text'] input").FillAsync(name);
        await panel.Locator("[data-testid='registry-link-search'] button").ClickAsync();
        var hit = panel.Locator("[data-testid='registry-link-result']", new() { HasText = name });
        var masked = idNumber[..6] + "**********" + idNumber[^2..];
        await Assertions.Expect(hit).ToContainTextAsync(masked);
        await hit.Locator("[data-testid='registry-link-add'] button").ClickAsync();
        var personLink = panel.Locator("[data-testid='event-registry-link']", new() { HasText = name });
        await Assertions.Expect(personLink).ToContainTextAsync(masked);
        await Assertions.Expect(personLink.Locator("a")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/registry/people/"));

        // A house by its address text.
        await panel.Locator("label", new() { HasText = "房屋" }).ClickAsync();
        await panel.Locator("[data-testid='registry-link-text'] input").FillAsync(road);
        await panel.Locator("[data-testid='registry-link-search'] button").ClickAsync();
        var houseHit = panel.Locator("[data-testid='registry-link-result']", new() { HasText = road });
        await Assertions.Expect(houseHit).ToHaveCountAsync(1);
        await houseHit.Locator("[data-testid='registry-link-add'] button").ClickAsync();
        var houseLink = panel.Locator("[data-testid='event-registry-link']", new() { HasText = road });
        await Assertions.Expect(houseLink.Locator("a")).ToHaveAttributeAsync("href", $"/registry/houses/{house.GetProperty("id").GetGuid()}");
        await Assertions.Expect(panel).Not.ToContainTextAsync(idNumber);
        await panel.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "event-registry-links.png"), FullPage = true });

        // The house's page lists the event back.
        await BrowserApp.ClickUntilAsync(houseLink.Locator("a"), page.Locator("[data-testid='house-page']"));
        await BrowserApp.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid='house-event']")).ToContainTextAsync(e.GetProperty("trackingCode").GetString()!);
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "house-links.png"), FullPage = true });

        // A dispute gets the same house on its page (发生地址 / 所涉房屋), linked to the house's registry page.
        var dispute = await PostAsync(page, "/api/v1/disputes", new
        {
            description = $"装修噪音引发邻里争吵 {tag}", disputeType = "邻里",
            parties = new object[] { new { name = "周某", role = "applicant" }, new { name = "吴某", role = "respondent" } },
        });
        await page.GotoAsync($"/disputes/{dispute.GetProperty("id").GetGuid()}");
        await BrowserApp.WaitForInteractiveAsync(page);
        var place = page.Locator("[data-testid='dispute-registry-place']");
        await place.Locator("[data-testid='dispute-place-text'] input").FillAsync(road);
        await place.Locator("[data-testid='dispute-place-search'] button").ClickAsync();
        await place.Locator("[data-testid='dispute-place-result']", new() { HasText = road }).Locator("button").ClickAsync();
        await Assertions.Expect(place.Locator("a[data-testid='dispute-place-house']")).ToHaveAttributeAsync("href", $"/registry/houses/{house.GetProperty("id").GetGuid()}");
        await Assertions.Expect(place.Locator("[data-testid='dispute-place-address']")).ToContainTextAsync(road);
        await place.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "dispute-registry-place.png"), FullPage = true });
    }
}
