using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.IntegrationTests.Infrastructure;
using static Jiexin.IntegrationTests.Modules.SelfGovernance.Deliberations.DeliberationApi;

namespace Jiexin.IntegrationTests.Modules.SelfGovernance.Charters;

/// <summary>居民自治章程 over HTTP: drafted, discussed, adopted by a recorded vote against the stated threshold, published.</summary>
public abstract class CharterTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Base = "/api/v1/charters";

    private readonly Deliberations.DeliberationApi _api = new(app);

    private static Task<HttpResponseMessage> ActAsync(HttpClient client, JsonElement amendment, string action, object? extra = null)
    {
        var body = JsonSerializer.SerializeToNode(extra ?? new { }, JsonSerializerOptions.Web)!.AsObject();
        body["version"] = amendment.GetProperty("version").GetInt32();
        return client.PostAsJsonAsync($"{Base}/amendments/{Id(amendment)}/actions/{action}", body, Ct);
    }

    private static JsonElement Open(JsonElement charter) =>
        charter.GetProperty("amendments").EnumerateArray().First(a => a.GetProperty("status").GetString() is "Proposed" or "Discussing");

    [Fact]
    public async Task Drafted_discussed_adopted_by_vote_amended_and_published()
    {
        using var staff = await app.ClientAsAsync("community01");
        using var resident = await app.ClientAsAsync("resident01");
        var community = (await _api.CommunitiesAsync())[3].Id; // community01 works in [0]: the commander drafts here
        using var commander = await app.ClientAsAsync("commander");
        await ReadAsync(resident.GetAsync($"{Base}/published?communityId={community}", Ct), HttpStatusCode.NotFound);

        var c = await ReadAsync(commander.PostAsJsonAsync(Base, new { communityId = community, title = "居民自治章程", text = "第一条 本社区居民共同遵守。", rationale = "首次制定" }, Ct), HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Null, c.GetProperty("current").ValueKind);
        await ReadAsync(commander.PostAsJsonAsync(Base, new { communityId = community, title = "再来", text = "x" }, Ct), HttpStatusCode.Conflict);

        // Voting needs a discussion first.
        var a = Open(c);
        await ReadAsync(ActAsync(commander, a, "RecordVote", new { eligibleVoters = 30, votesFor = 25, votesAgainst = 0, votesAbstain = 0 }), HttpStatusCode.Conflict);
        c = await OkAsync(ActAsync(commander, a, "OpenDiscussion", new { note = "居民代表会议第一次讨论" }));
        a = Open(c);
        c = await OkAsync(ActAsync(commander, a, "AddComment", new { note = "建议增加文明养犬条款" }));
        a = Open(c);
        Assert.Equal(2, a.GetProperty("discussion").GetArrayLength());

        // 19 of 30 voted: fewer than two thirds, not adopted whatever the count for.
        await ReadAsync(ActAsync(commander, a, "RecordVote", new { eligibleVoters = 30, votesFor = 30, votesAgainst = 1, votesAbstain = 0 }), HttpStatusCode.BadRequest);
        c = await OkAsync(ActAsync(commander, a, "RecordVote", new { eligibleVoters = 30, votesFor = 19, votesAgainst = 0, votesAbstain = 0 }));
        Assert.Equal("Rejected", c.GetProperty("amendments")[0].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, c.GetProperty("current").ValueKind);

        // Proposed again and adopted: 21 of 30 voted (≥ 2/3), 11 for (> half of 21).
        c = await OkAsync(commander.PostAsJsonAsync($"{Base}/{Id(c)}/amendments", new { title = "制定章程（再次表决）", text = "第一条 本社区居民共同遵守。\n第二条 文明养犬。" }, Ct));
        await ReadAsync(commander.PostAsJsonAsync($"{Base}/{Id(c)}/amendments", new { title = "同时另一项", text = "x" }, Ct), HttpStatusCode.Conflict);
        a = Open(c);
        c = await OkAsync(ActAsync(commander, a, "OpenDiscussion"));
        c = await OkAsync(ActAsync(commander, Open(c), "RecordVote", new { eligibleVoters = 30, votesFor = 11, votesAgainst = 8, votesAbstain = 2 }));
        Assert.Equal(1, c.GetProperty("current").GetProperty("number").GetInt32());

        var published = await OkAsync(resident.GetAsync($"{Base}/published?communityId={community}", Ct));
        Assert.Equal((1, "第一条 本社区居民共同遵守。\n第二条 文明养犬。"), (published.GetProperty("number").GetInt32(), published.GetProperty("text").GetString()));

        // An amendment adopted later is version 2; the earlier text stays in the history.
        c = await OkAsync(commander.PostAsJsonAsync($"{Base}/{Id(c)}/amendments", new { title = "修订第二条", text = "第一条 本社区居民共同遵守。\n第二条 文明养犬，牵绳出行。" }, Ct));
        c = await OkAsync(ActAsync(commander, Open(c), "OpenDiscussion"));
        c = await OkAsync(ActAsync(commander, Open(c), "RecordVote", new { eligibleVoters = 30, votesFor = 20, votesAgainst = 1, votesAbstain = 0 }));
        Assert.Equal([2, 1], c.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));
        published = await OkAsync(resident.GetAsync($"{Base}/published?communityId={community}", Ct));
        Assert.EndsWith("牵绳出行。", published.GetProperty("text").GetString());

        // Community staff of another community neither see nor act.
        await ReadAsync(staff.GetAsync($"{Base}?communityId={community}", Ct), HttpStatusCode.NotFound);
        await ReadAsync(staff.PostAsJsonAsync($"{Base}/{Id(c)}/amendments", new { title = "越权", text = "x" }, Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_resident_page_shows_the_adopted_text()
    {
        using var commander = await app.ClientAsAsync("commander");
        var community = (await _api.CommunitiesAsync())[6].Id;
        var c = await ReadAsync(commander.PostAsJsonAsync(Base, new { communityId = community, title = "居民公约", text = "邻里守望，互帮互助。" }, Ct), HttpStatusCode.Created);
        c = await OkAsync(ActAsync(commander, Open(c), "OpenDiscussion"));
        await OkAsync(ActAsync(commander, Open(c), "RecordVote", new { eligibleVoters = 9, votesFor = 9, votesAgainst = 0, votesAbstain = 0 }));

        using var anonymous = app.Anonymous();
        var html = await anonymous.GetStringAsync($"/m/charter?community={community}", Ct);
        Assert.Contains("邻里守望，互帮互助。", html);
        Assert.Contains("第 1 版", html);
    }
}

public sealed class CharterTests_Sqlite(SqliteApp app) : CharterTests(app), IClassFixture<SqliteApp>;

public sealed class CharterTests_Postgres(PostgresApp app) : CharterTests(app), IClassFixture<PostgresApp>;
