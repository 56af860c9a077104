using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Accounts;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Platform.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using static Jiexin.IntegrationTests.Modules.Disputes.DisputeApi;

namespace Jiexin.IntegrationTests.Modules.Disputes.Analysis;

/// <summary>
/// Issue 6 §7, §8, §10: the monthly analysis (figures against the raw cases, hotspots, key cases, scope), the meeting record
/// and its tracked measures, the Excel files read back, the A4 print view, and the command centre's resolution figures.
/// </summary>
public abstract class DisputeAnalysisTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly DisputeApi _api = new(app);

    private string ThisMonth => ChinaTime.Today(TimeProvider.System).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private string LastMonth => ChinaTime.Today(TimeProvider.System).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>A new dispute type of its own, so its breakdown line counts only this test's cases.</summary>
    private async Task<string> NewTypeAsync(HttpClient commander)
    {
        var code = $"t{Guid.NewGuid():N}"[..12];
        var name = $"测试类{code[^6..]}";
        await OkAsync(commander.PutAsJsonAsync($"/api/v1/disputes/types/{code}", new { name, sortOrder = 300 }, Ct));
        return name;
    }

    [Fact]
    public async Task The_months_figures_equal_the_raw_cases_and_a_rising_type_is_a_hotspot_with_its_group_case_as_key_case()
    {
        var units = app.Units();
        using var commander = await app.ClientAsAsync("commander");
        using var community = await app.ClientAsAsync("community01");
        var type = await NewTypeAsync(commander);
        var group = await RegisterAsync(commander, Body("三十余户业主集体反映小区停车费上涨", type,
            extra: new { communityId = units.Community.Id, peopleCount = 30 }));
        await RegisterAsync(commander, Body("邻里噪音扰民", type, extra: new { communityId = units.Community.Id }));
        await RegisterAsync(commander, Body("装修噪音", type, extra: new { communityId = units.OtherCommunity.Id, channel = "GridDiscovery" }));
        Assert.True(group.GetProperty("isGroup").GetBoolean());

        var street = await OkAsync(commander.GetAsync($"/api/v1/disputes/analysis/{ThisMonth}", Ct));
        var own = await OkAsync(community.GetAsync($"/api/v1/disputes/analysis/{ThisMonth}", Ct));
        Assert.Equal("Street", street.GetProperty("scopeKind").GetString());
        Assert.Equal("Community", own.GetProperty("scopeKind").GetString());

        var raw = await RawAsync();
        var (from, to) = ReportMonths.Bounds(ThisMonth);
        CompareTotals(street, raw, from, to, null);
        CompareTotals(own, raw, from, to, units.Community.Id);

        // The type line: 3 cases this month, none before → rising, a hotspot; the community sees only its 2.
        var line = Line(street, "type", type);
        Assert.Equal(3, line.GetProperty("thisMonth").GetInt32());
        Assert.Equal(3, line.GetProperty("months")[11].GetInt32());
        Assert.True(line.GetProperty("rising").GetBoolean());
        Assert.Contains(street.GetProperty("figures").GetProperty("hotspots").EnumerateArray(), h => h.GetProperty("name").GetString() == type);
        Assert.Equal(2, Line(own, "type", type).GetProperty("thisMonth").GetInt32());
        Assert.False(Line(own, "type", type).GetProperty("rising").GetBoolean());

        // Each community line equals the raw count of its cases received in each of the 12 months.
        var months = street.GetProperty("figures").GetProperty("months").EnumerateArray().Select(m => m.GetString()!).ToList();
        foreach (var c in street.GetProperty("figures").GetProperty("breakdowns").EnumerateArray().Single(b => b.GetProperty("dimension").GetString() == "community").GetProperty("rows").EnumerateArray())
        {
            var key = c.GetProperty("key").GetString()!;
            Guid? id = key.Length == 0 ? null : Guid.Parse(key);
            var expected = months.Select(m => raw.Count(d => d.CommunityId == id && MonthOf(d.CreatedAt) == m)).ToArray();
            Assert.Equal(expected, c.GetProperty("months").EnumerateArray().Select(x => x.GetInt32()).ToArray());
        }

        // The group case is a key case (群体性), for the street and the community; the other community's case is not the community's.
        var keyCases = street.GetProperty("figures").GetProperty("keyCases").EnumerateArray().ToList();
        var key1 = keyCases.Single(k => k.GetProperty("id").GetGuid() == Id(group));
        Assert.Contains("群体性", key1.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains(own.GetProperty("figures").GetProperty("keyCases").EnumerateArray(), k => k.GetProperty("id").GetGuid() == Id(group));
        Assert.DoesNotContain(own.GetProperty("figures").GetProperty("breakdowns").EnumerateArray().Single(b => b.GetProperty("dimension").GetString() == "community")
            .GetProperty("rows").EnumerateArray(), r => r.GetProperty("key").GetString() == units.OtherCommunity.Id.ToString());
    }

    [Fact]
    public async Task A_mediator_sees_only_their_cases_and_cannot_write_and_grid_departments_residents_are_refused()
    {
        var (mediator, d) = await _api.MediatingAsync("楼道堆物引发口角");
        using var owned = mediator;
        using var commander = await app.ClientAsAsync("commander");
        var othersCase = await RegisterAsync(commander, Body("他人承办的纠纷", "邻里"));

        var mine = await OkAsync(mediator.GetAsync($"/api/v1/disputes/analysis/{ThisMonth}", Ct));
        Assert.Equal("Mediator", mine.GetProperty("scopeKind").GetString());
        Assert.False(mine.GetProperty("canEdit").GetBoolean());
        var me = await _api.UserIdAsync("mediator01");
        var room = (await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<MediationRoom>().Where(r => r.LeadUserId == me).Select(r => r.Id).ToListAsync(Ct))).ToHashSet();
        var (from, to) = ReportMonths.Bounds(ThisMonth);
        var raw = await RawAsync();
        var visible = raw.Where(x => x.CreatedByUserId == me || x.ReceiverUserId == me || (x.ReceiverRoomId is { } r && room.Contains(r))).ToList();
        Assert.Equal(visible.Count(x => x.CreatedAt >= from && x.CreatedAt < to), mine.GetProperty("figures").GetProperty("totals").GetProperty("received").GetInt32());
        Assert.DoesNotContain(mine.GetProperty("figures").GetProperty("keyCases").EnumerateArray(), k => k.GetProperty("id").GetGuid() == Id(othersCase));
        Assert.Contains(visible, x => x.Id == Id(d));

        await ReadAsync(mediator.PutAsJsonAsync($"/api/v1/disputes/analysis/{ThisMonth}/meeting", new { version = 0, conclusions = "x" }, Ct), HttpStatusCode.Forbidden);
        await ReadAsync(mediator.PostAsJsonAsync($"/api/v1/disputes/analysis/{ThisMonth}/measures", new { content = "x", ownerUnit = "y", deadline = $"{ThisMonth}-28" }, Ct), HttpStatusCode.Forbidden);
        using var leader = await app.ClientAsAsync("leader");
        await OkAsync(leader.GetAsync($"/api/v1/disputes/analysis/{ThisMonth}", Ct));
        await ReadAsync(leader.PutAsJsonAsync($"/api/v1/disputes/analysis/{ThisMonth}/meeting", new { version = 0, conclusions = "x" }, Ct), HttpStatusCode.Forbidden);
        foreach (var user in new[] { "grid01", "dept-cg", "resident01" })
        {
            using var client = await app.ClientAsAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/disputes/analysis/{ThisMonth}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/disputes/statistics/{ThisMonth}/excel", Ct)).StatusCode);
        }
    }

    [Fact]
    public async Task The_meeting_is_recorded_with_versions_and_an_open_measure_of_last_month_is_carried_over_overdue_until_done()
    {
        using var community = await app.ClientAsAsync("community01");
        var text = $"物业类纠纷上升，需约谈物业公司 {Guid.NewGuid():N}";
        var saved = await OkAsync(community.PutAsJsonAsync($"/api/v1/disputes/analysis/{LastMonth}/meeting",
            new { version = 0, heldOn = $"{LastMonth}-05", participants = "社区书记、调解员", conclusions = text }, Ct));
        Assert.Equal(text, saved.GetProperty("meeting").GetProperty("conclusions").GetString());
        var version = saved.GetProperty("meeting").GetProperty("version").GetInt32();
        Assert.True(version >= 1);
        var stale = await ReadAsync(community.PutAsJsonAsync($"/api/v1/disputes/analysis/{LastMonth}/meeting", new { version = version - 1, conclusions = "旧" }, Ct), HttpStatusCode.Conflict);
        Assert.Equal(text, stale.GetProperty("current").GetProperty("meeting").GetProperty("conclusions").GetString());

        // A measure of last month whose deadline (the first of last month) has passed: overdue, shown again this month.
        var content = $"约谈物业公司 {Guid.NewGuid():N}";
        var measure = await ReadAsync(community.PostAsJsonAsync($"/api/v1/disputes/analysis/{LastMonth}/measures",
            new { content, ownerUnit = "社区居委会", deadline = $"{LastMonth}-01" }, Ct), HttpStatusCode.Created);
        Assert.True(measure.GetProperty("overdue").GetBoolean());
        var now = await OkAsync(community.GetAsync($"/api/v1/disputes/analysis/{ThisMonth}", Ct));
        var carried = now.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("content").GetString() == content);
        Assert.True(carried.GetProperty("carriedOver").GetBoolean());
        Assert.True(carried.GetProperty("overdue").GetBoolean());

        // The street does not see (nor touch) the community's measures.
        using var commander = await app.ClientAsAsync("commander");
        var streetView = await OkAsync(commander.GetAsync($"/api/v1/disputes/analysis/{ThisMonth}", Ct));
        Assert.DoesNotContain(streetView.GetProperty("measures").EnumerateArray(), m => m.GetProperty("content").GetString() == content);
        await ReadAsync(commander.PutAsJsonAsync($"/api/v1/disputes/analysis/measures/{Id(measure)}", new { version = measure.GetProperty("version").GetInt32(), status = "Done", doneNote = "x" }, Ct), HttpStatusCode.NotFound);

        // Done needs a note; then it leaves this month's list and shows as done in last month's.
        var bad = await ReadAsync(community.PutAsJsonAsync($"/api/v1/disputes/analysis/measures/{Id(measure)}", new { version = measure.GetProperty("version").GetInt32(), status = "Done" }, Ct), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("doneNote", out _));
        var done = await OkAsync(community.PutAsJsonAsync($"/api/v1/disputes/analysis/measures/{Id(measure)}",
            new { version = measure.GetProperty("version").GetInt32(), status = "Done", doneNote = "已约谈，物业承诺整改" }, Ct));
        Assert.Equal("Done", done.GetProperty("status").GetString());
        Assert.False(done.GetProperty("overdue").GetBoolean());
        await ReadAsync(community.PutAsJsonAsync($"/api/v1/disputes/analysis/measures/{Id(measure)}",
            new { version = measure.GetProperty("version").GetInt32(), status = "Open" }, Ct), HttpStatusCode.Conflict);
        now = await OkAsync(community.GetAsync($"/api/v1/disputes/analysis/{ThisMonth}", Ct));
        Assert.DoesNotContain(now.GetProperty("measures").EnumerateArray(), m => m.GetProperty("content").GetString() == content);
        var last = await OkAsync(community.GetAsync($"/api/v1/disputes/analysis/{LastMonth}", Ct));
        Assert.Equal("已约谈，物业承诺整改", last.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("content").GetString() == content).GetProperty("doneNote").GetString());
    }

    [Theory]
    [InlineData("GET", "/api/v1/disputes/analysis/2026-13", null, "month")]
    [InlineData("GET", "/api/v1/disputes/analysis/2999-01", null, "month")]
    [InlineData("GET", "/api/v1/disputes/statistics/11-2026/excel", null, "month")]
    [InlineData("PUT", "/api/v1/disputes/analysis/{this}/meeting", """{"conclusions":"x"}""", "version")]
    [InlineData("PUT", "/api/v1/disputes/analysis/{this}/meeting", """{"version":0,"heldOn":"2999-01-01"}""", "heldOn")]
    [InlineData("POST", "/api/v1/disputes/analysis/{this}/measures", """{"ownerUnit":"居委会","deadline":"2099-01-01"}""", "content")]
    [InlineData("POST", "/api/v1/disputes/analysis/{this}/measures", """{"content":"约谈","deadline":"2099-01-01"}""", "ownerUnit")]
    [InlineData("POST", "/api/v1/disputes/analysis/{this}/measures", """{"content":"约谈","ownerUnit":"居委会"}""", "deadline")]
    [InlineData("POST", "/api/v1/disputes/analysis/2000-01/measures", """{"content":"约谈","ownerUnit":"居委会","deadline":"2099-01-01"}""", "deadline")]
    public async Task Bad_input_is_a_400_naming_the_field(string method, string url, string? body, string field)
    {
        using var commander = await app.ClientAsAsync("commander");
        using var request = new HttpRequestMessage(new HttpMethod(method), url.Replace("{this}", ThisMonth, StringComparison.Ordinal));
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        var problem = await ReadAsync(commander.SendAsync(request, Ct), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task The_analysis_excel_and_the_statistics_table_hold_the_figures_read_back_with_MiniExcel()
    {
        var units = app.Units();
        using var commander = await app.ClientAsAsync("commander");
        var type = await NewTypeAsync(commander);
        await RegisterAsync(commander, Body("租房押金纠纷", type, extra: new { communityId = units.Community.Id, channel = "GridDiscovery", peopleCount = 2, amount = 3000 }));
        var conclusions = $"本月重点关注租赁纠纷 {Guid.NewGuid():N}";
        var a = await OkAsync(commander.PutAsJsonAsync($"/api/v1/disputes/analysis/{ThisMonth}/meeting", new { version = await MeetingVersionAsync(commander), conclusions }, Ct));

        var response = await commander.GetAsync($"/api/v1/disputes/analysis/{ThisMonth}/excel", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        var sheets = MiniExcel.GetSheetNames(file);
        Assert.Equal(["概况", "趋势", "纠纷类型", "村社区", "受理渠道", "分流层级", "热点", "重点案件", "研判结论", "工作措施"], sheets);
        var summary = file.Query(useHeaderRow: true, sheetName: "概况").Cast<IDictionary<string, object?>>().ToDictionary(r => (string)r["项目"]!, r => r["数值"]);
        var totals = (await OkAsync(commander.GetAsync($"/api/v1/disputes/analysis/{ThisMonth}", Ct))).GetProperty("figures").GetProperty("totals");
        Assert.Equal(totals.GetProperty("received").GetInt32(), Convert.ToInt32(summary["本月受理"], CultureInfo.InvariantCulture));
        Assert.Equal(totals.GetProperty("closed").GetInt32(), Convert.ToInt32(summary["本月结案"], CultureInfo.InvariantCulture));
        var types = file.Query(useHeaderRow: true, sheetName: "纠纷类型").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(1, Convert.ToInt32(types.Single(r => (string?)r["纠纷类型"] == type)[ThisMonth], CultureInfo.InvariantCulture));
        var record = file.Query(useHeaderRow: true, sheetName: "研判结论").Cast<IDictionary<string, object?>>().ToDictionary(r => (string)r["项目"]!, r => r["数值"]);
        Assert.Equal(conclusions, record["研判结论"]);
        Assert.Equal(conclusions, a.GetProperty("meeting").GetProperty("conclusions").GetString());

        // 矛盾纠纷排查化解情况统计表: title, period, one line per community equal to the raw cases, 合计.
        response = await commander.GetAsync($"/api/v1/disputes/statistics/{ThisMonth}/excel", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var table = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        var rows = table.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().Select(r => r.Values.ToList()).ToList();
        Assert.Contains("矛盾纠纷排查化解情况统计表", (string)rows[0][0]!);
        Assert.StartsWith("统计期间：", (string)rows[1][3]!);
        var header = rows[2].Select(v => v?.ToString()).ToList();
        Assert.Equal("受理纠纷", header[3]);
        var raw = await RawAsync();
        var (from, to) = ReportMonths.Bounds(ThisMonth);
        var name = app.Territory().Communities.Single(c => c.Id == units.Community.Id).Name;
        var line = rows.Single(r => (r[1] as string) == name);
        var mine = raw.Where(d => d.CommunityId == units.Community.Id && d.CreatedAt >= from && d.CreatedAt < to).ToList();
        Assert.Equal(mine.Count, Convert.ToInt32(line[3], CultureInfo.InvariantCulture));
        Assert.Equal(mine.Count(d => d.Channel == DisputeChannel.GridDiscovery), Convert.ToInt32(line[2], CultureInfo.InvariantCulture));
        Assert.Equal(1, Convert.ToInt32(line[header.IndexOf(type)], CultureInfo.InvariantCulture));
        Assert.Equal(mine.Sum(d => d.PeopleCount), Convert.ToInt32(line[header.IndexOf("涉及人数")], CultureInfo.InvariantCulture));
        var total = rows.Single(r => (r[1] as string) == "合计");
        Assert.Equal(raw.Count(d => d.CreatedAt >= from && d.CreatedAt < to), Convert.ToInt32(total[3], CultureInfo.InvariantCulture));

        // A community's table has its line only.
        using var community = await app.ClientAsAsync("community01");
        using var own = new MemoryStream(await community.GetByteArrayAsync($"/api/v1/disputes/statistics/{ThisMonth}/excel", Ct));
        var ownRows = own.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().Select(r => r.Values.ToList()).ToList();
        Assert.Equal([name, "合计"], ownRows.Skip(3).Select(r => r[1] as string).Where(s => !string.IsNullOrEmpty(s)).ToList());
    }

    [Fact]
    public async Task The_print_view_shows_the_figures_the_conclusions_and_the_measures()
    {
        using var commander = await app.ClientAsAsync("commander");
        var conclusions = $"群体性纠纷苗头需提前介入 {Guid.NewGuid():N}";
        await OkAsync(commander.PutAsJsonAsync($"/api/v1/disputes/analysis/{ThisMonth}/meeting", new { version = await MeetingVersionAsync(commander), conclusions }, Ct));
        var content = $"建立停车纠纷联调机制 {Guid.NewGuid():N}";
        await ReadAsync(commander.PostAsJsonAsync($"/api/v1/disputes/analysis/{ThisMonth}/measures", new { content, ownerUnit = "综治中心", deadline = ChinaTime.Today(TimeProvider.System).AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }, Ct), HttpStatusCode.Created);
        var analysis = await OkAsync(commander.GetAsync($"/api/v1/disputes/analysis/{ThisMonth}", Ct));

        var html = await commander.GetStringAsync($"/disputes/analysis/{ThisMonth}/print", Ct);
        Assert.Contains("矛盾纠纷分析研判", html);
        Assert.Contains(conclusions, html);
        Assert.Contains(content, html);
        Assert.Contains("综治中心", html);
        // The cell carries the component's CSS-isolation attribute after the test id.
        Assert.Matches($"data-testid=\"af-received\"[^>]*>{analysis.GetProperty("figures").GetProperty("totals").GetProperty("received").GetInt32()}<", html);
        Assert.Matches(@"print-a4(\.[a-z0-9]+)?\.css", html); // fingerprinted by MapStaticAssets when built

        using var grid = await app.ClientAsAsync("grid01");
        Assert.NotEqual(HttpStatusCode.OK, (await grid.GetAsync($"/disputes/analysis/{ThisMonth}/print", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_command_centres_resolution_figures_equal_the_raw_tables()
    {
        // One real agreement through the workflow, with its first follow-up recorded as honoured.
        var (mediator, d) = await _api.MediatingAsync("邻居共用墙体渗水");
        using var owned = mediator;
        d = await OkAsync(ActAsync(mediator, d, "Agree", new { terms = "双方各承担一半维修费用。", performance = "现金" }));
        d = await OkAsync(ActAsync(mediator, d, "Sign", new { signedOn = ChinaTime.Today(TimeProvider.System).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }));
        d = await OkAsync(ActAsync(mediator, d, "RecordFollowUp", new { honoured = true, note = "已付款" }));
        Assert.Equal("Closed", d.GetProperty("status").GetString());

        using var commander = await app.ClientAsAsync("commander");
        using var community = await app.ClientAsAsync("community01");
        foreach (var (client, communityId) in new[] { (commander, (Guid?)null), (community, (Guid?)app.Units().Community.Id) })
        {
            var figures = await OkAsync(client.GetAsync("/api/v1/analytics/disputes", Ct));
            var raw = await RawAsync();
            var mediators = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Users
                .Where(u => u.OrgUnitKind == OrgUnitKind.Community || u.OrgUnitKind == OrgUnitKind.Grid).Select(u => u.Id).ToListAsync(Ct));
            var visits = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<FollowUpVisit>().AsNoTracking().ToListAsync(Ct));
            var now = DateTime.UtcNow;
            foreach (var period in figures.GetProperty("periods").EnumerateArray())
            {
                var r = period.GetProperty("resolution");
                var from = ChinaTime.ToUtc(DateOnly.Parse(period.GetProperty("from").GetString()!, CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue));
                var to = ChinaTime.ToUtc(DateOnly.Parse(period.GetProperty("to").GetString()!, CultureInfo.InvariantCulture).AddDays(1).ToDateTime(TimeOnly.MinValue));
                var mine = raw.Where(x => communityId is null || x.CommunityId == communityId).ToList();
                var closed = mine.Where(x => x.Status == DisputeStatus.Closed && x.ClosedAt >= from && x.ClosedAt < to && x.Outcome is not (null or DisputeOutcome.Withdrawn)).ToList();
                bool Success(RawCase x) => x.Outcome is DisputeOutcome.Agreement or DisputeOutcome.PartialAgreement or DisputeOutcome.ResolvedByReferral;
                Assert.Equal(closed.Count(x => x.Referred), r.GetProperty("referredUp").GetInt32());
                Assert.Equal(closed.Count(x => !x.Referred && !Success(x)), r.GetProperty("notResolved").GetInt32());
                Assert.Equal(closed.Count(x => !x.Referred && Success(x) && x.ReceiverKind == ReceiverKind.Mediator && mediators.Contains(x.ReceiverUserId ?? Guid.Empty)),
                    r.GetProperty("resolvedInCommunity").GetInt32());
                Assert.Equal(closed.Count(x => !x.Referred && Success(x) && !(x.ReceiverKind == ReceiverKind.Mediator && mediators.Contains(x.ReceiverUserId ?? Guid.Empty))),
                    r.GetProperty("resolvedAtStreet").GetInt32());
                Assert.Equal(closed.Count(Success), r.GetProperty("successful").GetInt32());
                Assert.Equal(closed.Count, r.GetProperty("mediatedConcluded").GetInt32());
                Assert.Equal(closed.Count, r.GetProperty("resolvedCount").GetInt32());
                var ids = mine.Select(x => x.Id).ToHashSet();
                var withPerformance = visits.Where(v => ids.Contains(v.DisputeId) && v.VisitedAt >= from && v.VisitedAt < to && v.Honoured != null).ToList();
                Assert.Equal(withPerformance.Count, r.GetProperty("visitsWithPerformance").GetInt32());
                Assert.Equal(withPerformance.Count(v => v.Honoured == true), r.GetProperty("visitsHonoured").GetInt32());
                var due = visits.Where(v => ids.Contains(v.DisputeId) && v.DueAt >= from && v.DueAt < (to < now ? to : now)).ToList();
                Assert.Equal(due.Count, r.GetProperty("followUpsDue").GetInt32());
                var days = closed.Select(x => Math.Round((x.ClosedAt!.Value - x.CreatedAt).TotalDays, 1)).Order().ToList();
                if (days.Count > 0)
                {
                    Assert.Equal(Math.Round(days.Average(), 1), r.GetProperty("meanDaysToResolve").GetDouble(), 1);
                    var median = days.Count % 2 == 1 ? days[days.Count / 2] : (days[days.Count / 2 - 1] + days[days.Count / 2]) / 2;
                    Assert.Equal(Math.Round(median, 1), r.GetProperty("medianDaysToResolve").GetDouble(), 1);
                }
            }

            if (communityId is null)
            {
                // The case just closed counts: at least one success, one honoured visit.
                var p30 = figures.GetProperty("periods")[0].GetProperty("resolution");
                Assert.True(p30.GetProperty("successful").GetInt32() >= 1);
                Assert.True(p30.GetProperty("visitsHonoured").GetInt32() >= 1);
                Assert.Equal(100.0 * p30.GetProperty("visitsHonoured").GetInt32() / p30.GetProperty("visitsWithPerformance").GetInt32(), p30.GetProperty("honouredRate").GetDouble(), 1);
            }
        }
    }

    private async Task<int> MeetingVersionAsync(HttpClient client) =>
        (await OkAsync(client.GetAsync($"/api/v1/disputes/analysis/{ThisMonth}", Ct))).GetProperty("meeting").GetProperty("version").GetInt32();

    private static JsonElement Line(JsonElement analysis, string dimension, string name) =>
        analysis.GetProperty("figures").GetProperty("breakdowns").EnumerateArray().Single(b => b.GetProperty("dimension").GetString() == dimension)
            .GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("name").GetString() == name);

    private static string MonthOf(DateTime utc) => ChinaTime.FromUtc(utc).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static void CompareTotals(JsonElement analysis, List<RawCase> raw, DateTime from, DateTime to, Guid? communityId)
    {
        var mine = raw.Where(d => communityId is null || d.CommunityId == communityId).ToList();
        var t = analysis.GetProperty("figures").GetProperty("totals");
        var closed = mine.Where(d => d.Status == DisputeStatus.Closed && d.ClosedAt >= from && d.ClosedAt < to).ToList();
        var successful = closed.Count(d => d.Outcome is DisputeOutcome.Agreement or DisputeOutcome.PartialAgreement or DisputeOutcome.ResolvedByReferral);
        var failed = closed.Count(d => d.Outcome is DisputeOutcome.Failed or DisputeOutcome.UnresolvedByReferral);
        Assert.Equal(mine.Count(d => d.CreatedAt >= from && d.CreatedAt < to), t.GetProperty("received").GetInt32());
        Assert.Equal(mine.Count(d => d.CreatedAt >= from && d.CreatedAt < to && d.IsGroup), t.GetProperty("group").GetInt32());
        Assert.Equal(closed.Count, t.GetProperty("closed").GetInt32());
        Assert.Equal(successful, t.GetProperty("successful").GetInt32());
        Assert.Equal(failed, t.GetProperty("failed").GetInt32());
        if (successful + failed > 0)
        {
            Assert.Equal(Math.Round(100.0 * successful / (successful + failed), 1), t.GetProperty("successRate").GetDouble(), 1);
        }

        var trend = analysis.GetProperty("figures").GetProperty("receivedTrend").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        var months = analysis.GetProperty("figures").GetProperty("months").EnumerateArray().Select(x => x.GetString()!).ToArray();
        Assert.Equal(months.Select(m => mine.Count(d => MonthOf(d.CreatedAt) == m)).ToArray(), trend);
    }

    public sealed record RawCase(Guid Id, Guid? CommunityId, DateTime CreatedAt, DateTime? ClosedAt, DisputeStatus Status, DisputeOutcome? Outcome, bool IsGroup,
        DisputeChannel Channel, int PeopleCount, ReceiverKind? ReceiverKind, Guid? ReceiverUserId, Guid? ReceiverRoomId, Guid? CreatedByUserId, bool Referred);

    private Task<List<RawCase>> RawAsync() => app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Dispute>().AsNoTracking()
        .Select(d => new RawCase(d.Id, d.CommunityId, d.CreatedAt, d.ClosedAt, d.Status, d.Outcome, d.IsGroup, d.Channel, d.PeopleCount, d.ReceiverKind,
            d.ReceiverUserId, d.ReceiverRoomId, d.CreatedByUserId, d.Referrals.Any()))
        .ToListAsync(Ct));
}

public sealed class DisputeAnalysisTests_Sqlite(SqliteApp app) : DisputeAnalysisTests(app), IClassFixture<SqliteApp>;

public sealed class DisputeAnalysisTests_Postgres(PostgresApp app) : DisputeAnalysisTests(app), IClassFixture<PostgresApp>;
