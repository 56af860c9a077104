using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.IntegrationTests.Infrastructure;
using static Jiexin.IntegrationTests.Modules.SelfGovernance.Deliberations.DeliberationApi;

namespace Jiexin.IntegrationTests.Modules.SelfGovernance;

/// <summary>
/// 居民自治 belongs to communities: a grid worker and a department account (neither's scope covers a community) see
/// nothing of it — no topic, meeting, venue, household group or charter, in lists or by id — and cannot act on it.
/// </summary>
public abstract class SelfGovernanceIsolationTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly Deliberations.DeliberationApi _api = new(app);

    [Theory]
    [InlineData("grid01")]
    [InlineData("dept-cg")]
    public async Task Grid_and_department_accounts_see_and_touch_nothing_of_self_governance(string userName)
    {
        using var staff = await app.ClientAsAsync("community01");
        using var outsider = await app.ClientAsAsync(userName);
        var communities = await _api.CommunitiesAsync();
        var community = communities[0].Id; // grid01's grid lies in this community: its own community is still not its scope

        var venue = await VenueAsync(staff, community);
        var topic = await TopicAsync(staff, community);
        var (meeting, resolution, _) = await _api.VotingAsync(staff, community);
        var group = await ReadAsync(staff.PostAsJsonAsync("/api/v1/household-groups", new
        {
            communityId = community, name = Unique("隔离联组"), leaderName = "联户长王", zoneAddresses = new[] { "景湖苑 5 幢" },
        }, Ct), HttpStatusCode.Created);
        var charterCommunity = communities[userName == "grid01" ? 6 : 7].Id;
        using var commander = await app.ClientAsAsync("commander");
        await ReadAsync(commander.PostAsJsonAsync("/api/v1/charters", new { communityId = charterCommunity, title = "居民自治章程", text = "第一条 共同遵守。" }, Ct), HttpStatusCode.Created);

        // Lists: none of it.
        var topics = await OkAsync(outsider.GetAsync($"{Base}/topics?pageSize=100", Ct));
        Assert.DoesNotContain(Id(topic), topics.GetProperty("items").EnumerateArray().Select(Id));
        topics = await OkAsync(outsider.GetAsync($"{Base}/topics?communityId={community}&pageSize=100", Ct));
        Assert.Empty(topics.GetProperty("items").EnumerateArray());
        var meetings = await OkAsync(outsider.GetAsync($"{Base}/meetings?communityId={community}&pageSize=100", Ct));
        Assert.Empty(meetings.GetProperty("items").EnumerateArray());
        var venues = await OkAsync(outsider.GetAsync($"{Base}/venues?communityId={community}", Ct));
        Assert.DoesNotContain(Id(venue), venues.EnumerateArray().Select(Id));
        var groups = await OkAsync(outsider.GetAsync($"/api/v1/household-groups?communityId={community}", Ct));
        Assert.Empty(groups.EnumerateArray());

        // By id: not found; acting: not found (a hidden item is never confirmed by a 403).
        await ReadAsync(outsider.GetAsync($"{Base}/meetings/{Id(meeting)}", Ct), HttpStatusCode.NotFound);
        await ReadAsync(MeetingActAsync(outsider, meeting, "AddResolution", new { text = "越权决议" }), HttpStatusCode.NotFound);
        await ReadAsync(ResolutionActAsync(outsider, resolution, "Vote", new { party = "PartyOrganisation", choice = "For" }), HttpStatusCode.NotFound);
        await ReadAsync(outsider.PostAsJsonAsync($"{Base}/topics/{Id(topic)}/actions/Decline", new { version = topic.GetProperty("version").GetInt32(), note = "越权" }, Ct), HttpStatusCode.NotFound);
        await ReadAsync(outsider.GetAsync($"/api/v1/household-groups/{Id(group)}", Ct), HttpStatusCode.NotFound);
        await ReadAsync(outsider.PostAsJsonAsync($"/api/v1/household-groups/{Id(group)}/tasks", new { title = "越权", dueOn = "2026-12-31" }, Ct), HttpStatusCode.NotFound);
        await ReadAsync(outsider.GetAsync($"/api/v1/charters?communityId={charterCommunity}", Ct), HttpStatusCode.NotFound);

        // Creating in the community: refused.
        await ReadAsync(outsider.PostAsJsonAsync("/api/v1/household-groups", new { communityId = community, name = "越权", leaderName = "某", zoneAddresses = new[] { "某地" } }, Ct), HttpStatusCode.Forbidden);
        await ReadAsync(outsider.PostAsJsonAsync($"{Base}/venues", new { communityId = community, name = Unique("越权茶馆"), address = "某地" }, Ct), HttpStatusCode.Forbidden);
        var refused = await outsider.PostAsJsonAsync("/api/v1/charters", new { communityId = communities[8].Id, title = "越权章程", text = "第一条" }, Ct);
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{refused.StatusCode}");
        await ReadAsync(outsider.GetAsync($"/api/v1/charters?communityId={communities[8].Id}", Ct), HttpStatusCode.NotFound);
    }
}

public sealed class SelfGovernanceIsolationTests_Sqlite(SqliteApp app) : SelfGovernanceIsolationTests(app), IClassFixture<SqliteApp>;

public sealed class SelfGovernanceIsolationTests_Postgres(PostgresApp app) : SelfGovernanceIsolationTests(app), IClassFixture<PostgresApp>;
