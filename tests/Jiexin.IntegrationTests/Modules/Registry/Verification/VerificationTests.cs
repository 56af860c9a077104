using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Accounts;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.Registry.RegistryTestKit;

namespace Jiexin.IntegrationTests.Modules.Registry.Verification;

/// <summary>核查: a campaign makes a task per grid; the grid worker corrects on site with GPS; the diff is kept; progress per grid.</summary>
public abstract class VerificationTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(double Lat, double Lng)> PointInGridAsync(Guid gridId)
    {
        using var commander = await app.ClientAsAsync("commander");
        var grids = JsonNode.Parse(await commander.GetStringAsync("/api/v1/territory/grids", Ct))!;
        var feature = grids["features"]!.AsArray().First(f => Guid.Parse((string)f!["id"]!) == gridId)!;
        var geometry = feature["geometry"]!;
        var ring = ((string?)geometry["type"] == "MultiPolygon" ? geometry["coordinates"]![0]![0] : geometry["coordinates"]![0])!.AsArray();
        var points = ring.Take(ring.Count - 1).Select(p => (Lng: (double)p![0]!, Lat: (double)p[1]!)).ToList();
        return (points.Average(p => p.Lat), points.Average(p => p.Lng));
    }

    [Fact]
    public async Task A_campaign_gives_the_grid_worker_a_checklist_and_a_correction_on_site_is_kept_as_a_diff_and_counted()
    {
        var units = app.Units();
        using var grid = await app.ClientAsAsync("grid01");
        var name = "核查" + Guid.NewGuid().ToString("N")[..6];
        var oldPhone = NewPhone();
        var personId = await CreatePersonAsync(grid, new { name, idNumber = NewIdNumber(), phone = oldPhone });

        using var commander = await app.ClientAsAsync("commander");
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(30);
        var started = await JsonAsync(await commander.PostAsJsonAsync("/api/v1/registry/verification/campaigns", new { name = "季度核查" + name, dueOn = due }, Ct), HttpStatusCode.Created);
        var campaignId = started.GetProperty("id").GetGuid();
        Assert.True(started.GetProperty("items").GetInt32() > 0);

        var tasks = await JsonAsync(await grid.GetAsync("/api/v1/registry/verification/my", Ct), HttpStatusCode.OK);
        var item = tasks.EnumerateArray().Single(t => t.GetProperty("personId").GetGuid() == personId && t.GetProperty("campaignId").GetGuid() == campaignId);
        Assert.Equal(oldPhone[..3] + "****" + oldPhone[^4..], item.GetProperty("phone").GetString());
        var itemId = item.GetProperty("id").GetGuid();

        // Outside the territory is refused; the sibling grid's worker cannot even see the item.
        await JsonAsync(await grid.PostAsJsonAsync($"/api/v1/registry/verification/items/{itemId}", new { outcome = "Confirmed", latitude = 39.9, longitude = 116.4 }, Ct), HttpStatusCode.BadRequest);
        var sibling = await app.CreateAccountAsync(Roles.GridWorker, units.SiblingGrid);
        using var other = await app.ClientAsAsync(sibling.UserName, TestAccounts.Password);
        await JsonAsync(await other.PostAsJsonAsync($"/api/v1/registry/verification/items/{itemId}", new { outcome = "Confirmed" }, Ct), HttpStatusCode.NotFound);

        var (lat, lng) = await PointInGridAsync(units.Grid.Id);
        var newPhone = NewPhone();
        await JsonAsync(await grid.PostAsJsonAsync($"/api/v1/registry/verification/items/{itemId}",
            new { outcome = "Corrected", latitude = lat, longitude = lng, phone = newPhone, residenceType = "Floating", version = item.GetProperty("version").GetInt32() }, Ct), HttpStatusCode.NoContent);
        await JsonAsync(await grid.PostAsJsonAsync($"/api/v1/registry/verification/items/{itemId}", new { outcome = "Confirmed" }, Ct), HttpStatusCode.Conflict);

        var (stored, person) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            return (await db.Set<VerificationItem>().AsNoTracking().SingleAsync(i => i.Id == itemId, Ct),
                await db.Set<Person>().AsNoTracking().SingleAsync(p => p.Id == personId, Ct));
        });
        Assert.Equal(VerificationOutcome.Corrected, stored.Outcome);
        Assert.Equal(lat, stored.Latitude);
        Assert.Contains("phone", stored.Changes);
        Assert.Contains(newPhone[..3] + "****" + newPhone[^4..], stored.Changes);
        Assert.DoesNotContain(newPhone, stored.Changes);
        Assert.DoesNotContain(oldPhone, stored.Changes);
        Assert.NotNull(person.VerifiedAt);
        Assert.Equal(ResidenceType.Floating, person.ResidenceType);
        var revealed = await JsonAsync(await commander.PostAsJsonAsync($"/api/v1/registry/people/{personId}/reveal", new { field = "phone", reason = "核对核查更正" }, Ct), HttpStatusCode.OK);
        Assert.Equal(newPhone, revealed.GetProperty("value").GetString());

        var progress = await JsonAsync(await commander.GetAsync($"/api/v1/registry/verification/campaigns/{campaignId}", Ct), HttpStatusCode.OK);
        var row = progress.GetProperty("grids").EnumerateArray().Single(g => g.GetProperty("gridId").GetGuid() == units.Grid.Id);
        Assert.Equal(1, row.GetProperty("corrected").GetInt32());
        Assert.Equal(row.GetProperty("total").GetInt32() - 1, row.GetProperty("pending").GetInt32());
        Assert.False(row.GetProperty("overdue").GetBoolean());
        // The grid worker's view of the progress has their grid only.
        var own = await JsonAsync(await grid.GetAsync($"/api/v1/registry/verification/campaigns/{campaignId}", Ct), HttpStatusCode.OK);
        Assert.Equal([units.Grid.Id], own.GetProperty("grids").EnumerateArray().Select(g => g.GetProperty("gridId").GetGuid()));
        Assert.DoesNotContain(await JsonAsync(await grid.GetAsync("/api/v1/registry/verification/my", Ct), HttpStatusCode.OK).ContinueWith(t => t.Result.EnumerateArray().ToList(), Ct),
            t => t.GetProperty("id").GetGuid() == itemId);
    }
}

public sealed class VerificationTests_Sqlite(SqliteApp app) : VerificationTests(app), IClassFixture<SqliteApp>;

public sealed class VerificationTests_Postgres(PostgresApp app) : VerificationTests(app), IClassFixture<PostgresApp>;
