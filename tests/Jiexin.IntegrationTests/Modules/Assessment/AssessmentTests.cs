using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Events;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Calendar;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Jiexin.IntegrationTests.Modules.Events.EventApi;

namespace Jiexin.IntegrationTests.Modules.Assessment;

/// <summary>
/// 考核 from known data made through the real app: events reported, dispatched, accepted, handled, closed and rated over
/// HTTP while a fake clock stands still or moves on, then the month's figures, score, rank, closing and permissions.
/// Each test moves the clock to a month of its own (the first working day of the next month, 09:00 China time), so the
/// tests of one class never count each other's work.
/// </summary>
public abstract class AssessmentTests(JiexinApp app, FakeTimeProvider clock)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly EventApi _api = new(app);

    /// <summary>Moves the app's clock to 09:00 on the first working day of the next month; returns that month ("yyyy-MM").</summary>
    private async Task<string> NextMonthAsync()
    {
        var now = ChinaTime.FromUtc(clock.GetUtcNow().UtcDateTime);
        var day = new DateTime(now.Year, now.Month, 1).AddMonths(1);
        var calendar = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<IWorkingCalendar>()));
        while (!calendar.IsWorkingDay(DateOnly.FromDateTime(day)))
        {
            day = day.AddDays(1);
        }

        clock.SetUtcNow(ChinaTime.ToUtc(day.AddHours(9)));
        return day.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }

    private async Task<OrgUnitSummary> DepartmentAsync(int index) =>
        await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<ITerritoryLookup>().Departments[index]));

    private static async Task SaveRulesAsync(HttpClient admin, int responseHours, int[] department, int[] area)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/assessment/rules", new
        {
            responseWorkingHours = responseHours,
            departmentResponse = department[0], departmentOnTime = department[1], departmentReturns = department[2],
            departmentCheckIn = department[3], departmentSatisfaction = department[4], departmentFollowUp = department[5],
            areaDiscovery = area[0], areaInTier = area[1], areaOverdue = area[2], areaSatisfaction = area[3],
            note = "测试规则",
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task<JsonElement> MonthAsync(HttpClient client, string month, string kind) =>
        await OkAsync(client.GetAsync($"/api/v1/assessment/months/{month}?kind={kind}", Ct));

    private static JsonElement RowOf(JsonElement month, Guid unitId) =>
        month.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("unitId").GetGuid() == unitId);

    private static JsonElement MeasureOf(JsonElement row, string key) =>
        row.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("key").GetString() == key);

    [Fact]
    public async Task Two_of_three_dispatches_accepted_in_time_give_exactly_that_rate_and_the_weighted_score()
    {
        var month = await NextMonthAsync();
        using var admin = await app.ClientAsAsync("admin");
        using var commander = await app.ClientAsAsync("commander");
        using var resident = await app.ClientAsAsync("resident01");
        // Only response (60) and on-time handling (40) count: the score is theirs alone.
        await SaveRulesAsync(admin, responseHours: 1, department: [60, 40, 0, 0, 0, 0], area: [25, 25, 25, 25]);
        var department = await DepartmentAsync(3);
        using var staff = await _api.DepartmentStaffAsync(department.Id, "assess-dept-response");

        var events = new List<JsonElement>();
        foreach (var text in new[] { "考核测试：路面坑洼", "考核测试：井盖缺失", "考核测试：占道经营" })
        {
            var e = await _api.ReportAsync(resident, text);
            events.Add(await OkAsync(ActAsync(commander, e, "Dispatch", new { assigneeKind = "Department", assigneeId = department.Id })));
        }

        // 09:30: two accepted inside the 1 working hour; 11:30: the third, an hour and a half late.
        clock.Advance(TimeSpan.FromMinutes(30));
        var a = await OkAsync(ActAsync(staff, events[0], "Accept"));
        var b = await OkAsync(ActAsync(staff, events[1], "Accept"));
        clock.Advance(TimeSpan.FromHours(2));
        await OkAsync(ActAsync(staff, events[2], "Accept"));
        await OkAsync(ActAsync(staff, a, "Handle", new { note = "已修复" }));
        await OkAsync(ActAsync(staff, b, "Handle", new { note = "已补装" }));

        var result = await MonthAsync(commander, month, "Department");
        Assert.False(result.GetProperty("isClosed").GetBoolean());
        var row = RowOf(result, department.Id);
        var response = MeasureOf(row, "response");
        Assert.Equal(2, response.GetProperty("numerator").GetInt32());
        Assert.Equal(3, response.GetProperty("denominator").GetInt32());
        Assert.Equal(2.0 / 3, response.GetProperty("rate").GetDouble(), 10);
        var onTime = MeasureOf(row, "onTime");
        Assert.Equal(2, onTime.GetProperty("numerator").GetInt32());
        Assert.Equal(2, onTime.GetProperty("denominator").GetInt32());
        // (60 × 66.67 + 40 × 100) / (60 + 40) = 80.00; returns and the rest weigh 0.
        Assert.Equal(80.00, row.GetProperty("score").GetDouble());
        Assert.Equal(1, row.GetProperty("rank").GetInt32());
        Assert.Equal(1, row.GetProperty("rankedCount").GetInt32());
        // Only the one department with work this month is ranked; the others are listed without a score.
        Assert.Contains(result.GetProperty("rows").EnumerateArray(), r => r.GetProperty("score").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task A_grid_is_scored_on_discovery_resolution_in_its_tier_overdue_work_and_satisfaction()
    {
        var month = await NextMonthAsync();
        using var admin = await app.ClientAsAsync("admin");
        using var commander = await app.ClientAsAsync("commander");
        using var resident = await app.ClientAsAsync("resident01");
        using var grid = await app.ClientAsAsync("grid01");
        await SaveRulesAsync(admin, responseHours: 2, department: [20, 25, 15, 15, 15, 10], area: [25, 25, 25, 25]);

        // One reported by a resident, one found by the grid worker on patrol (源头发现); both handled and closed in the grid.
        var fromResident = await _api.ReportAsync(resident, "考核测试：楼道堆物");
        var fromPatrol = await _api.ReportAsync(grid, "考核测试：巡查发现乱贴小广告");
        Assert.Equal("Patrol", fromPatrol.GetProperty("channel").GetString());
        var gridId = fromResident.GetProperty("gridId").GetGuid();
        foreach (var e0 in new[] { fromResident, fromPatrol })
        {
            var e = await OkAsync(ActAsync(grid, e0, "SelfHandle"));
            e = await OkAsync(ActAsync(grid, e, "Handle", new { note = "已清理" }));
            e = await OkAsync(ActAsync(grid, e, "VerifyPass"));
            e = await OkAsync(ActAsync(grid, e, "Close"));
            if (e0.GetProperty("id").GetGuid() == fromResident.GetProperty("id").GetGuid())
            {
                await OkAsync(ActAsync(resident, e, "Rate", new { rating = 5 }));
            }
        }

        var row = RowOf(await MonthAsync(commander, month, "Grid"), gridId);
        Assert.Equal((1, 2), Counts(MeasureOf(row, "discovery")));
        Assert.Equal((2, 2), Counts(MeasureOf(row, "inTier")));
        Assert.Equal((0, 2), Counts(MeasureOf(row, "overdue")));
        Assert.Equal((1, 1), Counts(MeasureOf(row, "satisfaction")));
        // (25 × 50 + 25 × 100 + 25 × (100 − 0) + 25 × 100) / 100 = 87.5
        Assert.Equal(87.5, row.GetProperty("score").GetDouble());

        // The community answers for its grid: the same work counts in its row.
        var community = await MonthAsync(commander, month, "Community");
        var communityRow = community.GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("score").ValueKind != JsonValueKind.Null);
        Assert.Equal((1, 2), Counts(MeasureOf(communityRow, "discovery")));
        Assert.Equal(87.5, communityRow.GetProperty("score").GetDouble());
    }

    private static (int, int) Counts(JsonElement measure) => (measure.GetProperty("numerator").GetInt32(), measure.GetProperty("denominator").GetInt32());

    [Fact]
    public async Task A_closed_month_keeps_its_scores_and_names_the_rules_that_produced_them()
    {
        var month = await NextMonthAsync();
        using var admin = await app.ClientAsAsync("admin");
        using var commander = await app.ClientAsAsync("commander");
        using var leader = await app.ClientAsAsync("leader");
        using var resident = await app.ClientAsAsync("resident02");
        await SaveRulesAsync(admin, responseHours: 1, department: [50, 50, 0, 0, 0, 0], area: [25, 25, 25, 25]);
        var rulesAtClosing = (await OkAsync(admin.GetAsync("/api/v1/assessment/rules", Ct))).GetProperty("current").GetProperty("number").GetInt32();
        var department = await DepartmentAsync(4);
        using var staff = await _api.DepartmentStaffAsync(department.Id, "assess-dept-close");

        // One dispatch never answered: past its hour it counts late (0 of 1), and nothing is handled.
        var e = await _api.ReportAsync(resident, "考核测试：路灯不亮");
        await OkAsync(ActAsync(commander, e, "Dispatch", new { assigneeKind = "Department", assigneeId = department.Id }));
        clock.Advance(TimeSpan.FromHours(3));

        // The month has not ended: it cannot be closed yet; a leader may not close at all.
        await ReadAsync(commander.PostAsync($"/api/v1/assessment/months/{month}/close", null, Ct), HttpStatusCode.BadRequest);
        var next = await NextMonthAsync();
        await ReadAsync(leader.PostAsync($"/api/v1/assessment/months/{month}/close", null, Ct), HttpStatusCode.Forbidden);

        var closed = await OkAsync(commander.PostAsync($"/api/v1/assessment/months/{month}/close", null, Ct));
        Assert.Equal(rulesAtClosing, closed.GetProperty("ruleSetNumber").GetInt32());
        await ReadAsync(commander.PostAsync($"/api/v1/assessment/months/{month}/close", null, Ct), HttpStatusCode.Conflict);

        // New rules and a late acceptance change nothing in the closed month.
        await SaveRulesAsync(admin, responseHours: 8, department: [0, 0, 100, 0, 0, 0], area: [25, 25, 25, 25]);
        await OkAsync(ActAsync(staff, await GetAsync(staff, e), "Accept"));
        var result = await MonthAsync(leader, month, "Department");
        Assert.True(result.GetProperty("isClosed").GetBoolean());
        Assert.Equal(rulesAtClosing, result.GetProperty("rules").GetProperty("number").GetInt32());
        Assert.Equal(50, result.GetProperty("rules").GetProperty("departmentResponse").GetInt32());
        var row = RowOf(result, department.Id);
        Assert.Equal((0, 1), Counts(MeasureOf(row, "response")));
        Assert.Equal(0.0, row.GetProperty("score").GetDouble());

        // The live month (the next one) is scored with the newest rules.
        var live = await MonthAsync(leader, next, "Department");
        Assert.False(live.GetProperty("isClosed").GetBoolean());
        Assert.Equal(rulesAtClosing + 1, live.GetProperty("rules").GetProperty("number").GetInt32());

        // The trend shows the closed month from its snapshot.
        var trend = await OkAsync(leader.GetAsync($"/api/v1/assessment/trend?kind=Department&unitId={department.Id}&months=6", Ct));
        var point = trend.GetProperty("points").EnumerateArray().Single(p => p.GetProperty("month").GetString() == month);
        Assert.True(point.GetProperty("isClosed").GetBoolean());
        Assert.Equal(0.0, point.GetProperty("score").GetDouble());
        Assert.Equal(6, trend.GetProperty("points").GetArrayLength());
    }

    [Fact]
    public async Task Leaders_read_only_communities_see_their_own_rows_and_bad_input_is_a_problem()
    {
        var month = await NextMonthAsync();
        using var leader = await app.ClientAsAsync("leader");
        using var community = await app.ClientAsAsync("community01");
        using var mediator = await app.ClientAsAsync("mediator01");
        using var residentClient = await app.ClientAsAsync("resident01");

        // Leader: reads everything, changes nothing.
        var all = await MonthAsync(leader, month, "Community");
        Assert.True(all.GetProperty("rows").GetArrayLength() > 1);
        await ReadAsync(leader.PostAsJsonAsync("/api/v1/assessment/rules", new { responseWorkingHours = 2 }, Ct), HttpStatusCode.Forbidden);
        await ReadAsync(leader.PutAsJsonAsync($"/api/v1/assessment/leader-areas/{Guid.NewGuid()}", new { areas = Array.Empty<object>() }, Ct), HttpStatusCode.Forbidden);

        // A community's staff: its own community row only (ranked among all), its own grids, no department rows.
        var own = await MonthAsync(community, month, "Community");
        var ownRow = Assert.Single(own.GetProperty("rows").EnumerateArray());
        var grids = await MonthAsync(community, month, "Grid");
        Assert.All(grids.GetProperty("rows").EnumerateArray(), g => Assert.Equal(ownRow.GetProperty("unitName").GetString(), g.GetProperty("parentName").GetString()));
        Assert.Equal(0, (await MonthAsync(community, month, "Department")).GetProperty("rows").GetArrayLength());
        var other = all.GetProperty("rows").EnumerateArray().First(r => r.GetProperty("unitId").GetGuid() != ownRow.GetProperty("unitId").GetGuid());
        await ReadAsync(community.GetAsync($"/api/v1/assessment/trend?kind=Community&unitId={other.GetProperty("unitId").GetGuid()}", Ct), HttpStatusCode.NotFound);

        // Neither residents nor mediators read assessment.
        await ReadAsync(residentClient.GetAsync($"/api/v1/assessment/months/{month}", Ct), HttpStatusCode.Forbidden);
        await ReadAsync(mediator.GetAsync($"/api/v1/assessment/months/{month}", Ct), HttpStatusCode.Forbidden);

        // Bad input: problem+json naming the field, never a 500.
        foreach (var (url, field) in new[]
                 {
                     ("/api/v1/assessment/months/2031-13", "month"), ("/api/v1/assessment/months/abc", "month"),
                     ("/api/v1/assessment/months/2099-01", "month"), ($"/api/v1/assessment/months/{month}?kind=Street", "kind"),
                     ("/api/v1/assessment/trend?kind=Grid", "unitId"), ($"/api/v1/assessment/trend?kind=Grid&unitId={Guid.NewGuid()}&months=99", "months"),
                 })
        {
            var response = await leader.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{url}: {problem}");
        }

        using var admin = await app.ClientAsAsync("admin");
        var badWeight = await ReadAsync(admin.PostAsJsonAsync("/api/v1/assessment/rules", new
        {
            responseWorkingHours = 2, departmentResponse = 101, departmentOnTime = 0, departmentReturns = 0, departmentCheckIn = 0,
            departmentSatisfaction = 0, departmentFollowUp = 0, areaDiscovery = 1, areaInTier = 0, areaOverdue = 0, areaSatisfaction = 0,
        }, Ct), HttpStatusCode.BadRequest);
        Assert.True(badWeight.GetProperty("errors").TryGetProperty("departmentResponse", out _));
        await ReadAsync(admin.PostAsJsonAsync("/api/v1/assessment/rules", new { }, Ct), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_leader_sees_the_figures_and_rank_of_the_areas_assigned_to_them()
    {
        var month = await NextMonthAsync();
        using var admin = await app.ClientAsAsync("admin");
        using var leader = await app.ClientAsAsync("leader");
        using var grid = await app.ClientAsAsync("grid01");
        await SaveRulesAsync(admin, responseHours: 2, department: [20, 25, 15, 15, 15, 10], area: [100, 0, 0, 0]);
        var e = await _api.ReportAsync(grid, "考核测试：巡查发现路面破损");
        var gridId = e.GetProperty("gridId").GetGuid();

        var leaders = await OkAsync(admin.GetAsync("/api/v1/assessment/leader-areas", Ct));
        var me = leaders.EnumerateArray().Single(l => l.GetProperty("userName").GetString() == "leader");
        var saved = await OkAsync(admin.PutAsJsonAsync($"/api/v1/assessment/leader-areas/{me.GetProperty("userId").GetGuid()}",
            new { areas = new[] { new { kind = "Grid", id = gridId } } }, Ct));
        Assert.Equal(gridId, saved.GetProperty("areas")[0].GetProperty("id").GetGuid());
        // Only communities and grids of the street can be assigned.
        await ReadAsync(admin.PutAsJsonAsync($"/api/v1/assessment/leader-areas/{me.GetProperty("userId").GetGuid()}",
            new { areas = new[] { new { kind = "Grid", id = Guid.NewGuid() } } }, Ct), HttpStatusCode.BadRequest);

        var mine = await OkAsync(leader.GetAsync($"/api/v1/assessment/my-areas?month={month}", Ct));
        var row = Assert.Single(mine.GetProperty("rows").EnumerateArray());
        Assert.Equal(gridId, row.GetProperty("unitId").GetGuid());
        Assert.Equal((1, 1), Counts(MeasureOf(row, "discovery")));
        Assert.Equal(100.0, row.GetProperty("score").GetDouble());
        Assert.Equal(1, row.GetProperty("rank").GetInt32());
        Assert.Contains("街道分管领导", row.GetProperty("leaders").EnumerateArray().Select(l => l.GetString()));

        // The ranking names the responsible leader too.
        var ranking = RowOf(await MonthAsync(leader, month, "Grid"), gridId);
        Assert.Contains("街道分管领导", ranking.GetProperty("leaders").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public async Task The_month_exports_to_excel_with_one_sheet_per_kind()
    {
        var month = await NextMonthAsync();
        using var commander = await app.ClientAsAsync("commander");
        var response = await commander.GetAsync($"/api/v1/assessment/months/{month}/export", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(new[] { "部门", "村社区", "网格" }, MiniExcelLibs.MiniExcel.GetSheetNames(stream));
        stream.Position = 0;
        var departments = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: "部门").Cast<IDictionary<string, object?>>().ToList();
        var territory = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<ITerritoryLookup>()));
        Assert.Equal(territory.Departments.Count, departments.Count);
        Assert.Contains("签收及时率（%）", departments[0].Keys);

        using var residentClient = await app.ClientAsAsync("resident01");
        await ReadAsync(residentClient.GetAsync($"/api/v1/assessment/months/{month}/export", Ct), HttpStatusCode.Forbidden);
    }
}

/// <summary>The app on a clock the tests move; bearer tokens outlive the months the clock jumps over.</summary>
internal static class ClockedHost
{
    public static void Configure(IWebHostBuilder builder, FakeTimeProvider clock) =>
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromDays(3650));
        });

    /// <summary>A Tuesday in a year no other test writes to.</summary>
    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2031, 1, 7, 9, 0, 0, TimeSpan.FromHours(8)));
}

public sealed class ClockedSqliteApp : SqliteApp
{
    public FakeTimeProvider Clock { get; } = ClockedHost.NewClock();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        ClockedHost.Configure(builder, Clock);
    }
}

public sealed class ClockedPostgresApp : PostgresApp
{
    public FakeTimeProvider Clock { get; } = ClockedHost.NewClock();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        ClockedHost.Configure(builder, Clock);
    }
}

public sealed class AssessmentTests_Sqlite(ClockedSqliteApp app) : AssessmentTests(app, app.Clock), IClassFixture<ClockedSqliteApp>;

public sealed class AssessmentTests_Postgres(ClockedPostgresApp app) : AssessmentTests(app, app.Clock), IClassFixture<ClockedPostgresApp>;
