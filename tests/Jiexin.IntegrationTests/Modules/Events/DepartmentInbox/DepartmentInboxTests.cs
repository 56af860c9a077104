using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.IntegrationTests.Infrastructure;

namespace Jiexin.IntegrationTests.Modules.Events.DepartmentInbox;

/// <summary>部门待办: a department's events by tab with counts, as the department and as the street see them.</summary>
public abstract class DepartmentInboxTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly EventTestKit _kit = new(app);

    private static async Task<JsonElement> InboxAsync(HttpClient client, string query = "") =>
        await client.GetFromJsonAsync<JsonElement>("/api/v1/events/department-inbox" + query, Ct);

    private static int Count(JsonElement inbox, string tab) =>
        inbox.GetProperty("counts").EnumerateArray().Single(c => c.GetProperty("tab").GetString() == tab).GetProperty("count").GetInt32();

    private static List<Guid> Ids(JsonElement inbox) =>
        [.. inbox.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];

    [Fact]
    public async Task The_inbox_moves_events_between_tabs_as_the_department_accepts_and_returns_them()
    {
        using var dept = await app.ClientAsAsync("dept-cg");
        var before = await InboxAsync(dept);
        Assert.StartsWith("城市管理", before.GetProperty("departmentName").GetString());

        var tag = Guid.NewGuid().ToString("N")[..6];
        var first = await _kit.DispatchedToAsync("城管", $"占道经营 {tag} 号摊位");
        var second = await _kit.DispatchedToAsync("城管", $"违规广告牌 {tag} 号");

        var toAccept = await InboxAsync(dept, "?tab=ToAccept&pageSize=100");
        Assert.Equal(Count(before, "ToAccept") + 2, Count(toAccept, "ToAccept"));
        Assert.Contains(first.GetProperty("id").GetGuid(), Ids(toAccept));
        Assert.Contains(second.GetProperty("id").GetGuid(), Ids(toAccept));

        await EventTestKit.OkAsync(EventTestKit.ActAsync(dept, first, "Accept"));
        await EventTestKit.OkAsync(EventTestKit.ActAsync(dept, second, "Return", new { note = "不属于城管职责，应由住建处理" }));

        var handling = await InboxAsync(dept, "?tab=Handling&pageSize=100");
        Assert.Equal(Count(before, "Handling") + 1, Count(handling, "Handling"));
        Assert.Equal(Count(before, "ToAccept"), Count(handling, "ToAccept"));
        Assert.Contains(first.GetProperty("id").GetGuid(), Ids(handling));

        var returned = await InboxAsync(dept, "?tab=Returned&pageSize=100");
        Assert.Equal(Count(before, "Returned") + 1, Count(returned, "Returned"));
        Assert.Contains(second.GetProperty("id").GetGuid(), Ids(returned));
        Assert.All(returned.GetProperty("items").EnumerateArray(), i => Assert.Equal("Returned", i.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task The_street_looks_into_a_chosen_department_and_a_community_cannot()
    {
        var cg = await _kit.DepartmentAsync("城管");
        using var commander = await app.ClientAsAsync("commander");
        Assert.Equal(HttpStatusCode.NotFound, (await commander.GetAsync("/api/v1/events/department-inbox", Ct)).StatusCode);
        var inbox = await InboxAsync(commander, $"?departmentId={cg}");
        Assert.Equal(cg, inbox.GetProperty("departmentId").GetGuid());
        Assert.Equal(6, inbox.GetProperty("counts").GetArrayLength());

        using var community = await app.ClientAsAsync("community01");
        Assert.Equal(HttpStatusCode.NotFound, (await community.GetAsync($"/api/v1/events/department-inbox?departmentId={cg}", Ct)).StatusCode);
    }
}

public sealed class DepartmentInboxTests_Sqlite(SqliteApp app) : DepartmentInboxTests(app), IClassFixture<SqliteApp>;

public sealed class DepartmentInboxTests_Postgres(PostgresApp app) : DepartmentInboxTests(app), IClassFixture<PostgresApp>;
