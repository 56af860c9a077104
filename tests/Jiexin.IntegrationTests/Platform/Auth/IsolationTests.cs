using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Accounts;
using Jiexin.Platform.Auth;

namespace Jiexin.IntegrationTests.Platform.Auth;

/// <summary>
/// Issue 9 §2, isolation across modules: for each kind of scope, two users of the same role in different units. The
/// one whose unit holds an item finds it by id and in the list search; the other gets 403/404 by id and does not find
/// it in the same search. Resident vs resident, grid vs grid, community vs community, department vs department; over
/// events, disputes, registry people and list items.
/// </summary>
public abstract class IsolationTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Item(string What, string ByIdUrl, string SearchUrl, Guid Id);

    [Fact]
    public async Task Residents_see_only_their_own_reports()
    {
        using var mine = await app.ClientAsAsync("resident01");
        using var theirs = await app.ClientAsAsync("resident02");
        var text = Unique("楼下垃圾桶满了");
        var at = await PointInGridAsync(app.Units().Grid.Id);
        var id = await CreatedIdAsync(mine.PostAsJsonAsync("/api/v1/events", new { description = text, latitude = at.Lat, longitude = at.Lng }, Ct));
        var item = new Item("event", $"/api/v1/events/{id}", $"/api/v1/events?keyword={Uri.EscapeDataString(text)}&pageSize=100", id);

        await AssertVisibleAsync(mine, item);
        await AssertHiddenAsync(theirs, item);
    }

    [Fact]
    public async Task Grid_workers_see_only_their_grids_events()
    {
        var units = app.Units();
        using var commander = await app.ClientAsAsync("commander");
        using var mine = await app.ClientAsAsync("grid01");
        using var sibling = await AccountAsync(Roles.GridWorker, units.SiblingGrid);
        Assert.NotEqual(units.Grid.Id, units.SiblingGrid.Id);

        var text = Unique("井盖松动");
        var at = await PointInGridAsync(units.Grid.Id);
        var id = await CreatedIdAsync(commander.PostAsJsonAsync("/api/v1/events", new { description = text, latitude = at.Lat, longitude = at.Lng }, Ct));
        var item = new Item("event", $"/api/v1/events/{id}", $"/api/v1/events?keyword={Uri.EscapeDataString(text)}&pageSize=100", id);

        await AssertVisibleAsync(mine, item);
        await AssertHiddenAsync(sibling, item);
    }

    [Fact]
    public async Task Community_staff_see_only_their_communitys_events_disputes_people_and_list_items()
    {
        var units = app.Units();
        using var commander = await app.ClientAsAsync("commander");
        using var mine = await app.ClientAsAsync("community01");
        using var other = await AccountAsync(Roles.CommunityStaff, units.OtherCommunity);

        var eventText = Unique("小区路灯不亮");
        var at = await PointInGridAsync(units.Grid.Id);
        var eventId = await CreatedIdAsync(commander.PostAsJsonAsync("/api/v1/events", new { description = eventText, latitude = at.Lat, longitude = at.Lng }, Ct));

        var disputeText = Unique("邻里漏水纠纷");
        var disputeId = await CreatedIdAsync(mine.PostAsJsonAsync("/api/v1/disputes", new
        {
            description = disputeText,
            disputeType = "邻里",
            communityId = units.Community.Id,
            parties = new object[] { new { name = "王某", role = "applicant" }, new { name = "赵某", role = "respondent" } },
        }, Ct));

        var personName = "隔离" + Guid.NewGuid().ToString("N")[..6];
        var personId = await CreatedIdAsync(mine.PostAsJsonAsync("/api/v1/registry/people", new { name = personName }, Ct));

        var needTitle = Unique("老人助餐需求");
        var needId = await CreatedIdAsync(mine.PostAsJsonAsync("/api/v1/lists/items", new
        {
            kind = "Need", communityId = units.Community.Id, title = needTitle, category = "养老服务", ownerName = "王书记",
            deadline = "2026-12-31", source = "GridVisit",
        }, Ct));

        Item[] items =
        [
            new("event", $"/api/v1/events/{eventId}", $"/api/v1/events?keyword={Uri.EscapeDataString(eventText)}&pageSize=100", eventId),
            new("dispute", $"/api/v1/disputes/{disputeId}", $"/api/v1/disputes?q={Uri.EscapeDataString(disputeText)}&pageSize=100", disputeId),
            new("person", $"/api/v1/registry/people/{personId}", $"/api/v1/registry/people?name={Uri.EscapeDataString(personName)}&pageSize=100", personId),
            new("list item", $"/api/v1/lists/items/{needId}", $"/api/v1/lists/items?q={Uri.EscapeDataString(needTitle)}&pageSize=100", needId),
        ];
        foreach (var item in items)
        {
            await AssertVisibleAsync(mine, item);
            await AssertHiddenAsync(other, item);
        }
    }

    [Fact]
    public async Task Department_staff_see_only_what_was_dispatched_to_their_department()
    {
        var units = app.Units();
        using var commander = await app.ClientAsAsync("commander");
        using var mine = await app.ClientAsAsync("dept-cg");
        using var other = await AccountAsync(Roles.DepartmentStaff, units.OtherDepartment);

        var text = Unique("占道经营");
        var at = await PointInGridAsync(units.Grid.Id);
        var created = await JsonAsync(commander.PostAsJsonAsync("/api/v1/events", new { description = text, latitude = at.Lat, longitude = at.Lng }, Ct), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        await JsonAsync(commander.PostAsJsonAsync($"/api/v1/events/{id}/actions/Dispatch", new
        {
            version = created.GetProperty("version").GetInt32(), assigneeKind = "Department", assigneeId = units.Department.Id,
        }, Ct), HttpStatusCode.OK);
        var item = new Item("event", $"/api/v1/events/{id}", $"/api/v1/events?keyword={Uri.EscapeDataString(text)}&pageSize=100", id);

        await AssertVisibleAsync(mine, item);
        await AssertHiddenAsync(other, item);
    }

    private async Task<HttpClient> AccountAsync(string role, OrgUnitRef unit)
    {
        var account = await app.CreateAccountAsync(role, unit);
        return await app.ClientAsAsync(account.UserName, TestAccounts.Password);
    }

    private static async Task AssertVisibleAsync(HttpClient client, Item item)
    {
        var byId = await client.GetAsync(item.ByIdUrl, Ct);
        Assert.True(byId.StatusCode == HttpStatusCode.OK, $"{item.What}: the owner's side got {(int)byId.StatusCode} by id");
        Assert.Contains(item.Id, await SearchAsync(client, item));
    }

    private static async Task AssertHiddenAsync(HttpClient client, Item item)
    {
        var byId = await client.GetAsync(item.ByIdUrl, Ct);
        Assert.True(byId.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden,
            $"{item.What}: another unit got {(int)byId.StatusCode} by id: {await byId.Content.ReadAsStringAsync(Ct)}");
        Assert.DoesNotContain(item.Id, await SearchAsync(client, item));
    }

    private static async Task<List<Guid>> SearchAsync(HttpClient client, Item item)
    {
        var page = await JsonAsync(client.GetAsync(item.SearchUrl, Ct), HttpStatusCode.OK);
        return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
    }

    private async Task<(double Lat, double Lng)> PointInGridAsync(Guid gridId)
    {
        using var commander = await app.ClientAsAsync("commander");
        return await Jiexin.Testing.DemoApi.GridCentreAsync(commander, Ct, gridId);
    }

    private static async Task<Guid> CreatedIdAsync(Task<HttpResponseMessage> call) =>
        (await JsonAsync(call, HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private static async Task<JsonElement> JsonAsync(Task<HttpResponseMessage> call, HttpStatusCode expected)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string Unique(string text) => $"{text} {Guid.NewGuid():N}"[..(text.Length + 9)];
}

public sealed class IsolationTests_Sqlite(SqliteApp app) : IsolationTests(app), IClassFixture<SqliteApp>;

public sealed class IsolationTests_Postgres(PostgresApp app) : IsolationTests(app), IClassFixture<PostgresApp>;
