using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.IntegrationTests.Infrastructure;
using static Jiexin.IntegrationTests.Modules.SelfGovernance.Deliberations.DeliberationApi;

namespace Jiexin.IntegrationTests.Modules.SelfGovernance.HouseholdGroups;

/// <summary>联户创建 over HTTP: a group, its households in address order, its zone, tasks and activities; scope by community.</summary>
public abstract class HouseholdGroupTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Base = "/api/v1/household-groups";

    private readonly Deliberations.DeliberationApi _api = new(app);

    private static async Task<JsonElement> CreateAsync(HttpClient client, Guid community, object? zone = null) =>
        await ReadAsync(client.PostAsJsonAsync(Base, new Dictionary<string, object?>
        {
            ["communityId"] = community, ["name"] = Unique("景湖苑第3联组"), ["leaderName"] = "联户长张",
            ["zoneAddresses"] = zone is null ? new[] { "景湖苑 12 幢", "景湖苑 3 幢" } : null,
            ["zonePolygon"] = zone is null ? null : JsonSerializer.Serialize(zone),
        }, Ct), HttpStatusCode.Created);

    [Fact]
    public async Task Households_are_kept_in_address_order_and_tasks_and_activities_are_recorded()
    {
        using var staff = await app.ClientAsAsync("community01");
        var community = (await _api.CommunitiesAsync())[0].Id;
        var g = await CreateAsync(staff, community);
        Assert.Equal(["景湖苑 3 幢", "景湖苑 12 幢"], g.GetProperty("zoneAddresses").EnumerateArray().Select(a => a.GetString()));

        foreach (var address in new[] { "景湖苑 12 幢 101", "景湖苑 3 幢 1001", "景湖苑 3 幢 201", "景湖苑 3 幢 101" })
        {
            g = await OkAsync(staff.PostAsJsonAsync($"{Base}/{Id(g)}/households", new { address }, Ct));
        }

        Assert.Equal(["景湖苑 3 幢 101", "景湖苑 3 幢 201", "景湖苑 3 幢 1001", "景湖苑 12 幢 101"],
            g.GetProperty("households").EnumerateArray().Select(h => h.GetProperty("address").GetString()));
        await ReadAsync(staff.PostAsJsonAsync($"{Base}/{Id(g)}/households", new { address = "景湖苑 3 幢 101" }, Ct), HttpStatusCode.BadRequest);

        var removed = g.GetProperty("households")[3].GetProperty("id").GetGuid();
        g = await OkAsync(staff.DeleteAsync($"{Base}/{Id(g)}/households/{removed}", Ct));
        Assert.Equal(3, g.GetProperty("households").GetArrayLength());

        g = await OkAsync(staff.PostAsJsonAsync($"{Base}/{Id(g)}/tasks", new { title = "每周巡查楼道消防通道", dueOn = "2026-12-31" }, Ct));
        var task = Id(g.GetProperty("tasks")[0]);
        await ReadAsync(staff.PostAsJsonAsync($"{Base}/{Id(g)}/tasks/{task}/close", new { note = " " }, Ct), HttpStatusCode.BadRequest);
        g = await OkAsync(staff.PostAsJsonAsync($"{Base}/{Id(g)}/tasks/{task}/close", new { note = "已清理 3 处堆物" }, Ct));
        Assert.Equal("Closed", g.GetProperty("tasks")[0].GetProperty("state").GetString());
        await ReadAsync(staff.PostAsJsonAsync($"{Base}/{Id(g)}/tasks/{task}/close", new { note = "再次" }, Ct), HttpStatusCode.Conflict);

        await ReadAsync(staff.PostAsJsonAsync($"{Base}/{Id(g)}/activities", new { heldOn = "2099-01-01", title = "未来活动" }, Ct), HttpStatusCode.BadRequest);
        g = await OkAsync(staff.PostAsJsonAsync($"{Base}/{Id(g)}/activities", new { heldOn = "2026-11-01", title = "邻里互助议事", participants = 12 }, Ct));
        Assert.Equal(12, g.GetProperty("activities")[0].GetProperty("participants").GetInt32());

        var list = await OkAsync(staff.GetAsync($"{Base}?communityId={community}", Ct));
        var item = list.EnumerateArray().Single(x => Id(x) == Id(g));
        Assert.Equal((3, 0, "2026-11-01"), (item.GetProperty("households").GetInt32(), item.GetProperty("openTasks").GetInt32(), item.GetProperty("lastActivity").GetString()));
    }

    [Fact]
    public async Task A_zone_can_be_a_polygon_and_a_broken_polygon_is_refused()
    {
        using var staff = await app.ClientAsAsync("community01");
        var community = (await _api.CommunitiesAsync())[0].Id;
        var square = new { type = "Polygon", coordinates = new[] { new[] { new[] { 119.80, 31.36 }, new[] { 119.801, 31.36 }, new[] { 119.801, 31.361 }, new[] { 119.80, 31.361 }, new[] { 119.80, 31.36 } } } };
        var g = await CreateAsync(staff, community, square);
        Assert.Equal("Polygon", g.GetProperty("zoneKind").GetString());
        Assert.Contains("119.801", g.GetProperty("zonePolygon").GetString());

        var bowtie = new { type = "Polygon", coordinates = new[] { new[] { new[] { 0.0, 0.0 }, new[] { 1.0, 1.0 }, new[] { 1.0, 0.0 }, new[] { 0.0, 1.0 }, new[] { 0.0, 0.0 } } } };
        var problem = await ReadAsync(staff.PostAsJsonAsync(Base, new { communityId = community, name = Unique("坏区域"), leaderName = "某", zonePolygon = JsonSerializer.Serialize(bowtie) }, Ct), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("zonePolygon", out _));
    }

    [Fact]
    public async Task Editing_needs_the_current_version_and_scope_keeps_other_communities_out()
    {
        using var staff = await app.ClientAsAsync("community01");
        using var commander = await app.ClientAsAsync("commander");
        var communities = await _api.CommunitiesAsync();
        var g = await CreateAsync(staff, communities[0].Id);
        var edit = new { name = g.GetProperty("name").GetString(), leaderName = "新联户长李", zoneAddresses = new[] { "景湖苑 3 幢" }, version = g.GetProperty("version").GetInt32() };
        var edited = await OkAsync(staff.PutAsJsonAsync($"{Base}/{Id(g)}", edit, Ct));
        Assert.Equal("新联户长李", edited.GetProperty("leaderName").GetString());
        var stale = await ReadAsync(staff.PutAsJsonAsync($"{Base}/{Id(g)}", edit with { leaderName = "覆盖" }, Ct), HttpStatusCode.Conflict);
        Assert.Equal("新联户长李", stale.GetProperty("current").GetProperty("leaderName").GetString());

        var other = await CreateAsync(commander, communities[1].Id);
        await ReadAsync(staff.GetAsync($"{Base}/{Id(other)}", Ct), HttpStatusCode.NotFound);
        await ReadAsync(staff.PostAsJsonAsync($"{Base}/{Id(other)}/tasks", new { title = "越权", dueOn = "2026-12-31" }, Ct), HttpStatusCode.NotFound);
        await ReadAsync(staff.PostAsJsonAsync(Base, new { communityId = communities[1].Id, name = "越权", leaderName = "某", zoneAddresses = new[] { "某地" } }, Ct), HttpStatusCode.Forbidden);
        var mine = await OkAsync(staff.GetAsync(Base, Ct));
        Assert.DoesNotContain(Id(other), mine.EnumerateArray().Select(Id));
    }
}

public sealed class HouseholdGroupTests_Sqlite(SqliteApp app) : HouseholdGroupTests(app), IClassFixture<SqliteApp>;

public sealed class HouseholdGroupTests_Postgres(PostgresApp app) : HouseholdGroupTests(app), IClassFixture<PostgresApp>;
