using System.Net;
using System.Net.Http.Json;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.Registry.RegistryTestKit;

namespace Jiexin.IntegrationTests.Modules.Registry.People;

/// <summary>
/// Issue 5 §5: an event linked to the person by the ID number they gave, and a dispute whose party has their ID number,
/// both show on the person's page (disputes only to the roles that work them: PersonLinks.DisputeRoles).
/// </summary>
public abstract class PersonLinksTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_event_linked_by_id_number_and_a_dispute_with_that_party_appear_on_the_persons_page()
    {
        using var grid = await app.ClientAsAsync("grid01");
        var idNumber = NewIdNumber();
        var name = "关联" + Guid.NewGuid().ToString("N")[..6];
        var personId = await CreatePersonAsync(grid, new { name, idNumber });
        var person = await JsonAsync(await grid.GetAsync($"/api/v1/registry/people/{personId}", Ct), HttpStatusCode.OK);
        var (lat, lng) = await DemoApi.GridCentreAsync(grid, Ct, person.GetProperty("gridId").GetGuid());

        using var commander = await app.ClientAsAsync("commander");
        var e = await JsonAsync(await commander.PostAsJsonAsync("/api/v1/events", new { description = $"楼上漏水殃及楼下 {name}", latitude = lat, longitude = lng }, Ct), HttpStatusCode.Created);
        var eventId = e.GetProperty("id").GetGuid();
        var links = $"/api/v1/events/{eventId}/registry-links";

        // Bad requests name the field; an unknown number is refused; the right one links once.
        var neither = await JsonAsync(await commander.PostAsJsonAsync(links, new { }, Ct), HttpStatusCode.BadRequest);
        Assert.True(neither.GetProperty("errors").TryGetProperty("personId", out _));
        var unknown = await JsonAsync(await commander.PostAsJsonAsync(links, new { idNumber = NewIdNumber() }, Ct), HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("idNumber", out _));
        var linked = await JsonAsync(await commander.PostAsJsonAsync(links, new { idNumber }, Ct), HttpStatusCode.Created);
        Assert.Equal(personId, linked.GetProperty("personId").GetGuid());
        Assert.Equal(name, linked.GetProperty("personName").GetString());
        Assert.Equal(idNumber[..6] + "**********" + idNumber[^2..], linked.GetProperty("idNumberMasked").GetString());
        await JsonAsync(await commander.PostAsJsonAsync(links, new { personId }, Ct), HttpStatusCode.Conflict);
        var listed = await JsonAsync(await commander.GetAsync(links, Ct), HttpStatusCode.OK);
        Assert.Equal([personId], listed.EnumerateArray().Select(l => l.GetProperty("personId").GetGuid()));
        using var resident = await app.ClientAsAsync("resident01");
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync(links, Ct)).StatusCode);

        // A dispute whose applicant gives the same ID number is linked at intake.
        using var mediator = await app.ClientAsAsync("mediator01");
        var dispute = await JsonAsync(await mediator.PostAsJsonAsync("/api/v1/disputes", new
        {
            description = $"漏水赔偿协商不成 {name}",
            disputeType = "邻里",
            parties = new object[] { new { name, role = "applicant", idNumber }, new { name = "王某", role = "respondent" } },
        }, Ct), HttpStatusCode.Created);
        var disputeId = dispute.GetProperty("id").GetGuid();

        using var community = await app.ClientAsAsync("community01");
        var page = await JsonAsync(await community.GetAsync($"/api/v1/registry/people/{personId}/links", Ct), HttpStatusCode.OK);
        var ev = Assert.Single(page.GetProperty("events").EnumerateArray());
        Assert.Equal(e.GetProperty("trackingCode").GetString(), ev.GetProperty("trackingCode").GetString());
        var d = Assert.Single(page.GetProperty("disputes").EnumerateArray());
        Assert.Equal(disputeId, d.GetProperty("id").GetGuid());
        Assert.Equal("申请人", d.GetProperty("role").GetString());

        // The grid worker of the person's grid sees the dispute too; an unknown person is 404.
        var other = await JsonAsync(await grid.GetAsync($"/api/v1/registry/people/{personId}/links", Ct), HttpStatusCode.OK);
        Assert.Single(other.GetProperty("disputes").EnumerateArray());
        await JsonAsync(await community.GetAsync($"/api/v1/registry/people/{Guid.NewGuid()}/links", Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_database_keeps_one_link_per_event_and_record_even_when_two_writes_race_past_the_check()
    {
        using var grid = await app.ClientAsAsync("grid01");
        var personId = await CreatePersonAsync(grid, new { name = "并发" + Guid.NewGuid().ToString("N")[..6], idNumber = NewIdNumber() });
        using var commander = await app.ClientAsAsync("commander");
        var e = await JsonAsync(await commander.PostAsJsonAsync("/api/v1/events", new { description = $"并发关联测试 {Guid.NewGuid():N}", address = "新庄路 8 号" }, Ct), HttpStatusCode.Created);
        var eventId = e.GetProperty("id").GetGuid();
        await JsonAsync(await commander.PostAsJsonAsync($"/api/v1/events/{eventId}/registry-links", new { personId }, Ct), HttpStatusCode.Created);

        // What a second request that passed the "already linked?" check at the same moment would write.
        var refused = await Assert.ThrowsAsync<Microsoft.EntityFrameworkCore.DbUpdateException>(() => app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Jiexin.Data.JiexinDbContext>();
            db.Add(new Jiexin.Modules.Events.RegistryLinks.EventRegistryLink { Id = Guid.CreateVersion7(), EventId = eventId, PersonId = personId, LinkedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync(Ct);
        }));
        Assert.NotNull(refused);

        // Only the first link is there.
        var count = await app.WithScopeAsync(sp => sp.GetRequiredService<Jiexin.Data.JiexinDbContext>()
            .Set<Jiexin.Modules.Events.RegistryLinks.EventRegistryLink>().CountAsync(l => l.EventId == eventId, Ct));
        Assert.Equal(1, count);
    }
}

public sealed class PersonLinksTests_Sqlite(SqliteApp app) : PersonLinksTests(app), IClassFixture<SqliteApp>;

public sealed class PersonLinksTests_Postgres(PostgresApp app) : PersonLinksTests(app), IClassFixture<PostgresApp>;
