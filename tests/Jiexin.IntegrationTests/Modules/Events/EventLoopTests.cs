using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Territory.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Events;

/// <summary>The five-step loop driven over HTTP as each role would, on each provider.</summary>
public abstract class EventLoopTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A point inside the demo grid with the given code (the mean of a convex polygon's vertices).</summary>
    private async Task<(double Lat, double Lng, Guid GridId)> PointInGridAsync(string code)
    {
        using var commander = await app.ClientAsAsync("commander");
        var grids = JsonNode.Parse(await commander.GetStringAsync("/api/v1/territory/grids", Ct))!;
        var feature = grids["features"]!.AsArray().First(f => (string?)f!["properties"]!["code"] == code)!;
        var geometry = feature["geometry"]!;
        var ring = ((string?)geometry["type"] == "MultiPolygon" ? geometry["coordinates"]![0]![0] : geometry["coordinates"]![0])!.AsArray();
        var points = ring.Take(ring.Count - 1).Select(p => (Lng: (double)p![0]!, Lat: (double)p[1]!)).ToList();
        return (points.Average(p => p.Lat), points.Average(p => p.Lng), Guid.Parse((string)feature["id"]!));
    }

    private async Task<JsonElement> ReportAsync(HttpClient client, string description, (double Lat, double Lng, Guid _) at, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events")
        {
            Content = JsonContent.Create(new { description, latitude = at.Lat, longitude = at.Lng }),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<HttpResponseMessage> ActAsync(HttpClient client, JsonElement e, string action, object? extra = null)
    {
        var body = JsonSerializer.SerializeToNode(extra ?? new { })!.AsObject();
        body["version"] = e.GetProperty("version").GetInt32();
        return await client.PostAsJsonAsync($"/api/v1/events/{e.GetProperty("id").GetGuid()}/actions/{action}", body, Ct);
    }

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task Resident_report_runs_the_whole_loop_to_closed_at_street_tier()
    {
        var at = await PointInGridAsync("XC-01");
        using var resident = await app.ClientAsAsync("resident01");
        var reported = await ReportAsync(resident, "小区门口路灯不亮好几天了，晚上很黑", at);
        Assert.Equal("Reported", reported.GetProperty("status").GetString());
        Assert.Equal(at.GridId, reported.GetProperty("gridId").GetGuid());
        Assert.StartsWith("JX", reported.GetProperty("trackingCode").GetString());
        // Attributed at intake: a broken street light is a municipal-facility matter, not "other".
        Assert.False(string.IsNullOrEmpty(reported.GetProperty("category").GetString()));
        Assert.Contains("路灯", reported.GetProperty("categoryName").GetString());

        using var commander = await app.ClientAsAsync("commander");
        var cg = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<ITerritoryLookup>().FindDepartmentByShortName("城管")!));
        var e = await OkAsync(ActAsync(commander, reported, "Triage"));
        e = await OkAsync(ActAsync(commander, e, "Dispatch", new { assigneeKind = "Department", assigneeId = cg.Id }));
        Assert.Equal("Dispatched", e.GetProperty("status").GetString());

        using var dept = await app.ClientAsAsync("dept-cg");
        e = await OkAsync(ActAsync(dept, e, "Accept"));
        e = await OkAsync(ActAsync(dept, e, "Handle", new { note = "已更换灯泡，恢复照明" }));

        using var grid = await app.ClientAsAsync("grid01");
        e = await OkAsync(ActAsync(grid, e, "VerifyPass"));
        e = await OkAsync(ActAsync(commander, e, "Close"));
        Assert.Equal("Closed", e.GetProperty("status").GetString());
        Assert.Equal("Street", e.GetProperty("resolvedTier").GetString());

        // The reporter follows every step like a parcel, without the names of the staff who took them.
        var mine = await resident.GetFromJsonAsync<JsonElement>($"/api/v1/events/{e.GetProperty("id").GetGuid()}", Ct);
        var steps = mine.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("action").GetString()).ToList();
        Assert.Equal(["Report", "Triage", "Dispatch", "Accept", "Handle", "VerifyPass", "Close"], steps);
        Assert.Contains(mine.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("note").GetString() == "已更换灯泡，恢复照明");
        Assert.All(mine.GetProperty("timeline").EnumerateArray().Skip(1), t => Assert.Equal("", t.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task Grid_worker_handles_a_small_matter_in_the_grid_and_it_resolves_at_grid_tier()
    {
        var at = await PointInGridAsync("XC-01");
        using var grid = await app.ClientAsAsync("grid01");
        var e = await ReportAsync(grid, "巡查发现楼道堆放杂物，堵塞消防通道", at);
        Assert.Equal("Patrol", e.GetProperty("channel").GetString());

        e = await OkAsync(ActAsync(grid, e, "SelfHandle"));
        Assert.Equal("Grid", e.GetProperty("assignee").GetProperty("kind").GetString());
        e = await OkAsync(ActAsync(grid, e, "Handle", new { note = "已督促住户清理" }));
        e = await OkAsync(ActAsync(grid, e, "VerifyPass"));
        e = await OkAsync(ActAsync(grid, e, "Close"));
        Assert.Equal("Grid", e.GetProperty("resolvedTier").GetString());
    }

    [Fact]
    public async Task Same_idempotency_key_returns_the_same_event_and_a_different_body_is_refused()
    {
        var at = await PointInGridAsync("XC-02");
        using var resident = await app.ClientAsAsync("resident01");
        var key = Guid.NewGuid().ToString();
        var first = await ReportAsync(resident, "垃圾桶满了没人清运，味道很大", at, key);
        var again = await ReportAsync(resident, "垃圾桶满了没人清运，味道很大", at, key);
        Assert.Equal(first.GetProperty("id").GetGuid(), again.GetProperty("id").GetGuid());
        Assert.Equal(first.GetProperty("trackingCode").GetString(), again.GetProperty("trackingCode").GetString());

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events")
        {
            Content = JsonContent.Create(new { description = "另一件完全不同的事情", latitude = at.Lat, longitude = at.Lng }),
        };
        request.Headers.Add("Idempotency-Key", key);
        var conflict = await resident.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Concurrent_retries_with_one_key_create_one_event()
    {
        var at = await PointInGridAsync("XC-03");
        using var resident = await app.ClientAsAsync("resident02");
        var key = Guid.NewGuid().ToString();
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => ReportAsync(resident, "路面塌陷一个大坑，车辆经过很危险", at, key)));
        Assert.Single(results.Select(r => r.GetProperty("id").GetGuid()).Distinct());
    }

    [Fact]
    public async Task A_resident_sees_only_their_own_events()
    {
        var at = await PointInGridAsync("XC-01");
        using var owner = await app.ClientAsAsync("resident01");
        var e = await ReportAsync(owner, "邻居装修噪音每天晚上十点以后还在施工", at);
        using var other = await app.ClientAsAsync("resident02");
        var response = await other.GetAsync($"/api/v1/events/{e.GetProperty("id").GetGuid()}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/v1/events/{e.GetProperty("id").GetGuid()}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Staff_see_only_their_scope()
    {
        var inXc = await PointInGridAsync("XC-01");
        using var resident = await app.ClientAsAsync("resident01");
        var e = await ReportAsync(resident, "公园里的健身器材坏了，有安全隐患", inXc);
        var url = $"/api/v1/events/{e.GetProperty("id").GetGuid()}";

        using var community = await app.ClientAsAsync("community01");
        Assert.Equal(HttpStatusCode.OK, (await community.GetAsync(url, Ct)).StatusCode);
        using var dept = await app.ClientAsAsync("dept-cg");
        Assert.Equal(HttpStatusCode.NotFound, (await dept.GetAsync(url, Ct)).StatusCode);

        // A grid worker of another grid neither sees nor acts on it.
        var other = await PointInGridAsync("XC-02");
        var e2 = await ReportAsync(resident, "另一网格里的井盖缺失，请尽快处理", other);
        using var grid = await app.ClientAsAsync("grid01");
        Assert.Equal(HttpStatusCode.NotFound, (await grid.GetAsync($"/api/v1/events/{e2.GetProperty("id").GetGuid()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ActAsync(grid, e2, "SelfHandle")).StatusCode);
    }

    [Fact]
    public async Task Transitions_are_refused_by_role_status_and_guard()
    {
        var at = await PointInGridAsync("XC-01");
        using var resident = await app.ClientAsAsync("resident01");
        var e = await ReportAsync(resident, "小区电梯经常停运，老人上下楼困难", at);
        using var grid = await app.ClientAsAsync("grid01");
        using var commander = await app.ClientAsAsync("commander");

        // Role: a grid worker cannot dispatch to departments.
        var forbidden = await ActAsync(grid, e, "Dispatch", new { assigneeKind = "Grid", assigneeId = at.GridId });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        // Status: nothing to accept before dispatch.
        var wrong = await ActAsync(commander, e, "VerifyPass");
        Assert.Equal(HttpStatusCode.Conflict, wrong.StatusCode);
        Assert.Contains("已上报", await wrong.Content.ReadAsStringAsync(Ct));

        // Guard: rejecting needs a reason, and the refusal names the field.
        var invalid = await ActAsync(commander, e, "Reject");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("\"note\"", await invalid.Content.ReadAsStringAsync(Ct));

        // Unknown action.
        Assert.Equal(HttpStatusCode.NotFound, (await ActAsync(commander, e, "Teleport")).StatusCode);

        // Nothing changed through all of that.
        var now = await commander.GetFromJsonAsync<JsonElement>($"/api/v1/events/{e.GetProperty("id").GetGuid()}", Ct);
        Assert.Equal("Reported", now.GetProperty("status").GetString());
        Assert.Equal(e.GetProperty("version").GetInt32(), now.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Two_dispatchers_at_once_one_wins_the_other_gets_409_with_the_current_state()
    {
        var at = await PointInGridAsync("XC-01");
        using var resident = await app.ClientAsAsync("resident01");
        var e = await ReportAsync(resident, "河道里漂着很多垃圾，需要清理", at);
        using var commander = await app.ClientAsAsync("commander");
        using var community = await app.ClientAsAsync("community01");

        var responses = await Task.WhenAll(
            ActAsync(commander, e, "Reject", new { note = "重复反映" }),
            ActAsync(community, e, "Dispatch", new { assigneeKind = "Grid", assigneeId = at.GridId }));
        var codes = responses.Select(r => r.StatusCode).OrderBy(c => c).ToList();
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], codes);

        var loser = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
        var problem = await loser.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("他人", problem.GetProperty("detail").GetString());
        var winnerStatus = (await responses.Single(r => r.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString();
        Assert.Equal(winnerStatus, problem.GetProperty("current").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_stale_version_is_refused_with_409()
    {
        var at = await PointInGridAsync("XC-01");
        using var resident = await app.ClientAsAsync("resident01");
        var e = await ReportAsync(resident, "路边违章停车堵住了消防通道", at);
        using var commander = await app.ClientAsAsync("commander");
        await OkAsync(ActAsync(commander, e, "Triage"));
        var stale = await ActAsync(commander, e, "Reject", new { note = "不属实" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
    }

    [Fact]
    public async Task Sending_the_same_step_again_is_answered_as_the_first_time_not_as_someone_elses_change()
    {
        var at = await PointInGridAsync("XC-01");
        using var resident = await app.ClientAsAsync("resident01");
        var reported = await ReportAsync(resident, "小区门口路灯坏了一个多星期", at);
        using var commander = await app.ClientAsAsync("commander");
        var cg = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<ITerritoryLookup>().FindDepartmentByShortName("城管")!));
        var zj = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<ITerritoryLookup>().FindDepartmentByShortName("住建")!));
        var dispatch = new { assigneeKind = "Department", assigneeId = cg.Id, note = "请城管中队处置" };
        var first = await OkAsync(ActAsync(commander, reported, "Dispatch", dispatch));

        // A double tap, or a retry after a lost response: the same request with the same version it was sent with.
        var again = await OkAsync(ActAsync(commander, reported, "Dispatch", dispatch));
        Assert.Equal(first.GetProperty("version").GetInt32(), again.GetProperty("version").GetInt32());
        Assert.Equal("Dispatched", again.GetProperty("status").GetString());
        var now = await commander.GetFromJsonAsync<JsonElement>($"/api/v1/events/{reported.GetProperty("id").GetGuid()}", Ct);
        Assert.Single(now.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("action").GetString() == "Dispatch");

        // Anything else sent with that old version is still a conflict: another note, another unit, another action, another person.
        Assert.Equal(HttpStatusCode.Conflict, (await ActAsync(commander, reported, "Dispatch", dispatch with { note = "另一说明" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ActAsync(commander, reported, "Dispatch", dispatch with { assigneeId = zj.Id })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ActAsync(commander, reported, "Reject", new { note = "请城管中队处置" })).StatusCode);
        using var community = await app.ClientAsAsync("community01");
        var other = await ActAsync(community, reported, "Dispatch", dispatch);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Contains("他人", (await other.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());

        // Once something else has happened, the old request is stale even from the same person.
        using var dept = await app.ClientAsAsync("dept-cg");
        var accepted = await OkAsync(ActAsync(dept, first, "Accept"));
        Assert.Equal(HttpStatusCode.Conflict, (await ActAsync(commander, reported, "Dispatch", dispatch)).StatusCode);

        // A step taken on site is the same step only at the same place.
        var handle = new { note = "已更换灯泡", latitude = at.Lat, longitude = at.Lng };
        var handled = await OkAsync(ActAsync(dept, accepted, "Handle", handle));
        Assert.Equal(handled.GetProperty("version").GetInt32(), (await OkAsync(ActAsync(dept, accepted, "Handle", handle))).GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await ActAsync(dept, accepted, "Handle", handle with { latitude = at.Lat + 0.001 })).StatusCode);
    }

    [Theory]
    [InlineData("{\"description\":\"短\",\"latitude\":31.43,\"longitude\":119.8}", "description")]
    [InlineData("{\"description\":\"这里有个问题需要处理\",\"latitude\":31.43}", "longitude")]
    [InlineData("{\"description\":\"这里有个问题需要处理\",\"latitude\":95,\"longitude\":119.8}", "latitude")]
    [InlineData("{\"description\":\"这里有个问题需要处理\",\"latitude\":39.9,\"longitude\":116.4}", "latitude")]
    [InlineData("{\"description\":\"这里有个问题需要处理\"}", "latitude")]
    public async Task Bad_reports_get_field_errors_and_store_nothing(string json, string field)
    {
        using var resident = await app.ClientAsAsync("resident02");
        var response = await resident.PostAsync("/api/v1/events", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task The_queue_lists_only_what_each_caller_may_see_and_filters_by_status()
    {
        var inMine = await PointInGridAsync("XC-01");
        var inOther = await PointInGridAsync("XC-02");
        using var resident = await app.ClientAsAsync("resident01");
        var marker = Guid.NewGuid().ToString("N")[..8];
        var mine = await ReportAsync(resident, $"队列测试{marker} 第一网格的事件", inMine);
        var other = await ReportAsync(resident, $"队列测试{marker} 第二网格的事件", inOther);

        async Task<List<Guid>> ListAsync(HttpClient client, string query = "")
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/events?keyword=队列测试{marker}&pageSize=50{query}", Ct);
            return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
        }

        using var grid = await app.ClientAsAsync("grid01");
        Assert.Equal([mine.GetProperty("id").GetGuid()], await ListAsync(grid));

        using var commander = await app.ClientAsAsync("commander");
        Assert.Equal(2, (await ListAsync(commander)).Count);

        using var resident2 = await app.ClientAsAsync("resident02");
        Assert.Empty(await ListAsync(resident2));
        Assert.Equal(2, (await ListAsync(resident)).Count);

        await OkAsync(ActAsync(commander, other, "Triage"));
        Assert.Equal([other.GetProperty("id").GetGuid()], await ListAsync(commander, "&status=Triaged"));
        Assert.Equal([mine.GetProperty("id").GetGuid()], await ListAsync(commander, "&status=Reported"));

        // The tracking code finds the event too.
        var byCode = await commander.GetFromJsonAsync<JsonElement>($"/api/v1/events?keyword={mine.GetProperty("trackingCode").GetString()}", Ct);
        Assert.Equal(mine.GetProperty("id").GetGuid(), byCode.GetProperty("items")[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Reporting_needs_a_signed_in_user()
    {
        using var anonymous = app.Anonymous();
        var response = await anonymous.PostAsJsonAsync("/api/v1/events", new { description = "匿名用户不登录直接上报", latitude = 31.43, longitude = 119.8 }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class EventLoopTests_Sqlite(SqliteApp app) : EventLoopTests(app), IClassFixture<SqliteApp>;

public sealed class EventLoopTests_Postgres(PostgresApp app) : EventLoopTests(app), IClassFixture<PostgresApp>;
