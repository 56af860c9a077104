using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Territory.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.SelfGovernance.Deliberations;

/// <summary>The 四方议事 API as tests drive it.</summary>
public sealed class DeliberationApi(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public const string Base = "/api/v1/deliberations";

    public static readonly string[] FourParties = ["PartyOrganisation", "ResidentsCommittee", "OwnersCommittee", "PropertyCompany"];

    public Task<IReadOnlyList<OrgUnitSummary>> CommunitiesAsync() =>
        app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<ITerritoryLookup>().Communities));

    public static string Unique(string text) => $"{text}-{Guid.NewGuid().ToString("N")[..8]}";

    public static async Task<JsonElement> VenueAsync(HttpClient staff, Guid community, string name = "民情茶馆") =>
        await ReadAsync(staff.PostAsJsonAsync($"{Base}/venues", new { communityId = community, name = Unique(name), address = "社区党群服务中心二楼" }, Ct), HttpStatusCode.Created);

    public static async Task<JsonElement> TopicAsync(HttpClient client, Guid community, string title = "小区停车难", object? extra = null)
    {
        var body = new JsonObject { ["communityId"] = community, ["title"] = Unique(title), ["description"] = "晚上车位不够，车辆占用消防通道。" };
        if (extra is not null)
        {
            foreach (var (key, value) in JsonSerializer.SerializeToNode(extra, JsonSerializerOptions.Web)!.AsObject())
            {
                body[key] = value?.DeepClone();
            }
        }
        else
        {
            body["proposerParty"] = "OwnersCommittee";
        }

        return await ReadAsync(client.PostAsJsonAsync($"{Base}/topics", body, Ct), HttpStatusCode.Created);
    }

    /// <summary>Two invited per party (eight), plus one resident representative.</summary>
    public static readonly (string Party, string Name)[] People =
    [
        ("PartyOrganisation", "党支部书记李"), ("PartyOrganisation", "党员王"), ("ResidentsCommittee", "居委会主任陈"), ("ResidentsCommittee", "居委会委员周"),
        ("OwnersCommittee", "业委会主任吴"), ("OwnersCommittee", "业委会委员郑"), ("PropertyCompany", "物业经理孙"), ("PropertyCompany", "物业客服钱"),
        ("Residents", "居民代表冯"),
    ];

    public static object[] Invitees() => [.. People.Select(p => new { party = p.Party, name = p.Name })];

    public static async Task<JsonElement> ScheduleAsync(HttpClient staff, Guid community, Guid venue, params Guid[] topics) =>
        await ReadAsync(staff.PostAsJsonAsync($"{Base}/meetings", new
        {
            communityId = community, title = Unique("四方议事会"), venueId = venue, scheduledAt = DateTime.UtcNow.AddDays(2), topicIds = topics, attendees = Invitees(),
        }, Ct), HttpStatusCode.Created);

    public static Task<HttpResponseMessage> MeetingActAsync(HttpClient client, JsonElement meeting, string action, object? extra = null) =>
        client.PostAsJsonAsync($"{Base}/meetings/{Id(meeting)}/actions/{action}", WithVersion(extra, meeting.GetProperty("version").GetInt32()), Ct);

    public static Task<HttpResponseMessage> ResolutionActAsync(HttpClient client, JsonElement resolution, string action, object? extra = null) =>
        client.PostAsJsonAsync($"{Base}/resolutions/{Id(resolution)}/actions/{action}", WithVersion(extra, resolution.GetProperty("version").GetInt32()), Ct);

    /// <summary>The invited list with who is present (everyone by default).</summary>
    public static object[] Attendance(Func<int, bool>? present = null) =>
        [.. People.Select((p, i) => new { party = p.Party, name = p.Name, present = present?.Invoke(i) ?? true })];

    /// <summary>Venue, an accepted topic, a meeting held with full attendance and one resolution open for voting.</summary>
    public async Task<(JsonElement Meeting, JsonElement Resolution, Guid Topic)> VotingAsync(HttpClient staff, Guid community, string text = "划定夜间临时停车区")
    {
        var venue = Id(await VenueAsync(staff, community));
        var topic = Id(await TopicAsync(staff, community));
        var m = await ScheduleAsync(staff, community, venue, topic);
        m = await OkAsync(MeetingActAsync(staff, m, "RecordAttendance", new { attendees = Attendance() }));
        m = await OkAsync(MeetingActAsync(staff, m, "Hold", new { minutes = "四方充分讨论了停车问题。" }));
        m = await OkAsync(MeetingActAsync(staff, m, "AddResolution", new { text = Unique(text), topicId = topic }));
        return (m, m.GetProperty("resolutions")[0], topic);
    }

    public static async Task<JsonElement> VoteAllAsync(HttpClient staff, JsonElement resolution, params string[] choices)
    {
        JsonElement m = default;
        for (var i = 0; i < FourParties.Length; i++)
        {
            m = await OkAsync(ResolutionActAsync(staff, resolution, "Vote", new { party = FourParties[i], choice = choices[i], voterName = $"代表{i}" }));
            resolution = Resolution(m, Id(resolution));
        }

        return m;
    }

    public static JsonElement Resolution(JsonElement meeting, Guid id) =>
        meeting.GetProperty("resolutions").EnumerateArray().Single(r => Id(r) == id);

    private static JsonObject WithVersion(object? extra, int version)
    {
        var body = JsonSerializer.SerializeToNode(extra ?? new { }, JsonSerializerOptions.Web)!.AsObject();
        body["version"] = version;
        return body;
    }

    public static Task<JsonElement> OkAsync(Task<HttpResponseMessage> call) => ReadAsync(call, HttpStatusCode.OK);

    public static async Task<JsonElement> ReadAsync(Task<HttpResponseMessage> call, HttpStatusCode expected)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        if ((int)expected >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();
}
