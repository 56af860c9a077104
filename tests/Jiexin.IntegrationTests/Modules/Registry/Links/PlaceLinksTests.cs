using System.Net;
using System.Net.Http.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Accounts;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Events.RegistryLinks;
using Jiexin.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.Registry.RegistryTestKit;

namespace Jiexin.IntegrationTests.Modules.Registry.Links;

/// <summary>
/// Issue 5 §5 "events and disputes reference addresses, houses and people": an event linked to a house, a dispute
/// placed at a house (at intake) or an address (afterwards), and the house's and the address's registry pages listing them,
/// scoped like the records; unknown ids are 400 naming the field and save nothing.
/// </summary>
public abstract class PlaceLinksTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Place(Guid AddressId, string Label, Guid HouseId, double Lat, double Lng);

    /// <summary>A standard address with a house at the centre of the grid, created by the command centre.</summary>
    private static async Task<Place> NewPlaceAsync(HttpClient commander, Guid communityId, Guid gridId)
    {
        var (lat, lng) = await DemoApi.GridCentreAsync(commander, Ct, gridId);
        var road = "关联路" + Random.Shared.Next(1000, 9999) + Guid.NewGuid().ToString("N")[..4];
        var address = await JsonAsync(await commander.PostAsJsonAsync("/api/v1/registry/addresses",
            new { communityId, road, number = "8号", building = "1幢", room = "302室", latitude = lat, longitude = lng }, Ct), HttpStatusCode.Created);
        var addressId = address.GetProperty("id").GetGuid();
        var house = await JsonAsync(await commander.PostAsJsonAsync("/api/v1/registry/houses",
            new { addressId, use = "Residential", structure = "BrickConcrete", isRented = true }, Ct), HttpStatusCode.Created);
        return new Place(addressId, address.GetProperty("label").GetString()!, house.GetProperty("id").GetGuid(), lat, lng);
    }

    private Task<int> DisputesDescribedAsync(string tag) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Dispute>().CountAsync(d => d.Description.Contains(tag), Ct));

    [Fact]
    public async Task An_event_linked_to_a_house_shows_on_the_house_and_its_address_and_unknown_or_foreign_houses_are_refused()
    {
        var units = app.Units();
        using var commander = await app.ClientAsAsync("commander");
        var place = await NewPlaceAsync(commander, units.Community.Id, units.Grid.Id);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var e = await JsonAsync(await commander.PostAsJsonAsync("/api/v1/events",
            new { description = $"出租屋楼顶漏水 {tag}", latitude = place.Lat, longitude = place.Lng }, Ct), HttpStatusCode.Created);
        var eventId = e.GetProperty("id").GetGuid();
        var links = $"/api/v1/events/{eventId}/registry-links";

        // An unknown house: 400 naming houseId, nothing saved. Two kinds at once: refused too.
        var unknown = await JsonAsync(await commander.PostAsJsonAsync(links, new { houseId = Guid.NewGuid() }, Ct), HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", (await commander.PostAsJsonAsync(links, new { houseId = Guid.NewGuid() }, Ct)).Content.Headers.ContentType?.MediaType);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("houseId", out _));
        var both = await JsonAsync(await commander.PostAsJsonAsync(links, new { houseId = place.HouseId, addressId = place.AddressId }, Ct), HttpStatusCode.BadRequest);
        Assert.True(both.GetProperty("errors").TryGetProperty("personId", out _));
        Assert.Empty((await JsonAsync(await commander.GetAsync(links, Ct), HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(0, await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<EventRegistryLink>().CountAsync(l => l.EventId == eventId, Ct)));

        // The house links once, shown by its address; the list returns it.
        var linked = await JsonAsync(await commander.PostAsJsonAsync(links, new { houseId = place.HouseId }, Ct), HttpStatusCode.Created);
        Assert.Equal(place.HouseId, linked.GetProperty("houseId").GetGuid());
        Assert.Equal(place.Label, linked.GetProperty("houseLabel").GetString());
        await JsonAsync(await commander.PostAsJsonAsync(links, new { houseId = place.HouseId }, Ct), HttpStatusCode.Conflict);
        var listed = Assert.Single((await JsonAsync(await commander.GetAsync(links, Ct), HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(place.Label, listed.GetProperty("houseLabel").GetString());

        // The grid worker of the house's grid sees the event on the house's page and on its address's.
        using var grid = await app.ClientAsAsync("grid01");
        var onHouse = await JsonAsync(await grid.GetAsync($"/api/v1/registry/houses/{place.HouseId}/links", Ct), HttpStatusCode.OK);
        Assert.Equal(e.GetProperty("trackingCode").GetString(), Assert.Single(onHouse.GetProperty("events").EnumerateArray()).GetProperty("trackingCode").GetString());
        var onAddress = await JsonAsync(await grid.GetAsync($"/api/v1/registry/addresses/{place.AddressId}/links", Ct), HttpStatusCode.OK);
        Assert.Equal(eventId, Assert.Single(onAddress.GetProperty("events").EnumerateArray()).GetProperty("id").GetGuid());

        // Another community's house: its page is 404 to grid01, and so is linking an event there that grid01 cannot see.
        var foreign = await NewPlaceAsync(commander, units.OtherCommunity.Id, units.OtherCommunityGrid.Id);
        await JsonAsync(await grid.GetAsync($"/api/v1/registry/houses/{foreign.HouseId}/links", Ct), HttpStatusCode.NotFound);
        await JsonAsync(await grid.GetAsync($"/api/v1/registry/addresses/{foreign.AddressId}/links", Ct), HttpStatusCode.NotFound);
        var foreignEvent = await JsonAsync(await commander.PostAsJsonAsync("/api/v1/events",
            new { description = $"隔壁社区漏水 {tag}", latitude = foreign.Lat, longitude = foreign.Lng }, Ct), HttpStatusCode.Created);
        await JsonAsync(await grid.PostAsJsonAsync($"/api/v1/events/{foreignEvent.GetProperty("id").GetGuid()}/registry-links", new { houseId = foreign.HouseId }, Ct),
            HttpStatusCode.NotFound);
        // Departments see no registry records; residents are not staff.
        using var department = await app.ClientAsAsync("dept-cg");
        await JsonAsync(await department.GetAsync($"/api/v1/registry/houses/{place.HouseId}/links", Ct), HttpStatusCode.NotFound);
        using var resident = await app.ClientAsAsync("resident01");
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync($"/api/v1/registry/houses/{place.HouseId}/links", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_dispute_names_its_house_at_intake_and_its_address_later_and_both_pages_list_it()
    {
        var units = app.Units();
        using var commander = await app.ClientAsAsync("commander");
        var place = await NewPlaceAsync(commander, units.Community.Id, units.Grid.Id);
        var tag = Guid.NewGuid().ToString("N")[..8];
        using var mediator = await app.ClientAsAsync("mediator01");
        object Dispute(string text, object? house = null, object? address = null) => new
        {
            description = $"{text} {tag}",
            disputeType = "邻里",
            parties = new object[] { new { name = "赵某", role = "applicant" }, new { name = "钱某", role = "respondent" } },
            houseId = house,
            addressId = address,
        };

        // Unknown house or address at intake: 400 naming the field, no case saved; a house at another address: refused.
        var badHouse = await JsonAsync(await mediator.PostAsJsonAsync("/api/v1/disputes", Dispute("未知房屋", Guid.NewGuid()), Ct), HttpStatusCode.BadRequest);
        Assert.True(badHouse.GetProperty("errors").TryGetProperty("houseId", out _));
        var badAddress = await JsonAsync(await mediator.PostAsJsonAsync("/api/v1/disputes", Dispute("未知地址", null, Guid.NewGuid()), Ct), HttpStatusCode.BadRequest);
        Assert.True(badAddress.GetProperty("errors").TryGetProperty("addressId", out _));
        var other = await NewPlaceAsync(commander, units.Community.Id, units.Grid.Id);
        var mismatch = await JsonAsync(await mediator.PostAsJsonAsync("/api/v1/disputes", Dispute("地址不符", place.HouseId, other.AddressId), Ct), HttpStatusCode.BadRequest);
        Assert.True(mismatch.GetProperty("errors").TryGetProperty("houseId", out _));
        Assert.Equal(0, await DisputesDescribedAsync(tag));

        // The house at intake brings its address, its label and its grid.
        var created = await JsonAsync(await mediator.PostAsJsonAsync("/api/v1/disputes", Dispute("隔墙渗水赔偿", place.HouseId), Ct), HttpStatusCode.Created);
        var disputeId = created.GetProperty("id").GetGuid();
        var dispute = await JsonAsync(await commander.GetAsync($"/api/v1/disputes/{disputeId}", Ct), HttpStatusCode.OK);
        Assert.Equal(place.HouseId, dispute.GetProperty("registryHouseId").GetGuid());
        Assert.Equal(place.AddressId, dispute.GetProperty("registryAddressId").GetGuid());
        Assert.Equal(place.Label, dispute.GetProperty("address").GetString());
        Assert.Equal(units.Grid.Id, dispute.GetProperty("gridId").GetGuid());
        var shown = await JsonAsync(await commander.GetAsync($"/api/v1/disputes/{disputeId}/registry-place", Ct), HttpStatusCode.OK);
        Assert.Equal(place.Label, shown.GetProperty("houseLabel").GetString());
        Assert.True(shown.GetProperty("canOpenHouse").GetBoolean());

        using var community = await app.ClientAsAsync("community01");
        var onHouse = await JsonAsync(await community.GetAsync($"/api/v1/registry/houses/{place.HouseId}/links", Ct), HttpStatusCode.OK);
        var listed = Assert.Single(onHouse.GetProperty("disputes").EnumerateArray());
        Assert.Equal(disputeId, listed.GetProperty("id").GetGuid());
        Assert.Equal("所涉房屋", listed.GetProperty("role").GetString());
        // A department clerk who may see the house would not see disputes: they are not among the dispute roles.

        // Afterwards: a case without a place gets an address from staff who see it, against the version they saw.
        var later = await JsonAsync(await mediator.PostAsJsonAsync("/api/v1/disputes", new
        {
            description = $"楼道堆物争执 {tag}", disputeType = "邻里", communityId = units.Community.Id, gridId = units.Grid.Id,
            parties = new object[] { new { name = "孙某", role = "applicant" } },
        }, Ct), HttpStatusCode.Created);
        var laterId = later.GetProperty("id").GetGuid();
        var url = $"/api/v1/disputes/{laterId}/registry-place";
        var version = (await JsonAsync(await commander.GetAsync($"/api/v1/disputes/{laterId}", Ct), HttpStatusCode.OK)).GetProperty("version").GetInt32();
        var unknown = await JsonAsync(await commander.PutAsJsonAsync(url, new { houseId = Guid.NewGuid(), version }, Ct), HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("houseId", out _));
        Assert.Equal(JsonValueKindNull, (await JsonAsync(await commander.GetAsync(url, Ct), HttpStatusCode.OK)).GetProperty("houseId").ValueKind);
        await JsonAsync(await commander.PutAsJsonAsync(url, new { addressId = place.AddressId, version = version - 1 }, Ct), HttpStatusCode.Conflict);
        var set = await JsonAsync(await commander.PutAsJsonAsync(url, new { addressId = place.AddressId, version }, Ct), HttpStatusCode.OK);
        Assert.Equal(place.Label, set.GetProperty("addressLabel").GetString());
        Assert.Equal(version + 1, set.GetProperty("version").GetInt32());
        var onAddress = await JsonAsync(await community.GetAsync($"/api/v1/registry/addresses/{place.AddressId}/links", Ct), HttpStatusCode.OK);
        var atAddress = onAddress.GetProperty("disputes").EnumerateArray().Single(d => d.GetProperty("id").GetGuid() == laterId);
        Assert.Equal("发生地址", atAddress.GetProperty("role").GetString());
        // The house page lists what happened at its address too.
        var both = await JsonAsync(await community.GetAsync($"/api/v1/registry/houses/{place.HouseId}/links", Ct), HttpStatusCode.OK);
        Assert.Equal(2, both.GetProperty("disputes").GetArrayLength());

        // A grid worker outside the case's place: 404; a resident: 403.
        var foreign = await NewPlaceAsync(commander, units.OtherCommunity.Id, units.OtherCommunityGrid.Id);
        var foreignCase = await JsonAsync(await mediator.PostAsJsonAsync("/api/v1/disputes", Dispute("别处纠纷", foreign.HouseId), Ct), HttpStatusCode.Created);
        var foreignUrl = $"/api/v1/disputes/{foreignCase.GetProperty("id").GetGuid()}/registry-place";
        using var grid = await app.ClientAsAsync("grid01");
        await JsonAsync(await grid.PutAsJsonAsync(foreignUrl, new { addressId = place.AddressId, version = 1 }, Ct), HttpStatusCode.NotFound);
        await JsonAsync(await grid.GetAsync(foreignUrl, Ct), HttpStatusCode.NotFound);
        using var resident = await app.ClientAsAsync("resident01");
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.PutAsJsonAsync(url, new { addressId = place.AddressId, version }, Ct)).StatusCode);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}

public sealed class PlaceLinksTests_Sqlite(SqliteApp app) : PlaceLinksTests(app), IClassFixture<SqliteApp>;

public sealed class PlaceLinksTests_Postgres(PostgresApp app) : PlaceLinksTests(app), IClassFixture<PostgresApp>;
