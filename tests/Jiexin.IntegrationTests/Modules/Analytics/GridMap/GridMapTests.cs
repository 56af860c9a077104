using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Analytics.Figures;
using Jiexin.Modules.Events.Deadlines;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Modules.Warnings.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Analytics.GridMap;

/// <summary>
/// 网格地图 on each provider: per-grid open / overdue / open-warning counts equal a naive count over the raw tables
/// (folded or not), event points carry no personal data, the caller's scope decides the grids (community: its own;
/// department and resident: 403), and the events list's grid filter returns only that grid's events within scope.
/// Tests in a class share one database: counts are compared against the raw tables at the same moment.
/// </summary>
public abstract class GridMapTests(JiexinApp app)
{
    private const string GridMap = "/api/v1/analytics/grid-map";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> MapAsync(string user)
    {
        using var client = await app.ClientAsAsync(user);
        var response = await client.GetAsync(GridMap, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The first grid of the first community (grid01's, inside community01's) and a grid of another community.</summary>
    private Task<(Guid Community, Guid Own, Guid Other)> GridsAsync() => app.WithScopeAsync(sp =>
    {
        var territory = sp.GetRequiredService<ITerritoryLookup>();
        var first = territory.Communities[0].Id;
        return Task.FromResult((first, territory.GridsOf(first)[0].Id, territory.GridsOf(territory.Communities[1].Id)[0].Id));
    });

    private async Task<JsonElement> ReportAsync(HttpClient client, Guid grid, string description)
    {
        using var commander = await app.ClientAsAsync("commander");
        var (lat, lng) = await Jiexin.Testing.DemoApi.GridCentreAsync(commander, Ct, grid);
        var response = await client.PostAsJsonAsync("/api/v1/events", new { description = $"{description} {Guid.NewGuid():N}", latitude = lat, longitude = lng }, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var e = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(grid, e.GetProperty("gridId").GetGuid());
        return e;
    }

    private static async Task<JsonElement> ActAsync(HttpClient client, JsonElement e, string action, object? extra = null)
    {
        var body = JsonSerializer.SerializeToNode(extra ?? new { })!.AsObject();
        body["version"] = e.GetProperty("version").GetInt32();
        var response = await client.PostAsJsonAsync($"/api/v1/events/{e.GetProperty("id").GetGuid()}/actions/{action}", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task MakeOverdueAsync(JsonElement e)
    {
        var id = e.GetProperty("id").GetGuid();
        await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Event>().Where(x => x.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.DueAt, DateTime.UtcNow.AddHours(-1)), Ct));
        await app.WithScopeAsync(sp => sp.GetRequiredService<MarkDeadlineWarningsJob>().RunOnceAsync(Ct));
    }

    private Task<int> FoldAsync() => app.WithScopeAsync(sp => sp.GetRequiredService<FoldEventFiguresJob>().RunOnceAsync(Ct));

    private Task<int> AddWarningAsync(Guid grid, bool closed) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<JiexinDbContext>();
        var key = $"test:{Guid.NewGuid():N}";
        db.Set<Warning>().Add(new Warning
        {
            Id = Guid.NewGuid(),
            Kind = WarningKind.OverdueCluster,
            Severity = WarningSeverity.Yellow,
            Status = closed ? WarningStatus.Closed : WarningStatus.Open,
            ConditionKey = key,
            OpenKey = closed ? null : key,
            Title = "测试预警",
            Summary = "测试",
            EvidenceJson = "{}",
            GridId = grid,
            RaisedAt = DateTime.UtcNow,
            ClosedAt = closed ? DateTime.UtcNow : null,
        });
        return await db.SaveChangesAsync(Ct);
    });

    /// <summary>Open, 红牌 and open-warning counts per grid, counted naively over the raw tables.</summary>
    private Task<Dictionary<Guid, (long Open, long Overdue, int Warnings)>> NaiveAsync() => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<JiexinDbContext>();
        var closedStates = new[] { EventStatus.Closed, EventStatus.Merged, EventStatus.Rejected };
        var events = await db.Set<Event>().AsNoTracking().Where(e => e.GridId != null)
            .Select(e => new { e.GridId, e.Status, e.Warning }).ToListAsync(Ct);
        var warnings = await db.Set<Warning>().AsNoTracking().Where(w => w.GridId != null && w.Status != WarningStatus.Closed)
            .Select(w => w.GridId).ToListAsync(Ct);
        var territory = sp.GetRequiredService<ITerritoryLookup>();
        return territory.GridOutlines.ToDictionary(g => g.Id, g => (
            (long)events.Count(e => e.GridId == g.Id && !closedStates.Contains(e.Status)),
            (long)events.Count(e => e.GridId == g.Id && !closedStates.Contains(e.Status) && e.Warning == DeadlineWarning.Overdue),
            warnings.Count(w => w == g.Id)));
    });

    private static Dictionary<Guid, (long Open, long Overdue, int Warnings)> CountsOf(JsonElement map) =>
        map.GetProperty("grids").EnumerateArray().ToDictionary(
            g => g.GetProperty("id").GetGuid(),
            g => (g.GetProperty("open").GetInt64(), g.GetProperty("overdue").GetInt64(), g.GetProperty("warnings").GetInt32()));

    [Fact]
    public async Task Counts_per_grid_equal_a_naive_count_folded_or_not_and_points_carry_no_personal_data()
    {
        var (_, own, other) = await GridsAsync();
        using var resident = await app.ClientAsAsync("resident01");
        using var commander = await app.ClientAsAsync("commander");

        var open1 = await ReportAsync(resident, own, "楼道灯坏了");
        var overdue = await ReportAsync(resident, own, "下水道堵塞");
        var elsewhere = await ReportAsync(resident, other, "路面坑洼");
        var rejected = await ReportAsync(resident, other, "咨询天气");
        rejected = await ActAsync(commander, rejected, "Reject", new { note = "不属于受理范围" });
        await MakeOverdueAsync(overdue);
        await AddWarningAsync(own, closed: false);
        await AddWarningAsync(own, closed: false);
        await AddWarningAsync(other, closed: true);

        // Before the fold: the counts come from the deltas; after it, from the buckets.
        foreach (var fold in new[] { false, true })
        {
            if (fold)
            {
                await FoldAsync();
            }

            var map = await MapAsync("commander");
            var counts = CountsOf(map);
            var naive = await NaiveAsync();
            Assert.Equal(naive.Count, counts.Count);
            foreach (var (grid, expected) in naive)
            {
                Assert.Equal(expected, counts[grid]);
            }

            Assert.True(counts[own].Open >= 2 && counts[own].Overdue >= 1 && counts[own].Warnings >= 2, $"{counts[own]}");

            var points = map.GetProperty("points").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetGuid());
            Assert.False(points[open1.GetProperty("id").GetGuid()].GetProperty("overdue").GetBoolean());
            Assert.True(points[overdue.GetProperty("id").GetGuid()].GetProperty("overdue").GetBoolean());
            Assert.Equal(other, points[elsewhere.GetProperty("id").GetGuid()].GetProperty("gridId").GetGuid());
            Assert.DoesNotContain(rejected.GetProperty("id").GetGuid(), points.Keys);
            Assert.Equal(map.GetProperty("pointsTotal").GetInt32(), points.Count);

            // Place rounded to ~10 m; nothing of the report's text, address or reporter.
            var point = points[open1.GetProperty("id").GetGuid()];
            Assert.Equal(Math.Round(open1.GetProperty("latitude").GetDouble(), 4), point.GetProperty("latitude").GetDouble());
            var names = point.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(new[] { "category", "gridId", "id", "latitude", "longitude", "overdue" }, names);
        }
    }

    [Fact]
    public async Task A_community_sees_only_its_grids_a_street_all_and_a_department_or_resident_is_refused()
    {
        var (community, own, other) = await GridsAsync();
        using var resident = await app.ClientAsAsync("resident01");
        var inOther = await ReportAsync(resident, other, "垃圾清运不及时");
        var inOwn = await ReportAsync(resident, own, "路灯不亮");

        var expected = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<ITerritoryLookup>().GridsOf(community).Select(g => g.Id).ToHashSet()));
        var all = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<ITerritoryLookup>().GridOutlines.Count));

        var mine = await MapAsync("community01");
        var grids = mine.GetProperty("grids").EnumerateArray().Select(g => g.GetProperty("id").GetGuid()).ToHashSet();
        Assert.Equal(expected, grids);
        Assert.All(mine.GetProperty("grids").EnumerateArray(), g => Assert.Equal(community, g.GetProperty("communityId").GetGuid()));
        Assert.All(mine.GetProperty("grids").EnumerateArray(), g => Assert.StartsWith("{", g.GetProperty("boundaryGeoJson").GetString()));
        var points = mine.GetProperty("points").EnumerateArray().ToList();
        Assert.All(points, p => Assert.Contains(p.GetProperty("gridId").GetGuid(), expected));
        Assert.Contains(points, p => p.GetProperty("id").GetGuid() == inOwn.GetProperty("id").GetGuid());
        Assert.DoesNotContain(points, p => p.GetProperty("id").GetGuid() == inOther.GetProperty("id").GetGuid());

        var gridWorker = await MapAsync("grid01");
        Assert.Equal([own], gridWorker.GetProperty("grids").EnumerateArray().Select(g => g.GetProperty("id").GetGuid()).ToArray());

        Assert.Equal(all, (await MapAsync("commander")).GetProperty("grids").GetArrayLength());
        Assert.Equal(all, (await MapAsync("leader")).GetProperty("grids").GetArrayLength());

        foreach (var refused in new[] { "resident01", "dept-cg" })
        {
            using var client = await app.ClientAsAsync(refused);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(GridMap, Ct)).StatusCode);
        }

        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(GridMap, Ct)).StatusCode);
    }

    [Fact]
    public async Task The_events_list_grid_filter_returns_only_that_grids_events_within_the_callers_scope()
    {
        var (_, own, other) = await GridsAsync();
        using var resident = await app.ClientAsAsync("resident01");
        var a = await ReportAsync(resident, own, "消防通道被占");
        var b = await ReportAsync(resident, other, "噪音扰民");

        async Task<List<JsonElement>> ListAsync(string user, Guid grid)
        {
            using var client = await app.ClientAsAsync(user);
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/events?gridId={grid}&open=true&pageSize=100", Ct);
            return [.. page.GetProperty("items").EnumerateArray()];
        }

        var ownList = await ListAsync("commander", own);
        Assert.All(ownList, e => Assert.Equal(own, e.GetProperty("gridId").GetGuid()));
        Assert.Contains(ownList, e => e.GetProperty("id").GetGuid() == a.GetProperty("id").GetGuid());
        Assert.DoesNotContain(ownList, e => e.GetProperty("id").GetGuid() == b.GetProperty("id").GetGuid());

        var otherList = await ListAsync("commander", other);
        Assert.All(otherList, e => Assert.Equal(other, e.GetProperty("gridId").GetGuid()));
        Assert.Contains(otherList, e => e.GetProperty("id").GetGuid() == b.GetProperty("id").GetGuid());

        // community01 asking for another community's grid sees none of that grid's (unassigned) events.
        var outside = await ListAsync("community01", other);
        Assert.DoesNotContain(outside, e => e.GetProperty("id").GetGuid() == b.GetProperty("id").GetGuid());
        var inside = await ListAsync("community01", own);
        Assert.Contains(inside, e => e.GetProperty("id").GetGuid() == a.GetProperty("id").GetGuid());
    }
}

public sealed class GridMapTests_Sqlite(SqliteApp app) : GridMapTests(app), IClassFixture<SqliteApp>;

public sealed class GridMapTests_Postgres(PostgresApp app) : GridMapTests(app), IClassFixture<PostgresApp>;
