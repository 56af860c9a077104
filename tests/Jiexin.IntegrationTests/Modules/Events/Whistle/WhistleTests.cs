using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Events.Domain;
using Jiexin.Platform.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.Events.EventApi;

namespace Jiexin.IntegrationTests.Modules.Events.Whistle;

/// <summary>吹哨报到, multi-department dispatch, check-in lateness and 上报区级, over HTTP as each role would.</summary>
public abstract class WhistleTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly EventApi _api = new(app);

    private static JsonElement SummonsOf(JsonElement e, Guid department) =>
        e.GetProperty("summons").EnumerateArray().Single(s => s.GetProperty("current").GetBoolean() && s.GetProperty("departmentId").GetGuid() == department);

    [Fact]
    public async Task Whistle_summons_two_departments_who_check_in_and_do_their_parts_then_it_resolves_at_street_tier()
    {
        using var resident = await app.ClientAsAsync("resident01");
        using var grid = await app.ClientAsAsync("grid01");
        using var commander = await app.ClientAsAsync("commander");
        using var cgStaff = await app.ClientAsAsync("dept-cg");
        var cg = await _api.DepartmentAsync("城管");
        var zj = await _api.DepartmentAsync("住建");
        using var zjStaff = await _api.DepartmentStaffAsync(zj.Id, "dept-zj-whistle");

        var e = await _api.ReportAsync(resident, "小区外墙脱落砸坏车辆，涉及违建和房屋安全");
        e = await OkAsync(ActAsync(grid, e, "Whistle", new { note = "涉及违建与房屋安全，网格无力处置" }));
        Assert.Equal("Whistled", e.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("assignee").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, e.GetProperty("whistledAt").ValueKind);
        Assert.Contains((await GetAsync(commander, e)).GetProperty("actions").EnumerateArray(), a => a.GetProperty("action").GetString() == "Summon");

        e = await OkAsync(ActAsync(commander, e, "Summon", new { departments = new[] { cg.Id, zj.Id }, leadDepartmentId = zj.Id, note = "请两部门 30 分钟内到场" }));
        Assert.Equal("Summoned", e.GetProperty("status").GetString());
        Assert.Equal(zj.Id, e.GetProperty("assignee").GetProperty("id").GetGuid());

        // The check-in deadline is 30 working minutes after the summons, on the working calendar.
        var detail = await GetAsync(commander, e);
        var cgSummons = SummonsOf(detail, cg.Id);
        var summonedAt = cgSummons.GetProperty("summonedAt").GetDateTime();
        var expectedDue = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<IWorkingCalendar>().AddWorkingTime(summonedAt, TimeSpan.FromMinutes(30))));
        Assert.Equal(expectedDue, cgSummons.GetProperty("checkInDueAt").GetDateTime().ToUniversalTime(), TimeSpan.FromMilliseconds(1));
        Assert.True(cgSummons.GetProperty("viaWhistle").GetBoolean());
        Assert.True(SummonsOf(detail, zj.Id).GetProperty("isLead").GetBoolean());

        // The co-handling department sees the event in its queue and on its page, though it is not the assignee.
        Assert.Equal(HttpStatusCode.OK, (await cgStaff.GetAsync($"/api/v1/events/{Id(e)}", Ct)).StatusCode);
        var queue = await cgStaff.GetFromJsonAsync<JsonElement>($"/api/v1/events?keyword={e.GetProperty("trackingCode").GetString()}", Ct);
        Assert.Equal(Id(e), queue.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.Contains((await GetAsync(cgStaff, e)).GetProperty("actions").EnumerateArray(), a => a.GetProperty("action").GetString() == "CheckIn");

        // A part before checking in conflicts with the department's state, and is not offered.
        Assert.DoesNotContain((await GetAsync(cgStaff, e)).GetProperty("actions").EnumerateArray(), a => a.GetProperty("action").GetString() == "RecordPart");
        var early = await ReadAsync(ActAsync(cgStaff, e, "RecordPart", new { note = "已拆除违建" }), HttpStatusCode.Conflict);
        Assert.Contains("请先报到", early.ToString());

        e = await OkAsync(ActAsync(cgStaff, e, "CheckIn", new { latitude = 31.43, longitude = 119.80 }));
        Assert.Equal("Summoned", e.GetProperty("status").GetString());
        e = await OkAsync(ActAsync(cgStaff, e, "RecordPart", new { note = "已拆除违建部分" }));
        Assert.Equal("Summoned", e.GetProperty("status").GetString());

        e = await OkAsync(ActAsync(zjStaff, e, "CheckIn"));
        e = await OkAsync(ActAsync(zjStaff, e, "RecordPart", new { note = "已鉴定外墙安全并加固" }));
        Assert.Equal("Handled", e.GetProperty("status").GetString());

        detail = await GetAsync(commander, e);
        var cgDone = SummonsOf(detail, cg.Id);
        Assert.Equal(31.43, cgDone.GetProperty("checkInLatitude").GetDouble());
        Assert.False(cgDone.GetProperty("isLate").GetBoolean());
        Assert.Equal("已拆除违建部分", cgDone.GetProperty("partNote").GetString());

        e = await OkAsync(ActAsync(grid, e, "VerifyPass"));
        e = await OkAsync(ActAsync(commander, e, "Close"));
        Assert.Equal("Street", e.GetProperty("resolvedTier").GetString());

        var steps = (await GetAsync(commander, e)).GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("action").GetString()).ToList();
        Assert.Equal(["Report", "Whistle", "Summon", "CheckIn", "RecordPart", "CheckIn", "RecordPart", "VerifyPass", "Close"], steps);
    }

    [Fact]
    public async Task Plain_multi_department_dispatch_uses_the_same_summons_and_needs_two_departments()
    {
        using var resident = await app.ClientAsAsync("resident01");
        using var commander = await app.ClientAsAsync("commander");
        var cg = await _api.DepartmentAsync("城管");
        var hb = await _api.DepartmentAsync("生态环境");
        var e = await _api.ReportAsync(resident, "餐馆油烟直排，还占道经营");

        var one = await ReadAsync(ActAsync(commander, e, "Summon", new { departments = new[] { cg.Id } }), HttpStatusCode.BadRequest);
        Assert.True(one.GetProperty("errors").TryGetProperty("departments", out _));
        var badLead = await ReadAsync(ActAsync(commander, e, "Summon", new { departments = new[] { cg.Id, hb.Id }, leadDepartmentId = Guid.NewGuid() }), HttpStatusCode.BadRequest);
        Assert.True(badLead.GetProperty("errors").TryGetProperty("leadDepartmentId", out _));
        var unknown = await ReadAsync(ActAsync(commander, e, "Summon", new { departments = new[] { cg.Id, Guid.NewGuid() } }), HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("departments", out _));

        e = await OkAsync(ActAsync(commander, e, "Summon", new { departments = new[] { cg.Id, hb.Id } }));
        var detail = await GetAsync(commander, e);
        Assert.False(SummonsOf(detail, cg.Id).GetProperty("viaWhistle").GetBoolean());
        // Without a named lead, the first department leads and holds the event.
        Assert.True(SummonsOf(detail, cg.Id).GetProperty("isLead").GetBoolean());
        Assert.Equal(cg.Id, detail.GetProperty("assignee").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_late_check_in_records_working_minutes_late_and_the_assessment_list_shows_it_per_department()
    {
        using var resident = await app.ClientAsAsync("resident02");
        using var commander = await app.ClientAsAsync("commander");
        using var cgStaff = await app.ClientAsAsync("dept-cg");
        var cg = await _api.DepartmentAsync("城管");
        var jt = await _api.DepartmentAsync("住建");
        var e = await _api.ReportAsync(resident, "施工工地夜间噪音扰民，渣土车撒漏");
        e = await OkAsync(ActAsync(commander, e, "Summon", new { departments = new[] { cg.Id, jt.Id } }));

        // Pretend the summons went out a month ago: its deadline has long passed.
        var due = DateTime.UtcNow.AddDays(-30);
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Jiexin.Data.JiexinDbContext>();
            var id = Id(e);
            return await db.Set<EventSummons>().Where(s => s.EventId == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.CheckInDueAt, due), Ct);
        });

        e = await OkAsync(ActAsync(cgStaff, e, "CheckIn"));
        var mine = SummonsOf(await GetAsync(commander, e), cg.Id);
        Assert.True(mine.GetProperty("isLate").GetBoolean());
        var checkedIn = mine.GetProperty("checkedInAt").GetDateTime().ToUniversalTime();
        var expected = await app.WithScopeAsync(sp => Task.FromResult(
            (int)Math.Ceiling(sp.GetRequiredService<IWorkingCalendar>().WorkingTimeBetween(due, checkedIn).TotalMinutes)));
        Assert.True(expected > 60, $"a month holds many working hours, got {expected}");
        Assert.InRange(mine.GetProperty("lateMinutes").GetInt32(), expected - 1, expected);

        // Assessment: the commander sees the late check-in and the other department's overdue one.
        var list = await commander.GetFromJsonAsync<JsonElement>($"/api/v1/events/check-ins?from={DateTime.UtcNow.AddHours(-1):O}", Ct);
        var items = list.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("eventId").GetGuid() == Id(e)).ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal(e.GetProperty("description").GetString(), i.GetProperty("summary").GetString()));
        Assert.True(items.Single(i => i.GetProperty("departmentId").GetGuid() == cg.Id).GetProperty("isLate").GetBoolean());
        Assert.True(items.Single(i => i.GetProperty("departmentId").GetGuid() == jt.Id).GetProperty("isOverdue").GetBoolean());
        var cgSummary = list.GetProperty("departments").EnumerateArray().Single(d => d.GetProperty("departmentId").GetGuid() == cg.Id);
        Assert.True(cgSummary.GetProperty("late").GetInt32() >= 1);
        Assert.True(cgSummary.GetProperty("lateMinutes").GetInt32() >= expected - 1);

        // A department sees only its own check-ins; a grid worker none.
        var own = await cgStaff.GetFromJsonAsync<JsonElement>("/api/v1/events/check-ins", Ct);
        Assert.All(own.GetProperty("items").EnumerateArray(), i => Assert.Equal(cg.Id, i.GetProperty("departmentId").GetGuid()));
        Assert.Contains(own.GetProperty("items").EnumerateArray(), i => i.GetProperty("eventId").GetGuid() == Id(e));
        using var grid = await app.ClientAsAsync("grid01");
        Assert.Empty((await grid.GetFromJsonAsync<JsonElement>("/api/v1/events/check-ins", Ct)).GetProperty("items").EnumerateArray());

        // Late only: this event's on-time department would not appear, the late one does.
        var late = await commander.GetFromJsonAsync<JsonElement>($"/api/v1/events/check-ins?lateOnly=true&departmentId={cg.Id}", Ct);
        Assert.Contains(late.GetProperty("items").EnumerateArray(), i => i.GetProperty("eventId").GetGuid() == Id(e));
        Assert.All(late.GetProperty("items").EnumerateArray(), i => Assert.True(i.GetProperty("isLate").GetBoolean() || i.GetProperty("isOverdue").GetBoolean()));
    }

    [Fact]
    public async Task New_transitions_are_refused_by_role_scope_and_state()
    {
        using var resident = await app.ClientAsAsync("resident01");
        using var grid = await app.ClientAsAsync("grid01");
        using var commander = await app.ClientAsAsync("commander");
        using var cgStaff = await app.ClientAsAsync("dept-cg");
        var cg = await _api.DepartmentAsync("城管");
        var zj = await _api.DepartmentAsync("住建");

        var e = await _api.ReportAsync(resident, "楼道电线私拉乱接给电瓶车充电");
        // Role: the command centre does not whistle, a grid worker does not summon, a department neither.
        await ReadAsync(ActAsync(commander, e, "Whistle", new { note = "x" }), HttpStatusCode.Forbidden);
        await ReadAsync(ActAsync(grid, e, "Summon", new { departments = new[] { cg.Id, zj.Id } }), HttpStatusCode.Forbidden);
        await ReadAsync(ActAsync(grid, e, "EscalateAboveStreet", new { note = "x" }), HttpStatusCode.Forbidden);
        // Guard: a whistle needs a reason.
        var noReason = await ReadAsync(ActAsync(grid, e, "Whistle"), HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("note", out _));
        // State: nothing to check in to before a summons.
        await ReadAsync(ActAsync(commander, e, "RecordAboveStreetResult", new { note = "x" }), HttpStatusCode.Conflict);

        // Scope: an event in grid XC-02 handed to grid XC-01 — grid01 sees it but may not whistle on XC-02's behalf.
        var other = await _api.ReportAsync(resident, "另一网格的化粪池满溢", "XC-02");
        var xc01 = (await _api.PointInGridAsync("XC-01")).GridId;
        other = await OkAsync(ActAsync(commander, other, "Dispatch", new { assigneeKind = "Grid", assigneeId = xc01 }));
        other = await OkAsync(ActAsync(grid, other, "Accept"));
        await ReadAsync(ActAsync(grid, other, "Whistle", new { note = "处理不了" }), HttpStatusCode.Forbidden);

        // Scope: the department holding a plain dispatch is not summoned, so it cannot check in.
        var plain = await _api.ReportAsync(resident, "人行道护栏被撞坏");
        plain = await OkAsync(ActAsync(commander, plain, "Dispatch", new { assigneeKind = "Department", assigneeId = cg.Id }));
        await ReadAsync(ActAsync(cgStaff, plain, "CheckIn"), HttpStatusCode.Forbidden);

        // A department that was not summoned does not even see a summoned event.
        e = await OkAsync(ActAsync(commander, e, "Summon", new { departments = new[] { zj.Id, await OtherDepartmentAsync(cg.Id, zj.Id) } }));
        await ReadAsync(ActAsync(cgStaff, e, "CheckIn"), HttpStatusCode.NotFound);

        // Checking in twice is a conflict; so is summoning an event that has gone above the street.
        using var zjStaff = await _api.DepartmentStaffAsync(zj.Id, "dept-zj-refusals");
        e = await OkAsync(ActAsync(zjStaff, e, "CheckIn"));
        var twice = await ReadAsync(ActAsync(zjStaff, e, "CheckIn"), HttpStatusCode.Conflict);
        Assert.Contains("已报到", twice.ToString());
        e = await OkAsync(ActAsync(commander, e, "EscalateAboveStreet", new { note = "涉及多部门职责交叉，报区里协调" }));
        await ReadAsync(ActAsync(commander, e, "Summon", new { departments = new[] { cg.Id, zj.Id } }), HttpStatusCode.Conflict);
        // Only the command centre records what the district did, or its return.
        await ReadAsync(ActAsync(grid, e, "RecordAboveStreetResult", new { note = "x" }), HttpStatusCode.Forbidden);
        await ReadAsync(ActAsync(grid, e, "ReturnFromAboveStreet", new { note = "x" }), HttpStatusCode.Forbidden);
        await ReadAsync(ActAsync(zjStaff, e, "RecordPart", new { note = "x" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Two_departments_finishing_at_once_one_wins_and_the_other_gets_409_then_retries()
    {
        using var resident = await app.ClientAsAsync("resident02");
        using var commander = await app.ClientAsAsync("commander");
        using var cgStaff = await app.ClientAsAsync("dept-cg");
        var cg = await _api.DepartmentAsync("城管");
        var zj = await _api.DepartmentAsync("住建");
        using var zjStaff = await _api.DepartmentStaffAsync(zj.Id, "dept-zj-race");
        var e = await _api.ReportAsync(resident, "小区围墙倒塌堵住道路");
        e = await OkAsync(ActAsync(commander, e, "Summon", new { departments = new[] { cg.Id, zj.Id } }));
        e = await OkAsync(ActAsync(cgStaff, e, "CheckIn"));
        e = await OkAsync(ActAsync(zjStaff, e, "CheckIn"));

        var responses = await Task.WhenAll(
            ActAsync(cgStaff, e, "RecordPart", new { note = "已清理道路" }),
            ActAsync(zjStaff, e, "RecordPart", new { note = "已排查围墙安全" }));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).OrderBy(c => c));
        var problem = await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var current = problem.GetProperty("current");
        Assert.Equal("Summoned", current.GetProperty("status").GetString());

        // The loser retries with the version it was given and the event is handled once both parts are in.
        var loser = responses[0].StatusCode == HttpStatusCode.Conflict ? cgStaff : zjStaff;
        e = await OkAsync(ActAsync(loser, current, "RecordPart", new { note = "补报处置情况" }));
        Assert.Equal("Handled", e.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Escalation_above_the_street_resolves_at_that_tier_and_a_district_return_does_not()
    {
        using var resident = await app.ClientAsAsync("resident01");
        using var grid = await app.ClientAsAsync("grid01");
        using var commander = await app.ClientAsAsync("commander");
        using var cgStaff = await app.ClientAsAsync("dept-cg");
        var cg = await _api.DepartmentAsync("城管");

        var e = await _api.ReportAsync(resident, "跨区河道污染，上游企业排污");
        e = await OkAsync(ActAsync(grid, e, "Whistle", new { note = "上游在外区" }));
        var noReason = await ReadAsync(ActAsync(commander, e, "EscalateAboveStreet"), HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("note", out _));
        e = await OkAsync(ActAsync(commander, e, "EscalateAboveStreet", new { note = "污染源在外区，报区生态环境局" }));
        Assert.Equal("EscalatedAboveStreet", e.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, e.GetProperty("escalatedAboveStreetAt").ValueKind);
        e = await OkAsync(ActAsync(commander, e, "RecordAboveStreetResult", new { note = "区生态环境局已责令企业停产整改" }));
        Assert.Equal("Handled", e.GetProperty("status").GetString());
        e = await OkAsync(ActAsync(grid, e, "VerifyPass"));
        e = await OkAsync(ActAsync(commander, e, "Close"));
        Assert.Equal("AboveStreet", e.GetProperty("resolvedTier").GetString());

        // Returned by the district and then handled by a street department: resolved at the street, though the
        // escalation stays on record (it still counts against 矛盾不上交).
        var back = await _api.ReportAsync(resident, "小区广场舞噪音扰民，多次协调无果");
        back = await OkAsync(ActAsync(commander, back, "EscalateAboveStreet", new { note = "报区协调" }));
        back = await OkAsync(ActAsync(commander, back, "ReturnFromAboveStreet", new { note = "区里退回，属街道职责" }));
        Assert.Equal("Returned", back.GetProperty("status").GetString());
        back = await OkAsync(ActAsync(commander, back, "Dispatch", new { assigneeKind = "Department", assigneeId = cg.Id }));
        back = await OkAsync(ActAsync(cgStaff, back, "Accept"));
        back = await OkAsync(ActAsync(cgStaff, back, "Handle", new { note = "已协调广场舞队调整时间" }));
        back = await OkAsync(ActAsync(grid, back, "VerifyPass"));
        back = await OkAsync(ActAsync(commander, back, "Close"));
        Assert.Equal("Street", back.GetProperty("resolvedTier").GetString());
        Assert.NotEqual(JsonValueKind.Null, back.GetProperty("escalatedAboveStreetAt").ValueKind);
    }

    private async Task<Guid> OtherDepartmentAsync(params Guid[] not) =>
        (await _api.DepartmentAsync("生态环境")) is { } d && !not.Contains(d.Id) ? d.Id : throw new InvalidOperationException();
}

public sealed class WhistleTests_Sqlite(SqliteApp app) : WhistleTests(app), IClassFixture<SqliteApp>;

public sealed class WhistleTests_Postgres(PostgresApp app) : WhistleTests(app), IClassFixture<PostgresApp>;
