using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.IntegrationTests.Modules.Attribution;
using Jiexin.IntegrationTests.Infrastructure;

namespace Jiexin.IntegrationTests.Modules.Warnings.Hotspots;

/// <summary>热点 end to end: similar reports close together form one, dissimilar or distant ones do not; the commander merges it into one task.</summary>
public abstract class HotspotTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly WarningsApi _api = new(app);

    private static async Task<List<JsonElement>> HotspotsAsync(HttpClient client)
    {
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/hotspots", Ct);
        return [.. list.GetProperty("items").EnumerateArray()];
    }

    /// <summary>Reports one after another, a minute apart on the fake clock (the first is the hotspot's first report).</summary>
    private async Task<Guid> ReportAsync(HttpClient client, string text, DemoGrid grid, double north, double east)
    {
        _api.Clock.Advance(TimeSpan.FromMinutes(1));
        return await WarningsApi.ReportAsync(client, text, grid, north, east);
    }

    private static IEnumerable<Guid> Members(JsonElement hotspot) => hotspot.GetProperty("reports").EnumerateArray().Select(r => r.GetProperty("id").GetGuid());

    [Fact]
    public async Task Similar_nearby_reports_form_a_hotspot_with_its_heat_and_dissimilar_or_distant_ones_do_not()
    {
        var places = await _api.PlacesAsync();
        var here = places[6];
        var elsewhere = (await _api.LastGridPerCommunityAsync()).First(g => g.CommunityId != here.CommunityId);
        using var commander = await _api.LoginAsync("commander");

        var similar = new List<Guid>
        {
            await ReportAsync(commander, "滨河花园3号楼下水道堵塞，污水外溢到路面", here, 0, 0),
            await ReportAsync(commander, "滨河花园3号楼门口下水道堵塞，污水外溢很臭", here, 40, 10),
            await ReportAsync(commander, "3号楼下水道又堵塞了，污水外溢", here, -30, 25),
        };
        var dissimilar = new List<Guid>
        {
            await ReportAsync(commander, "广场舞音响声音太大，晚上十点还在扰民", here, 10, -20),
            await ReportAsync(commander, "小区里有人遛狗不牵绳，吓到小孩", here, -20, -10),
        };
        var distant = await ReportAsync(commander, "滨河花园3号楼下水道堵塞，污水外溢到路面", elsewhere, 0, 0);

        var hotspots = await HotspotsAsync(commander);
        var hotspot = Assert.Single(hotspots, h => Members(h).Intersect(similar).Any());
        Assert.Equal(similar.Order(), Members(hotspot).Order());
        Assert.DoesNotContain(hotspots, h => Members(h).Intersect(dissimilar).Any() || Members(h).Contains(distant));
        Assert.Contains("下水道", hotspot.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(similar[0], hotspot.GetProperty("id").GetGuid());

        // Heat = 10 × Σ 2^(−age/48 h) × (0.5 + 0.5 × reporters/reports): three reports minutes old (no resident account: three reporters) ≈ 30.
        Assert.Equal(30.0, hotspot.GetProperty("heat").GetDouble(), 1);
        _api.Clock.Advance(TimeSpan.FromHours(48));
        using var later = await _api.LoginAsync("commander");
        var cooled = Assert.Single(await HotspotsAsync(later), h => Members(h).Intersect(similar).Any());
        Assert.Equal(15.0, cooled.GetProperty("heat").GetDouble(), 1);

        // Bad input is a 400 problem, not a 500.
        var bad = await later.GetAsync("/api/v1/hotspots?days=0", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_commander_turns_a_hotspot_into_one_task_merging_its_reports_and_a_leader_cannot()
    {
        var here = (await _api.LastGridPerCommunityAsync())[^1];
        using var commander = await _api.LoginAsync("commander");
        var ids = new List<Guid>
        {
            await ReportAsync(commander, "桥头路灯不亮，晚上走路看不见", here, 0, 0),
            await ReportAsync(commander, "桥头那边路灯坏了不亮，晚上很黑", here, 10, 20),
            await ReportAsync(commander, "桥头路灯一直不亮，晚上走路不安全", here, -10, -20),
        };
        var hotspot = Assert.Single(await HotspotsAsync(commander), h => Members(h).Intersect(ids).Any());
        var id = hotspot.GetProperty("id").GetGuid();
        Assert.Equal(ids.Order(), Members(hotspot).Order());

        using var leader = await _api.LoginAsync("leader");
        Assert.Equal(HttpStatusCode.Forbidden, (await WarningsApi.PostAsync(leader, $"/api/v1/hotspots/{id}/task", new { eventIds = ids })).Status);
        var (noOther, _) = await WarningsApi.PostAsync(commander, $"/api/v1/hotspots/{id}/task", new { eventIds = new[] { id } });
        Assert.Equal(HttpStatusCode.BadRequest, noOther);

        var (status, result) = await WarningsApi.PostAsync(commander, $"/api/v1/hotspots/{id}/task", new { eventIds = ids, note = "桥头路灯统一交城管维修" });
        Assert.True(status == HttpStatusCode.OK, result.ToString());
        Assert.Equal(ids[0], result.GetProperty("primaryEventId").GetGuid());
        Assert.Equal(ids.Skip(1).Order(), result.GetProperty("merged").EnumerateArray().Select(x => x.GetGuid()).Order());

        foreach (var other in ids.Skip(1))
        {
            var e = await commander.GetFromJsonAsync<JsonElement>($"/api/v1/events/{other}", Ct);
            Assert.Equal("Merged", e.GetProperty("status").GetString());
            Assert.Equal(ids[0], e.GetProperty("mergedIntoId").GetGuid());
        }

        var primary = await commander.GetFromJsonAsync<JsonElement>($"/api/v1/events/{ids[0]}", Ct);
        Assert.NotEqual("Merged", primary.GetProperty("status").GetString());
        Assert.Contains(primary.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("action").GetString() == "Coordinate");

        // The merged reports are no longer open: the hotspot is gone, and asking again is a 404.
        Assert.DoesNotContain(await HotspotsAsync(commander), h => Members(h).Intersect(ids).Any());
        Assert.Equal(HttpStatusCode.NotFound, (await WarningsApi.PostAsync(commander, $"/api/v1/hotspots/{id}/task", new { eventIds = ids })).Status);
    }
}

public sealed class HotspotTests_Sqlite(WarningsSqliteApp app) : HotspotTests(app), IClassFixture<WarningsSqliteApp>;

public sealed class HotspotTests_Postgres(WarningsPostgresApp app) : HotspotTests(app), IClassFixture<WarningsPostgresApp>;
