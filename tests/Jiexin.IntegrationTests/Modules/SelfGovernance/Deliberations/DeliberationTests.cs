using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.SelfGovernance.Contracts;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.SelfGovernance.Deliberations.DeliberationApi;

namespace Jiexin.IntegrationTests.Modules.SelfGovernance.Deliberations;

/// <summary>四方议事 over HTTP: topics → meeting with quorum → minutes → the parties' vote → tasks → carried out → public notice.</summary>
public abstract class DeliberationTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly DeliberationApi _api = new(app);

    [Fact]
    public async Task Resolution_loop_closes_when_its_last_task_closes_and_the_notice_shows_it()
    {
        using var staff = await app.ClientAsAsync("community01");
        using var resident = await app.ClientAsAsync("resident01");
        var community = (await _api.CommunitiesAsync())[0].Id;

        // A resident proposes; the topic waits for acceptance, then the community accepts it.
        var proposed = await TopicAsync(resident, community, "楼道堆物", new { });
        Assert.Equal("Proposed", proposed.GetProperty("status").GetString());
        Assert.Equal("Resident", proposed.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, proposed.GetProperty("proposerParty").ValueKind);
        var accepted = await OkAsync(staff.PostAsJsonAsync($"{Base}/topics/{Id(proposed)}/actions/Accept", new { version = proposed.GetProperty("version").GetInt32() }, Ct));
        Assert.Equal("Accepted", accepted.GetProperty("status").GetString());

        // A topic raised from an event keeps the event's tracking code as its reference.
        var fromEvent = await TopicAsync(staff, community, "夜间噪音", new { source = "Event", sourceRef = "SJ261129ABCD" });
        Assert.Equal("SJ261129ABCD", fromEvent.GetProperty("sourceRef").GetString());
        Assert.Equal("Accepted", fromEvent.GetProperty("status").GetString());

        var venue = await VenueAsync(staff, community, "景湖邻里堂");
        var m = await ScheduleAsync(staff, community, Id(venue), Id(accepted), Id(fromEvent));
        Assert.Equal("Planned", m.GetProperty("status").GetString());
        Assert.Equal(venue.GetProperty("name").GetString(), m.GetProperty("venueName").GetString());
        Assert.Equal([Id(accepted), Id(fromEvent)], m.GetProperty("agenda").EnumerateArray().Select(Id));
        Assert.All(m.GetProperty("agenda").EnumerateArray(), t => Assert.Equal("OnAgenda", t.GetProperty("status").GetString()));
        Assert.False(m.GetProperty("quorumMet").GetBoolean());

        // Nobody recorded present yet: no quorum, no meeting.
        var noQuorum = await ReadAsync(MeetingActAsync(staff, m, "Hold", new { minutes = "纪要" }), HttpStatusCode.BadRequest);
        Assert.Contains("法定人数", Error(noQuorum, "attendees"));

        m = await OkAsync(MeetingActAsync(staff, m, "RecordAttendance", new { attendees = Attendance() }));
        Assert.True(m.GetProperty("quorumMet").GetBoolean());
        m = await OkAsync(MeetingActAsync(staff, m, "Hold", new { minutes = "四方就楼道堆物和夜间噪音形成共识。" }));
        Assert.Equal("Held", m.GetProperty("status").GetString());
        Assert.All(m.GetProperty("agenda").EnumerateArray(), t => Assert.Equal("Deliberated", t.GetProperty("status").GetString()));

        m = await OkAsync(MeetingActAsync(staff, m, "AddResolution", new { text = "一周内清理楼道堆物，物业每月巡查。", topicId = Id(accepted) }));
        var resolution = m.GetProperty("resolutions")[0];
        Assert.Equal("Voting", resolution.GetProperty("status").GetString());

        // Three of the four parties for: carried.
        await OkAsync(ResolutionActAsync(staff, resolution, "Vote", new { party = "PartyOrganisation", choice = "For" }));
        m = await OkAsync(GetAsync(staff, Id(m)));
        resolution = Resolution(m, Id(resolution));
        var early = await ReadAsync(ResolutionActAsync(staff, resolution, "Tally"), HttpStatusCode.BadRequest);
        Assert.Contains("居委会", Error(early, "party"));
        m = await VoteAllAsync(staff, resolution, "For", "For", "Against", "For");
        resolution = Resolution(m, Id(resolution));
        Assert.Equal(["For", "For", "Against", "For"], resolution.GetProperty("votes").EnumerateArray().Select(v => v.GetProperty("choice").GetString()));
        m = await OkAsync(ResolutionActAsync(staff, resolution, "Tally"));
        resolution = Resolution(m, Id(resolution));
        Assert.Equal("Carried", resolution.GetProperty("status").GetString());

        m = await OkAsync(ResolutionActAsync(staff, resolution, "AssignTask", new { title = "清理 1-3 号楼楼道堆物", ownerName = "物业经理孙", party = "PropertyCompany", dueOn = "2026-12-06" }));
        resolution = Resolution(m, Id(resolution));
        m = await OkAsync(ResolutionActAsync(staff, resolution, "AssignTask", new { title = "张贴楼道安全告示", ownerName = "居委会主任陈", dueOn = "2026-12-03" }));
        resolution = Resolution(m, Id(resolution));
        m = await OkAsync(ResolutionActAsync(staff, resolution, "Publish"));
        resolution = Resolution(m, Id(resolution));
        Assert.NotEqual(JsonValueKind.Null, resolution.GetProperty("publishedAt").ValueKind);
        Assert.DoesNotContain("Publish", resolution.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));

        // The resident reads the notice: the parties' votes and the open tasks.
        var notices = await OkAsync(resident.GetAsync($"{Base}/notices?communityId={community}", Ct));
        var notice = notices.EnumerateArray().Single(n => n.GetProperty("resolutionId").GetGuid() == Id(resolution));
        Assert.Equal(accepted.GetProperty("title").GetString(), notice.GetProperty("topicTitle").GetString());
        Assert.Contains("业委会：反对", notice.GetProperty("votes").EnumerateArray().Select(v => v.GetString()));
        Assert.All(notice.GetProperty("tasks").EnumerateArray(), t => Assert.False(t.GetProperty("done").GetBoolean()));

        // Closing needs an outcome; the first task closed leaves the resolution carried, the last makes it carried out.
        var tasks = resolution.GetProperty("tasks").EnumerateArray().Select(Id).ToList();
        await ReadAsync(ResolutionActAsync(staff, resolution, "CloseTask", new { taskId = tasks[0] }), HttpStatusCode.BadRequest);
        m = await OkAsync(ResolutionActAsync(staff, resolution, "CloseTask", new { taskId = tasks[0], note = "告示已张贴" }));
        resolution = Resolution(m, Id(resolution));
        Assert.Equal("Carried", resolution.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, resolution.GetProperty("carriedOutAt").ValueKind);
        m = await OkAsync(ResolutionActAsync(staff, resolution, "CloseTask", new { taskId = tasks[1], note = "堆物已清，物业已建巡查台账" }));
        resolution = Resolution(m, Id(resolution));
        Assert.Equal("CarriedOut", resolution.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, resolution.GetProperty("carriedOutAt").ValueKind);
        Assert.All(resolution.GetProperty("tasks").EnumerateArray(), t => Assert.Equal("Closed", t.GetProperty("state").GetString()));

        notices = await OkAsync(resident.GetAsync($"{Base}/notices?communityId={community}", Ct));
        notice = notices.EnumerateArray().Single(n => n.GetProperty("resolutionId").GetGuid() == Id(resolution));
        Assert.Equal("已落实", notice.GetProperty("statusName").GetString());
        Assert.All(notice.GetProperty("tasks").EnumerateArray(), t => Assert.True(t.GetProperty("done").GetBoolean()));

        // A closed loop takes no more tasks.
        await ReadAsync(ResolutionActAsync(staff, resolution, "AssignTask", new { title = "再来一个", ownerName = "某人", dueOn = "2026-12-31" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Two_of_four_parties_for_is_rejected_and_takes_no_tasks()
    {
        using var staff = await app.ClientAsAsync("community01");
        var community = (await _api.CommunitiesAsync())[0].Id;
        var (_, resolution, _) = await _api.VotingAsync(staff, community);
        var m = await VoteAllAsync(staff, resolution, "For", "Against", "Abstain", "For");
        m = await OkAsync(ResolutionActAsync(staff, Resolution(m, Id(resolution)), "Tally"));
        resolution = Resolution(m, Id(resolution));
        Assert.Equal("Rejected", resolution.GetProperty("status").GetString());
        await ReadAsync(ResolutionActAsync(staff, resolution, "AssignTask", new { title = "t", ownerName = "o", dueOn = "2026-12-31" }), HttpStatusCode.Conflict);
        await ReadAsync(ResolutionActAsync(staff, resolution, "Publish"), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Quorum_needs_every_party_and_half_of_the_invited()
    {
        using var staff = await app.ClientAsAsync("community01");
        var community = (await _api.CommunitiesAsync())[0].Id;
        var venue = Id(await VenueAsync(staff, community));
        var m = await ScheduleAsync(staff, community, venue, Id(await TopicAsync(staff, community)));

        // The property company stays away (indexes 6 and 7): four parties are not all there.
        m = await OkAsync(MeetingActAsync(staff, m, "RecordAttendance", new { attendees = Attendance(i => i is not (6 or 7)) }));
        var problem = await ReadAsync(MeetingActAsync(staff, m, "Hold", new { minutes = "纪要" }), HttpStatusCode.BadRequest);
        Assert.Contains("物业公司", Error(problem, "attendees"));

        // One of each party (4 of 9): every party is there but fewer than half of the invited.
        m = await OkAsync(MeetingActAsync(staff, m, "RecordAttendance", new { attendees = Attendance(i => i is 0 or 2 or 4 or 6) }));
        problem = await ReadAsync(MeetingActAsync(staff, m, "Hold", new { minutes = "纪要" }), HttpStatusCode.BadRequest);
        Assert.Contains("不足半数", Error(problem, "attendees"));

        // Five of nine, every party: quorate.
        m = await OkAsync(MeetingActAsync(staff, m, "RecordAttendance", new { attendees = Attendance(i => i is 0 or 2 or 4 or 6 or 8) }));
        m = await OkAsync(MeetingActAsync(staff, m, "Hold", new { minutes = "纪要" }));
        Assert.Equal("Held", m.GetProperty("status").GetString());
        Assert.Equal(5, m.GetProperty("attendees").EnumerateArray().Count(a => a.GetProperty("present").GetBoolean()));
    }

    [Fact]
    public async Task Acting_on_a_stale_version_answers_409_with_the_current_state()
    {
        using var staff = await app.ClientAsAsync("community01");
        var community = (await _api.CommunitiesAsync())[0].Id;
        var (_, resolution, _) = await _api.VotingAsync(staff, community);
        await OkAsync(ResolutionActAsync(staff, resolution, "Vote", new { party = "OwnersCommittee", choice = "For" }));
        var stale = await ReadAsync(ResolutionActAsync(staff, resolution, "Vote", new { party = "OwnersCommittee", choice = "Against" }), HttpStatusCode.Conflict);
        var current = Resolution(stale.GetProperty("current"), Id(resolution));
        Assert.Equal("For", current.GetProperty("votes")[0].GetProperty("choice").GetString());

        var venue = Id(await VenueAsync(staff, community));
        var m = await ScheduleAsync(staff, community, venue, Id(await TopicAsync(staff, community)));
        await OkAsync(MeetingActAsync(staff, m, "RecordAttendance", new { attendees = Attendance() }));
        var conflict = await ReadAsync(MeetingActAsync(staff, m, "Cancel", new { note = "改期" }), HttpStatusCode.Conflict);
        Assert.Equal("Planned", conflict.GetProperty("current").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cancelling_a_meeting_returns_its_topics_to_accepted_for_the_next_one()
    {
        using var staff = await app.ClientAsAsync("community01");
        var community = (await _api.CommunitiesAsync())[0].Id;
        var venue = Id(await VenueAsync(staff, community));
        var topic = Id(await TopicAsync(staff, community));
        var m = await ScheduleAsync(staff, community, venue, topic);

        // On one agenda at a time.
        var twice = await ReadAsync(staff.PostAsJsonAsync($"{Base}/meetings", new { communityId = community, title = "另一场", venueId = venue, scheduledAt = DateTime.UtcNow, topicIds = new[] { topic } }, Ct), HttpStatusCode.BadRequest);
        Assert.Equal("topicIds", twice.GetProperty("errors").EnumerateObject().Single().Name);

        await ReadAsync(MeetingActAsync(staff, m, "Cancel"), HttpStatusCode.BadRequest);
        m = await OkAsync(MeetingActAsync(staff, m, "Cancel", new { note = "台风改期" }));
        Assert.Equal("Cancelled", m.GetProperty("status").GetString());
        Assert.Equal("Accepted", m.GetProperty("agenda")[0].GetProperty("status").GetString());
        await ScheduleAsync(staff, community, venue, topic);
    }

    [Fact]
    public async Task Scope_community_staff_work_only_in_their_community_leaders_read_residents_do_not_list()
    {
        using var staff = await app.ClientAsAsync("community01");
        using var commander = await app.ClientAsAsync("commander");
        using var leader = await app.ClientAsAsync("leader");
        using var resident = await app.ClientAsAsync("resident01");
        var communities = await _api.CommunitiesAsync();
        var other = communities[1].Id;

        // The street's commander manages any community; community01 cannot act there and does not see it.
        var venue = Id(await VenueAsync(commander, other));
        var topic = Id(await TopicAsync(commander, other));
        var m = await ScheduleAsync(commander, other, venue, topic);
        await ReadAsync(staff.PostAsJsonAsync($"{Base}/topics", new { communityId = other, title = "越权", description = "越权", proposerParty = "OwnersCommittee" }, Ct), HttpStatusCode.Forbidden);
        await ReadAsync(staff.GetAsync($"{Base}/meetings/{Id(m)}", Ct), HttpStatusCode.NotFound);
        await ReadAsync(MeetingActAsync(staff, m, "Cancel", new { note = "越权" }), HttpStatusCode.NotFound);
        var list = await OkAsync(staff.GetAsync($"{Base}/meetings?pageSize=100", Ct));
        Assert.DoesNotContain(Id(m), list.GetProperty("items").EnumerateArray().Select(Id));
        list = await OkAsync(commander.GetAsync($"{Base}/meetings?communityId={other}&pageSize=100", Ct));
        Assert.Contains(Id(m), list.GetProperty("items").EnumerateArray().Select(Id));

        // A leader reads (no actions offered) and cannot act.
        var read = await OkAsync(leader.GetAsync($"{Base}/meetings/{Id(m)}", Ct));
        Assert.Empty(read.GetProperty("actions").EnumerateArray());
        await ReadAsync(MeetingActAsync(leader, m, "Cancel", new { note = "x" }), HttpStatusCode.Forbidden);

        // Residents propose but do not see the staff lists.
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync($"{Base}/meetings", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync($"{Base}/topics", Ct)).StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_a_problem_in_plain_chinese()
    {
        using var staff = await app.ClientAsAsync("community01");
        var communities = await _api.CommunitiesAsync();
        var community = communities[0].Id;
        var fromEvent = await ReadAsync(staff.PostAsJsonAsync($"{Base}/topics", new { communityId = community, title = "t", description = "d", source = "Event" }, Ct), HttpStatusCode.BadRequest);
        Assert.Equal("请填写事件编号。", fromEvent.GetProperty("errors").GetProperty("sourceRef")[0].GetString());

        // A proposed (not yet accepted) topic cannot be put on an agenda; a venue of another community cannot host.
        using var resident = await app.ClientAsAsync("resident02");
        var proposed = Id(await TopicAsync(resident, community, "未受理议题", new { }));
        var venue = Id(await VenueAsync(staff, community));
        await ReadAsync(staff.PostAsJsonAsync($"{Base}/meetings", new { communityId = community, title = "会", venueId = venue, scheduledAt = DateTime.UtcNow, topicIds = new[] { proposed } }, Ct), HttpStatusCode.BadRequest);
        using var commander = await app.ClientAsAsync("commander");
        var foreignVenue = Id(await VenueAsync(commander, communities[2].Id));
        var accepted = Id(await TopicAsync(staff, community));
        var wrongVenue = await ReadAsync(staff.PostAsJsonAsync($"{Base}/meetings", new { communityId = community, title = "会", venueId = foreignVenue, scheduledAt = DateTime.UtcNow, topicIds = new[] { accepted } }, Ct), HttpStatusCode.BadRequest);
        Assert.True(wrongVenue.GetProperty("errors").TryGetProperty("venueId", out _));

        // Duplicate venue name in one community.
        var name = Unique("老街话事");
        await ReadAsync(staff.PostAsJsonAsync($"{Base}/venues", new { communityId = community, name }, Ct), HttpStatusCode.Created);
        await ReadAsync(staff.PostAsJsonAsync($"{Base}/venues", new { communityId = community, name }, Ct), HttpStatusCode.BadRequest);
        await ReadAsync(staff.PostAsJsonAsync($"{Base}/meetings/{Guid.NewGuid()}/actions/Fly", new { version = 0 }, Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Figures_count_meetings_held_and_resolutions_carried_out_per_community_and_month()
    {
        using var commander = await app.ClientAsAsync("commander");
        var community = (await _api.CommunitiesAsync())[4].Id; // used by no other test in this class
        var (_, resolution, _) = await _api.VotingAsync(commander, community);
        var m = await VoteAllAsync(commander, resolution, "For", "For", "For", "Abstain");
        m = await OkAsync(ResolutionActAsync(commander, Resolution(m, Id(resolution)), "Tally"));
        m = await OkAsync(ResolutionActAsync(commander, Resolution(m, Id(resolution)), "AssignTask", new { title = "施划临停车位", ownerName = "物业经理孙", dueOn = "2026-12-31" }));
        var r = Resolution(m, Id(resolution));
        await OkAsync(ResolutionActAsync(commander, r, "CloseTask", new { taskId = Id(r.GetProperty("tasks")[0]), note = "已施划 20 个车位" }));
        await _api.VotingAsync(commander, community); // a second meeting held, its resolution still open

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var months = await app.WithScopeAsync(sp => sp.GetRequiredService<ISelfGovernanceFigures>()
            .DeliberationsByMonthAsync(new DateOnly(today.Year, today.Month, 1), new DateOnly(today.Year, today.Month, 1).AddMonths(1), Ct));
        var mine = Assert.Single(months, x => x.CommunityId == community);
        Assert.Equal((today.Year, today.Month, 2, 1), (mine.Year, mine.Month, mine.MeetingsHeld, mine.ResolutionsCarriedOut));

        var lastMonth = await app.WithScopeAsync(sp => sp.GetRequiredService<ISelfGovernanceFigures>()
            .DeliberationsByMonthAsync(new DateOnly(today.Year, today.Month, 1).AddMonths(-1), new DateOnly(today.Year, today.Month, 1), Ct));
        Assert.DoesNotContain(lastMonth, x => x.CommunityId == community);
    }

    private static string? Error(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString();

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, Guid meeting) => client.GetAsync($"{Base}/meetings/{meeting}", Ct);
}

public sealed class DeliberationTests_Sqlite(SqliteApp app) : DeliberationTests(app), IClassFixture<SqliteApp>;

public sealed class DeliberationTests_Postgres(PostgresApp app) : DeliberationTests(app), IClassFixture<PostgresApp>;
