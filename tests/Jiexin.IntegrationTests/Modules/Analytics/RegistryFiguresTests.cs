using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Accounts;
using Jiexin.Modules.Registry.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.Registry.RegistryTestKit;

namespace Jiexin.IntegrationTests.Modules.Analytics;

/// <summary>Issue 8 §1 registry verification on the command centre: counts per community equal the raw tables, move with an on-site check, in scope.</summary>
public abstract class RegistryFiguresTests(JiexinApp app)
{
    private const string Url = "/api/v1/analytics/registry";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Verifying_a_person_on_site_moves_their_communitys_figures_which_equal_the_raw_tables()
    {
        var units = app.Units();
        using var commander = await app.ClientAsAsync("commander");
        using var grid = await app.ClientAsAsync("grid01");
        var personId = await CreatePersonAsync(grid, new { name = "核实" + Guid.NewGuid().ToString("N")[..6], idNumber = NewIdNumber(), phone = NewPhone() });
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(30);
        var campaign = await JsonAsync(await commander.PostAsJsonAsync("/api/v1/registry/verification/campaigns", new { name = "年度核查" + Guid.NewGuid().ToString("N")[..6], dueOn = due }, Ct), HttpStatusCode.Created);
        var before = await FiguresAsync(commander);
        await CompareWithRawTablesAsync(before);

        var tasks = await JsonAsync(await grid.GetAsync("/api/v1/registry/verification/my", Ct), HttpStatusCode.OK);
        var item = tasks.EnumerateArray().Single(t => t.GetProperty("personId").GetGuid() == personId && t.GetProperty("campaignId").GetGuid() == campaign.GetProperty("id").GetGuid());
        var (lat, lng) = await PointInGridAsync(units.Grid.Id);
        await JsonAsync(await grid.PostAsJsonAsync($"/api/v1/registry/verification/items/{item.GetProperty("id").GetGuid()}",
            new { outcome = "Confirmed", latitude = lat, longitude = lng, version = item.GetProperty("version").GetInt32() }, Ct), HttpStatusCode.NoContent);

        var after = await FiguresAsync(commander);
        await CompareWithRawTablesAsync(after);
        var community = units.Community.Id;
        Assert.Equal(Line(before, community, "peopleVerified") + 1, Line(after, community, "peopleVerified"));
        Assert.Equal(Line(before, community, "campaignItemsDone") + 1, Line(after, community, "campaignItemsDone"));
        Assert.Equal(Line(before, community, "people"), Line(after, community, "people"));
        Assert.Equal(Line(before, units.OtherCommunity.Id, "peopleVerified"), Line(after, units.OtherCommunity.Id, "peopleVerified"));
        Assert.Equal(after.GetProperty("communities").EnumerateArray().Sum(l => l.GetProperty("people").GetInt32()), after.GetProperty("total").GetProperty("people").GetInt32());

        // A community account sees its own line only; the total is its line.
        using var own = await app.ClientAsAsync("community01");
        var mine = await FiguresAsync(own);
        var line = Assert.Single(mine.GetProperty("communities").EnumerateArray());
        Assert.Equal(community, line.GetProperty("communityId").GetGuid());
        Assert.Equal(Line(after, community, "peopleVerified"), line.GetProperty("peopleVerified").GetInt32());
        Assert.Equal(line.GetProperty("people").GetInt32(), mine.GetProperty("total").GetProperty("people").GetInt32());
    }

    [Fact]
    public async Task Grid_workers_departments_and_residents_are_refused()
    {
        foreach (var user in new[] { "grid01", "dept-cg", "resident01" })
        {
            using var client = await app.ClientAsAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Url, Ct)).StatusCode);
        }
    }

    /// <summary>Every community line against GROUP BYs written naively over people, houses and open campaigns' items.</summary>
    private async Task CompareWithRawTablesAsync(JsonElement figures)
    {
        var since = DateOnly.Parse(figures.GetProperty("verifiedSince").GetString()!, CultureInfo.InvariantCulture);
        var sinceUtc = DateTime.SpecifyKind(since.ToDateTime(TimeOnly.MinValue).AddHours(-8), DateTimeKind.Utc);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var (people, houses, items) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            var open = await db.Set<VerificationCampaign>().AsNoTracking().Where(c => c.ClosedAt == null).ToDictionaryAsync(c => c.Id, c => c.DueOn, Ct);
            return (await db.Set<Person>().AsNoTracking().Select(p => new { p.CommunityId, p.VerifiedAt }).ToListAsync(Ct),
                await db.Set<House>().AsNoTracking().Select(h => new { h.CommunityId, h.VerifiedAt }).ToListAsync(Ct),
                (await db.Set<VerificationItem>().AsNoTracking().ToListAsync(Ct)).Where(i => open.ContainsKey(i.CampaignId))
                    .Select(i => new { i.CommunityId, i.Outcome, Due = open[i.CampaignId] }).ToList());
        });
        var lines = figures.GetProperty("communities").EnumerateArray().ToDictionary(l => l.GetProperty("communityId").GetGuid());
        var communities = people.Select(p => p.CommunityId ?? Guid.Empty).Concat(houses.Select(h => h.CommunityId ?? Guid.Empty)).Concat(items.Select(i => i.CommunityId ?? Guid.Empty)).Distinct().ToList();
        Assert.Equal(communities.Order(), lines.Keys.Order());
        foreach (var id in communities)
        {
            var l = lines[id];
            Assert.Equal(people.Count(p => (p.CommunityId ?? Guid.Empty) == id), l.GetProperty("people").GetInt32());
            Assert.Equal(people.Count(p => (p.CommunityId ?? Guid.Empty) == id && p.VerifiedAt >= sinceUtc), l.GetProperty("peopleVerified").GetInt32());
            Assert.Equal(houses.Count(h => (h.CommunityId ?? Guid.Empty) == id), l.GetProperty("houses").GetInt32());
            Assert.Equal(houses.Count(h => (h.CommunityId ?? Guid.Empty) == id && h.VerifiedAt >= sinceUtc), l.GetProperty("housesVerified").GetInt32());
            var mine = items.Where(i => (i.CommunityId ?? Guid.Empty) == id).ToList();
            Assert.Equal(mine.Count, l.GetProperty("campaignItems").GetInt32());
            Assert.Equal(mine.Count(i => i.Outcome != VerificationOutcome.Pending), l.GetProperty("campaignItemsDone").GetInt32());
            Assert.Equal(mine.Count(i => i.Outcome == VerificationOutcome.Pending && i.Due < today), l.GetProperty("campaignItemsOverdue").GetInt32());
        }
    }

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

    private static async Task<JsonElement> FiguresAsync(HttpClient client) => await JsonAsync(await client.GetAsync(Url, Ct), HttpStatusCode.OK);

    private static int Line(JsonElement figures, Guid community, string field) =>
        figures.GetProperty("communities").EnumerateArray().Single(c => c.GetProperty("communityId").GetGuid() == community).GetProperty(field).GetInt32();
}

public sealed class RegistryFiguresTests_Sqlite(SqliteApp app) : RegistryFiguresTests(app), IClassFixture<SqliteApp>;

public sealed class RegistryFiguresTests_Postgres(PostgresApp app) : RegistryFiguresTests(app), IClassFixture<PostgresApp>;
