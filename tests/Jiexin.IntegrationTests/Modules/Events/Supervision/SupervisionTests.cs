using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.IntegrationTests.Infrastructure;
using static Jiexin.IntegrationTests.Modules.Events.EventApi;

namespace Jiexin.IntegrationTests.Modules.Events.Supervision;

/// <summary>督办: the command centre issues a notice to whoever holds the event; that unit must answer it.</summary>
public abstract class SupervisionTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly EventApi _api = new(app);

    private static Task<HttpResponseMessage> SuperviseAsync(HttpClient client, JsonElement e, object body) =>
        client.PostAsJsonAsync($"/api/v1/events/{Id(e)}/supervision-notices", body, Ct);

    private static Task<HttpResponseMessage> AnswerAsync(HttpClient client, JsonElement e, Guid notice, string? reply) =>
        client.PostAsJsonAsync($"/api/v1/events/{Id(e)}/supervision-notices/{notice}/reply", new { reply }, Ct);

    [Fact]
    public async Task The_commander_supervises_the_assignee_who_answers_once_and_the_event_version_is_untouched()
    {
        using var resident = await app.ClientAsAsync("resident01");
        using var commander = await app.ClientAsAsync("commander");
        using var cgStaff = await app.ClientAsAsync("dept-cg");
        var cg = await _api.DepartmentAsync("城管");
        var e = await _api.ReportAsync(resident, "占道摆摊影响通行，多次反映未处理");
        e = await OkAsync(ActAsync(commander, e, "Dispatch", new { assigneeKind = "Department", assigneeId = cg.Id }));
        Assert.True((await GetAsync(commander, e)).GetProperty("canSupervise").GetBoolean());
        Assert.False((await GetAsync(cgStaff, e)).GetProperty("canSupervise").GetBoolean());

        var empty = await ReadAsync(SuperviseAsync(commander, e, new { text = "  " }), HttpStatusCode.BadRequest);
        Assert.True(empty.GetProperty("errors").TryGetProperty("text", out _));
        var notice = await ReadAsync(SuperviseAsync(commander, e, new { text = "请于今日下班前处置并反馈" }), HttpStatusCode.Created);
        var noticeId = notice.GetProperty("id").GetGuid();
        Assert.Equal(cg.Id, notice.GetProperty("target").GetProperty("id").GetGuid());

        // Not a state change: whoever works on the event is not pushed into a version conflict by it.
        var after = await GetAsync(cgStaff, e);
        Assert.Equal(e.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
        var shown = after.GetProperty("supervisionNotices").EnumerateArray().Single(n => n.GetProperty("id").GetGuid() == noticeId);
        Assert.True(shown.GetProperty("canAnswer").GetBoolean());
        Assert.True(shown.GetProperty("isOpen").GetBoolean());
        Assert.Contains(after.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("action").GetString() == "Supervise");

        // Listed as open for the department and the command centre.
        var open = await cgStaff.GetFromJsonAsync<JsonElement>("/api/v1/events/supervision-notices?open=true&pageSize=100", Ct);
        Assert.Contains(open.GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetGuid() == noticeId);
        Assert.All(open.GetProperty("items").EnumerateArray(), n => Assert.Equal(cg.Id, n.GetProperty("targetId").GetGuid()));
        var all = await commander.GetFromJsonAsync<JsonElement>($"/api/v1/events/supervision-notices?eventId={Id(e)}", Ct);
        Assert.Equal(e.GetProperty("trackingCode").GetString(), all.GetProperty("items")[0].GetProperty("trackingCode").GetString());
        using var grid = await app.ClientAsAsync("grid01");
        Assert.DoesNotContain((await grid.GetFromJsonAsync<JsonElement>("/api/v1/events/supervision-notices", Ct)).GetProperty("items").EnumerateArray(),
            n => n.GetProperty("id").GetGuid() == noticeId);

        // The issuer does not answer its own notice; the department does, once.
        await ReadAsync(AnswerAsync(commander, e, noticeId, "已处理"), HttpStatusCode.Forbidden);
        var emptyReply = await ReadAsync(AnswerAsync(cgStaff, e, noticeId, ""), HttpStatusCode.BadRequest);
        Assert.True(emptyReply.GetProperty("errors").TryGetProperty("reply", out _));
        var answered = await OkAsync(AnswerAsync(cgStaff, e, noticeId, "已安排执法队员今日清理"));
        Assert.Equal("已安排执法队员今日清理", answered.GetProperty("reply").GetString());
        Assert.NotEqual(JsonValueKind.Null, answered.GetProperty("repliedAt").ValueKind);
        await ReadAsync(AnswerAsync(cgStaff, e, noticeId, "再答一次"), HttpStatusCode.Conflict);

        var stillOpen = await cgStaff.GetFromJsonAsync<JsonElement>("/api/v1/events/supervision-notices?open=true&pageSize=100", Ct);
        Assert.DoesNotContain(stillOpen.GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetGuid() == noticeId);
        var answeredOnly = await cgStaff.GetFromJsonAsync<JsonElement>($"/api/v1/events/supervision-notices?open=false&eventId={Id(e)}", Ct);
        Assert.Equal(noticeId, Assert.Single(answeredOnly.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        var openOfEvent = await cgStaff.GetFromJsonAsync<JsonElement>($"/api/v1/events/supervision-notices?open=true&eventId={Id(e)}", Ct);
        Assert.Empty(openOfEvent.GetProperty("items").EnumerateArray());

        // The department's action on the event is still accepted with the version it saw before the notice.
        await OkAsync(ActAsync(cgStaff, e, "Accept"));
    }

    [Fact]
    public async Task Supervision_is_refused_by_role_scope_and_when_nobody_holds_the_event()
    {
        using var resident = await app.ClientAsAsync("resident02");
        using var commander = await app.ClientAsAsync("commander");
        using var grid = await app.ClientAsAsync("grid01");
        using var cgStaff = await app.ClientAsAsync("dept-cg");
        using var leader = await app.ClientAsAsync("leader");
        var cg = await _api.DepartmentAsync("城管");
        var e = await _api.ReportAsync(resident, "小区消防栓被埋，无法使用");

        // Nobody holds a reported event: nothing to supervise.
        await ReadAsync(SuperviseAsync(commander, e, new { text = "督办" }), HttpStatusCode.Conflict);

        e = await OkAsync(ActAsync(commander, e, "Dispatch", new { assigneeKind = "Department", assigneeId = cg.Id }));
        await ReadAsync(SuperviseAsync(grid, e, new { text = "督办" }), HttpStatusCode.Forbidden);
        await ReadAsync(SuperviseAsync(cgStaff, e, new { text = "督办" }), HttpStatusCode.Forbidden);
        using var community = await app.ClientAsAsync("community01");
        await ReadAsync(SuperviseAsync(community, e, new { text = "督办" }), HttpStatusCode.Forbidden);
        // A department that is not summoned is not a target.
        var zj = await _api.DepartmentAsync("住建");
        var wrongTarget = await ReadAsync(SuperviseAsync(commander, e, new { text = "督办", departmentId = zj.Id }), HttpStatusCode.BadRequest);
        Assert.True(wrongTarget.GetProperty("errors").TryGetProperty("departmentId", out _));
        // Leaders may supervise too.
        await ReadAsync(SuperviseAsync(leader, e, new { text = "领导督办：尽快处置" }), HttpStatusCode.Created);

        // A resident cannot see notices nor answer them.
        var notice = await ReadAsync(SuperviseAsync(commander, e, new { text = "再次督办" }), HttpStatusCode.Created);
        await ReadAsync(AnswerAsync(resident, e, notice.GetProperty("id").GetGuid(), "居民答复"), HttpStatusCode.Forbidden);
        var mine = await GetAsync(resident, e);
        Assert.Equal(JsonValueKind.Null, mine.GetProperty("supervisionNotices").ValueKind);
        Assert.DoesNotContain(mine.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("action").GetString() == "Supervise");
        // An unknown notice is 404.
        await ReadAsync(AnswerAsync(cgStaff, e, Guid.NewGuid(), "答复"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Each_summoned_department_with_an_open_part_can_be_supervised()
    {
        using var resident = await app.ClientAsAsync("resident01");
        using var commander = await app.ClientAsAsync("commander");
        var cg = await _api.DepartmentAsync("城管");
        var hb = await _api.DepartmentAsync("生态环境");
        using var hbStaff = await _api.DepartmentStaffAsync(hb.Id, "dept-hb-supervision");
        var e = await _api.ReportAsync(resident, "废品收购站焚烧垃圾，浓烟扰民");
        e = await OkAsync(ActAsync(commander, e, "Summon", new { departments = new[] { cg.Id, hb.Id } }));

        var notice = await ReadAsync(SuperviseAsync(commander, e, new { text = "请生态环境站尽快报到", departmentId = hb.Id }), HttpStatusCode.Created);
        Assert.Equal(hb.Id, notice.GetProperty("target").GetProperty("id").GetGuid());
        var seen = (await GetAsync(hbStaff, e)).GetProperty("supervisionNotices").EnumerateArray().Single();
        Assert.True(seen.GetProperty("canAnswer").GetBoolean());
        await OkAsync(AnswerAsync(hbStaff, e, notice.GetProperty("id").GetGuid(), "已到场"));
    }
}

public sealed class SupervisionTests_Sqlite(SqliteApp app) : SupervisionTests(app), IClassFixture<SqliteApp>;

public sealed class SupervisionTests_Postgres(PostgresApp app) : SupervisionTests(app), IClassFixture<PostgresApp>;
