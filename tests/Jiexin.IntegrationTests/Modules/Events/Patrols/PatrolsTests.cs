using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.IntegrationTests.Infrastructure;

namespace Jiexin.IntegrationTests.Modules.Events.Patrols;

/// <summary>巡查 and 走访 over HTTP: the track, its distance, retries, who may see what, and the "铁脚板" figures.</summary>
public abstract class PatrolsTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly EventTestKit _kit = new(app);

    /// <summary>Metres per degree of latitude (WGS-84 sphere used by the haversine).</summary>
    private const double MetresPerDegree = 111_195.08;

    private static object Fix(double lat, double lng, DateTime at, double accuracy = 10) =>
        new { latitude = lat, longitude = lng, recordedAt = at, accuracyMeters = accuracy };

    private static async Task<JsonElement> PostPointsAsync(HttpClient client, Guid patrol, params object[] points) =>
        await EventTestKit.OkAsync(client.PostAsJsonAsync($"/api/v1/patrols/{patrol}/points", new { points }, Ct));

    /// <summary>Any patrol left under way by another test is ended first, so this one starts fresh.</summary>
    private static async Task<JsonElement> StartFreshAsync(HttpClient grid)
    {
        var first = await grid.PostAsync("/api/v1/patrols", null, Ct);
        var patrol = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        if (first.StatusCode == HttpStatusCode.Created)
        {
            return patrol;
        }

        await EventTestKit.OkAsync(grid.PostAsJsonAsync($"/api/v1/patrols/{patrol.GetProperty("id").GetGuid()}/stop", new { }, Ct));
        var again = await grid.PostAsync("/api/v1/patrols", null, Ct);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        return await again.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Fact]
    public async Task A_patrol_adds_up_its_track_once_however_often_a_batch_is_sent()
    {
        using var grid = await app.ClientAsAsync("grid01");
        var patrol = await StartFreshAsync(grid);
        var id = patrol.GetProperty("id").GetGuid();
        Assert.True(patrol.GetProperty("underWay").GetBoolean());

        // Starting again while under way returns the same patrol (a double tap is harmless).
        var again = await grid.PostAsync("/api/v1/patrols", null, Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(id, (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());

        var (lat, lng, _) = await _kit.PointInGridAsync("XC-01");
        var t0 = DateTime.UtcNow.AddSeconds(-100);
        var step = 100 / MetresPerDegree; // 100 m north each time, 30 s apart: a brisk walk
        var batch = new[] { Fix(lat, lng, t0), Fix(lat + step, lng, t0.AddSeconds(30)), Fix(lat + 2 * step, lng, t0.AddSeconds(60)) };
        var first = await PostPointsAsync(grid, id, batch);
        Assert.Equal(3, first.GetProperty("accepted").GetInt32());
        Assert.InRange(first.GetProperty("distanceMeters").GetDouble(), 199, 201);

        // The page resends the batch after a dropped connection: nothing is counted twice.
        var repeated = await PostPointsAsync(grid, id, batch);
        Assert.Equal(0, repeated.GetProperty("accepted").GetInt32());
        Assert.InRange(repeated.GetProperty("distanceMeters").GetDouble(), 199, 201);

        // A 5 km jump in 30 s is a GPS error, and a fix 200 m off is too imprecise: neither adds distance.
        var jump = await PostPointsAsync(grid, id,
            Fix(lat + 50 * step, lng, t0.AddSeconds(90)),
            Fix(lat + 3 * step, lng, t0.AddSeconds(95), accuracy: 200));
        Assert.Equal(2, jump.GetProperty("accepted").GetInt32());
        Assert.InRange(jump.GetProperty("distanceMeters").GetDouble(), 199, 201);

        var stopped = await EventTestKit.OkAsync(grid.PostAsJsonAsync($"/api/v1/patrols/{id}/stop", new { note = "巡查完毕" }, Ct));
        Assert.False(stopped.GetProperty("underWay").GetBoolean());

        // A fix taken before the stop but delivered after it still counts (the phone was offline).
        var late = await PostPointsAsync(grid, id, Fix(lat + 3 * step, lng, t0.AddSeconds(99)));
        Assert.Equal(1, late.GetProperty("accepted").GetInt32());
        Assert.InRange(late.GetProperty("distanceMeters").GetDouble(), 299, 301);

        var detail = await grid.GetFromJsonAsync<JsonElement>($"/api/v1/patrols/{id}", Ct);
        Assert.Equal(6, detail.GetProperty("pointCount").GetInt32());
        var track = detail.GetProperty("track").EnumerateArray().ToList();
        Assert.Equal(6, track.Count);
        Assert.Equal(track.Select(p => p.GetProperty("recordedAt").GetDateTime()).Order(), track.Select(p => p.GetProperty("recordedAt").GetDateTime()));
        Assert.Equal("巡查完毕", detail.GetProperty("note").GetString());
    }

    [Fact]
    public async Task Only_grid_workers_patrol_and_only_the_owner_or_the_scope_sees_a_track()
    {
        using var resident = await app.ClientAsAsync("resident01");
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.PostAsync("/api/v1/patrols", null, Ct)).StatusCode);
        using var commander = await app.ClientAsAsync("commander");
        Assert.Equal(HttpStatusCode.Forbidden, (await commander.PostAsync("/api/v1/patrols", null, Ct)).StatusCode);

        using var grid = await app.ClientAsAsync("grid01");
        var patrol = await StartFreshAsync(grid);
        var id = patrol.GetProperty("id").GetGuid();

        // Bad coordinates are refused as a whole, with a problem document.
        var bad = await grid.PostAsJsonAsync($"/api/v1/patrols/{id}/points", new { points = new[] { Fix(123, 500, DateTime.UtcNow) } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);

        // The community covering the grid sees the patrol; a department does not.
        using var community = await app.ClientAsAsync("community01");
        Assert.Equal(HttpStatusCode.OK, (await community.GetAsync($"/api/v1/patrols/{id}", Ct)).StatusCode);
        using var dept = await app.ClientAsAsync("dept-cg");
        Assert.Equal(HttpStatusCode.NotFound, (await dept.GetAsync($"/api/v1/patrols/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dept.GetAsync("/api/v1/discovery-work", Ct)).StatusCode);

        await EventTestKit.OkAsync(grid.PostAsJsonAsync($"/api/v1/patrols/{id}/stop", new { }, Ct));
    }

    [Fact]
    public async Task A_visit_is_logged_once_per_key_and_says_what_is_missing()
    {
        using var grid = await app.ClientAsAsync("grid01");
        var key = Guid.NewGuid().ToString("N");
        async Task<HttpResponseMessage> LogAsync(object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/visits") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return await grid.SendAsync(request, Ct);
        }

        var household = $"新庄村 3 组 {key[..6]} 号";
        var first = await LogAsync(new { household, note = "独居老人，身体尚可" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var second = await LogAsync(new { household, note = "独居老人，身体尚可" });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid(),
            (await second.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());

        var missing = await grid.PostAsJsonAsync("/api/v1/visits", new { household = " ", note = "" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var problem = await missing.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("请填写走访的住户或地址。", problem.GetProperty("errors").GetProperty("household")[0].GetString());
        Assert.Equal("请填写走访情况。", problem.GetProperty("errors").GetProperty("note")[0].GetString());
    }

    [Fact]
    public async Task Discovery_work_counts_each_workers_patrols_kilometres_visits_and_events_found()
    {
        using var community = await app.ClientAsAsync("community01");
        using var grid = await app.ClientAsAsync("grid01");
        // Who grid01 is: the worker named on a patrol of theirs (this one is counted in "before").
        var warmUp = await StartFreshAsync(grid);
        var me = warmUp.GetProperty("gridWorkerUserId").GetGuid();
        await EventTestKit.OkAsync(grid.PostAsJsonAsync($"/api/v1/patrols/{warmUp.GetProperty("id").GetGuid()}/stop", new { }, Ct));

        async Task<(int Patrols, double Km, int Visits, int Events)> FiguresAsync(HttpClient client, string query = "")
        {
            var report = await client.GetFromJsonAsync<JsonElement>("/api/v1/discovery-work" + query, Ct);
            var row = report.GetProperty("rows").EnumerateArray().FirstOrDefault(r => r.GetProperty("gridWorkerUserId").GetGuid() == me);
            return row.ValueKind == JsonValueKind.Undefined
                ? (0, 0, 0, 0)
                : (row.GetProperty("patrols").GetInt32(), row.GetProperty("kilometres").GetDouble(), row.GetProperty("visits").GetInt32(), row.GetProperty("eventsDiscovered").GetInt32());
        }

        var before = await FiguresAsync(community);

        var patrol = await StartFreshAsync(grid);
        var id = patrol.GetProperty("id").GetGuid();
        var at = await _kit.PointInGridAsync("XC-01");
        var t0 = DateTime.UtcNow.AddSeconds(-90);
        await PostPointsAsync(grid, id, Fix(at.Lat, at.Lng, t0), Fix(at.Lat + 500 / MetresPerDegree, at.Lng, t0.AddSeconds(60)));
        await EventTestKit.OkAsync(grid.PostAsJsonAsync($"/api/v1/patrols/{id}/stop", new { }, Ct));
        Assert.Equal(HttpStatusCode.Created, (await grid.PostAsJsonAsync("/api/v1/visits", new { household = "6 号楼 301 室", note = "了解到楼道灯坏了" }, Ct)).StatusCode);
        var found = await _kit.ReportAsync(grid, "巡查发现 6 号楼楼道灯不亮", at);
        Assert.Equal("Patrol", found.GetProperty("channel").GetString());

        var after = await FiguresAsync(community);
        Assert.Equal(before.Patrols + 1, after.Patrols);
        Assert.InRange(after.Km - before.Km, 0.49, 0.51);
        Assert.Equal(before.Visits + 1, after.Visits);
        Assert.Equal(before.Events + 1, after.Events);

        // A date range before today holds none of it; another community's filter does not show this worker.
        var old = await FiguresAsync(community, "?from=2020-01-01&to=2020-01-31");
        Assert.Equal((0, 0.0, 0, 0), old);
        using var commander = await app.ClientAsAsync("commander");
        var report = await commander.GetFromJsonAsync<JsonElement>("/api/v1/discovery-work", Ct);
        var otherCommunity = await app.WithScopeAsync(sp =>
        {
            var territory = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Jiexin.Modules.Territory.Contracts.ITerritoryLookup>(sp);
            return Task.FromResult(territory.Communities.Last().Id);
        });
        Assert.Contains(report.GetProperty("rows").EnumerateArray(), r => r.GetProperty("gridWorkerUserId").GetGuid() == me);
        Assert.Equal((0, 0.0, 0, 0), await FiguresAsync(commander, $"?communityId={otherCommunity}"));

        // The worker's patrols are listed for the console, newest first, to open a track.
        var patrols = await community.GetFromJsonAsync<JsonElement>($"/api/v1/patrols?gridWorkerUserId={me}", Ct);
        Assert.Equal(id, patrols[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_grid_worker_with_nothing_recorded_shows_as_a_blank_line_and_a_disabled_one_not_at_all()
    {
        var at = await _kit.PointInGridAsync("XC-01");
        using var admin = await app.ClientAsAsync("admin");
        async Task<Guid> CreateAsync(string name)
        {
            var created = await admin.PostAsJsonAsync("/api/v1/admin/accounts", new
            {
                userName = name,
                displayName = $"新网格员{name[^4..]}",
                role = "GridWorker",
                orgUnitKind = "Grid",
                orgUnitId = at.GridId,
                password = JiexinApp.DemoPassword,
            }, Ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        }

        var idle = await CreateAsync($"idle-{Guid.NewGuid():N}"[..16]);
        var disabled = await CreateAsync($"gone-{Guid.NewGuid():N}"[..16]);
        Assert.True((await admin.PostAsJsonAsync($"/api/v1/admin/accounts/{disabled}/disable", new { }, Ct)).IsSuccessStatusCode);

        using var community = await app.ClientAsAsync("community01");
        var rows = (await community.GetFromJsonAsync<JsonElement>("/api/v1/discovery-work", Ct)).GetProperty("rows").EnumerateArray().ToList();
        var blank = Assert.Single(rows, r => r.GetProperty("gridWorkerUserId").GetGuid() == idle);
        Assert.Equal(at.GridId, blank.GetProperty("gridId").GetGuid());
        Assert.False(string.IsNullOrEmpty(blank.GetProperty("gridName").GetString()));
        Assert.Equal(0, blank.GetProperty("patrols").GetInt32());
        Assert.Equal(0, blank.GetProperty("visits").GetInt32());
        Assert.Equal(0, blank.GetProperty("eventsDiscovered").GetInt32());
        Assert.DoesNotContain(rows, r => r.GetProperty("gridWorkerUserId").GetGuid() == disabled);

        // Another community's filter leaves the grid's workers out.
        var otherCommunity = await app.WithScopeAsync(sp =>
            Task.FromResult(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
                .GetRequiredService<Jiexin.Modules.Territory.Contracts.ITerritoryLookup>(sp).Communities.Last().Id));
        using var commander = await app.ClientAsAsync("commander");
        var filtered = (await commander.GetFromJsonAsync<JsonElement>($"/api/v1/discovery-work?communityId={otherCommunity}", Ct)).GetProperty("rows");
        Assert.DoesNotContain(filtered.EnumerateArray(), r => r.GetProperty("gridWorkerUserId").GetGuid() == idle);
    }
}

public sealed class PatrolsTests_Sqlite(SqliteApp app) : PatrolsTests(app), IClassFixture<SqliteApp>;

public sealed class PatrolsTests_Postgres(PostgresApp app) : PatrolsTests(app), IClassFixture<PostgresApp>;
