using System.Net;
using Jiexin.IntegrationTests.Infrastructure;
using static Jiexin.IntegrationTests.Modules.Events.IntakeTestKit;

namespace Jiexin.IntegrationTests.Modules.Events.FindDuplicates;

/// <summary>GET /events/{id}/duplicates: open, same category, near, alike in words; then one Merge.</summary>
public abstract class FindDuplicatesTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly IntakeTestKit _kit = new(app);

    private static async Task<List<Guid>> DuplicatesAsync(HttpClient client, Guid id)
    {
        var list = await JsonAsync(await client.GetAsync($"/api/v1/events/{id}/duplicates", Ct), HttpStatusCode.OK);
        return [.. list.EnumerateArray().Select(d => d.GetProperty("id").GetGuid())];
    }

    [Fact]
    public async Task A_similar_open_report_nearby_is_suggested_and_merged_with_one_action()
    {
        var p = await _kit.PointInGridAsync("XC-01");
        var far = await _kit.PointInGridAsync("JH-01");
        using var commander = await app.ClientAsAsync("commander");

        var first = await ReportAsync(commander, new { description = "新庄路东门的路灯不亮了，晚上很黑", latitude = p.Lat, longitude = p.Lng });
        // About 55 m north.
        var second = await ReportAsync(commander, new { description = "东门路灯不亮了，晚上很黑很危险", latitude = p.Lat + 0.0005, longitude = p.Lng });
        var farAway = await ReportAsync(commander, new { description = "新庄路东门的路灯不亮了，晚上很黑", latitude = far.Lat, longitude = far.Lng });
        var otherMatter = await ReportAsync(commander, new { description = "小区门口有人乱倒建筑垃圾没人管", latitude = p.Lat, longitude = p.Lng });
        Assert.Equal(first.GetProperty("category").GetString(), second.GetProperty("category").GetString());
        Assert.NotNull(first.GetProperty("category").GetString());

        var secondId = second.GetProperty("id").GetGuid();
        var found = await JsonAsync(await commander.GetAsync($"/api/v1/events/{secondId}/duplicates", Ct), HttpStatusCode.OK);
        var match = found.EnumerateArray().Single(d => d.GetProperty("id").GetGuid() == first.GetProperty("id").GetGuid());
        Assert.InRange(match.GetProperty("distanceMeters").GetDouble(), 40, 70);
        Assert.InRange(match.GetProperty("similarity").GetDouble(), 0.25, 1);
        var ids = found.EnumerateArray().Select(d => d.GetProperty("id").GetGuid()).ToList();
        Assert.DoesNotContain(farAway.GetProperty("id").GetGuid(), ids);
        Assert.DoesNotContain(otherMatter.GetProperty("id").GetGuid(), ids);
        Assert.DoesNotContain(secondId, ids);

        var merged = await JsonAsync(await ActAsync(commander, second, "Merge", new { targetEventId = first.GetProperty("id").GetGuid() }), HttpStatusCode.OK);
        Assert.Equal("Merged", merged.GetProperty("status").GetString());
        Assert.Equal(first.GetProperty("id").GetGuid(), merged.GetProperty("mergedIntoId").GetGuid());

        // A merged event has nothing left to merge; the survivor no longer lists it (not open).
        Assert.Empty(await DuplicatesAsync(commander, secondId));
        Assert.DoesNotContain(secondId, await DuplicatesAsync(commander, first.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task Residents_cannot_ask_and_unknown_events_are_404()
    {
        using var resident = await app.ClientAsAsync("resident01");
        var mine = await ReportAsync(resident, new { description = "楼下的垃圾桶满了好几天", address = "新庄路 9 号" });
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync($"/api/v1/events/{mine.GetProperty("id").GetGuid()}/duplicates", Ct)).StatusCode);

        using var commander = await app.ClientAsAsync("commander");
        Assert.Equal(HttpStatusCode.NotFound, (await commander.GetAsync($"/api/v1/events/{Guid.NewGuid()}/duplicates", Ct)).StatusCode);
    }

    [Fact]
    public async Task Staff_outside_the_events_scope_get_404()
    {
        var p = await _kit.PointInGridAsync("XC-01");
        using var commander = await app.ClientAsAsync("commander");
        var e = await ReportAsync(commander, new { description = "东门口水管爆裂一直在漏水", latitude = p.Lat, longitude = p.Lng });
        using var department = await app.ClientAsAsync("dept-cg"); // not assigned: the department does not see it
        Assert.Equal(HttpStatusCode.NotFound, (await department.GetAsync($"/api/v1/events/{e.GetProperty("id").GetGuid()}/duplicates", Ct)).StatusCode);
    }
}

public sealed class FindDuplicatesTests_Sqlite(SqliteApp app) : FindDuplicatesTests(app), IClassFixture<SqliteApp>;

public sealed class FindDuplicatesTests_Postgres(PostgresApp app) : FindDuplicatesTests(app), IClassFixture<PostgresApp>;
