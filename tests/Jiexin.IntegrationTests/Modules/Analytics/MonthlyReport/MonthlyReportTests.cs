using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Disputes;
using Jiexin.Modules.Analytics.Figures;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Events.Deadlines;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Modules.Warnings.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using static Jiexin.IntegrationTests.Modules.Analytics.MonthlyReport.ReportTestKit;

namespace Jiexin.IntegrationTests.Modules.Analytics.MonthlyReport;

/// <summary>
/// 月度研判报告 on each provider: the figures equal naive counts over the raw tables (folded or not, street and community),
/// commentary with optimistic concurrency, bad input, who may read and write, the Excel file.
/// Nothing here finalises a report (finalising freezes it; see <see cref="MonthlyReportFinaliseTests"/>).
/// </summary>
public abstract class MonthlyReportTests(JiexinApp app)
{
    private readonly ReportTestKit _kit = new(app);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Figures_equal_naive_counts_over_the_raw_tables_folded_or_not_for_the_street_and_a_community()
    {
        await _kit.KnownEventsAsync();
        using (var mediator = await app.ClientAsAsync("mediator01"))
        {
            await DisputeApi.RegisterAsync(mediator, DisputeApi.Body("两户因漏水发生纠纷"));
        }

        var community = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<ITerritoryLookup>().Communities[0].Id));
        await CompareAsync("commander", null);
        await CompareAsync("community01", community);
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<FoldEventFiguresJob>().RunOnceAsync(Ct)) > 0);
        await CompareAsync("commander", null);
        await CompareAsync("community01", community);

        // The community's report is its own: another community's events are not in it.
        var report = await _kit.GetAsync("community01", CurrentMonth);
        Assert.Equal("Community", report.GetProperty("scopeKind").GetString());
        Assert.Equal(community, report.GetProperty("communityId").GetGuid());
        Assert.Equal("网格", report.GetProperty("figures").GetProperty("unitsLabel").GetString());
    }

    /// <summary>The report of the current month against LINQ over the raw events and disputes of the month, in the caller's scope.</summary>
    private async Task CompareAsync(string user, Guid? communityId)
    {
        var report = await _kit.GetAsync(user, CurrentMonth);
        var f = report.GetProperty("figures");
        var first = new DateOnly(ChinaToday.Year, ChinaToday.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var events = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Event>().AsNoTracking()
            .Where(e => communityId == null || e.CommunityId == communityId)
            .Select(e => new { e.CreatedAt, e.Status, e.Warning, e.ClosedAt, e.ResolvedTier, e.CategoryCode, e.CommunityId, e.GridId }).ToListAsync(Ct));
        static DateOnly China(DateTime utc) => DateOnly.FromDateTime(DateTime.SpecifyKind(utc, DateTimeKind.Utc).AddHours(8));
        static bool IsOpen(EventStatus s) => s is not (EventStatus.Closed or EventStatus.Merged or EventStatus.Rejected);
        var reported = events.Where(e => China(e.CreatedAt) >= first && China(e.CreatedAt) <= last).ToList();
        var closed = events.Where(e => e.Status == EventStatus.Closed && China(e.ClosedAt!.Value) >= first && China(e.ClosedAt.Value) <= last).ToList();
        var byEnd = events.Where(e => China(e.CreatedAt) <= last).ToList();

        Assert.True(reported.Count >= 5, $"{user}: the known events are in the month");
        Assert.Equal(reported.Count, Long(f, "intake"));
        Assert.Equal(closed.Count, Long(f, "closed"));
        Assert.Equal(byEnd.Count(e => IsOpen(e.Status)), Long(f, "openAtMonthEnd"));
        Assert.Equal(byEnd.Count(e => IsOpen(e.Status) && e.Warning == DeadlineWarning.Overdue), Long(f, "overdueAtMonthEnd"));
        Assert.True(Long(f, "overdueAtMonthEnd") >= 1);
        Assert.Equal(closed.Count(e => e.ResolvedTier == ResolutionTier.Grid), Long(f, "tiers.grid"));
        Assert.Equal(closed.Count(e => e.ResolvedTier == ResolutionTier.Community), Long(f, "tiers.community"));
        Assert.Equal(closed.Count(e => e.ResolvedTier == ResolutionTier.Street), Long(f, "tiers.street"));
        Assert.Equal(closed.Count(e => e.ResolvedTier == ResolutionTier.AboveStreet), Long(f, "tiers.aboveStreet"));
        var inVillage = closed.Count(e => e.ResolvedTier is ResolutionTier.Grid or ResolutionTier.Community);
        var tiered = closed.Count(e => e.ResolvedTier is not null);
        Assert.Equal(Math.Round((double)inVillage / tiered, 4), f.GetProperty("tiers").GetProperty("inVillage").GetProperty("value").GetDouble());

        // 大类: each listed line is the naive intake of its two-digit group; the list is the top ones.
        var naive = reported.GroupBy(e => e.CategoryCode is { Length: >= 2 } c ? c[..2] : "").ToDictionary(g => g.Key, g => (long)g.Count());
        var lines = f.GetProperty("topCategories").EnumerateArray().ToList();
        Assert.Equal(Math.Min(naive.Count, 10), lines.Count);
        foreach (var line in lines)
        {
            Assert.Equal(naive[line.GetProperty("code").GetString()!], line.GetProperty("intake").GetInt64());
        }

        // By community (street) or by grid (community): intake in the month.
        foreach (var unit in f.GetProperty("byUnit").EnumerateArray())
        {
            var id = unit.GetProperty("id").GetGuid();
            Assert.Equal(reported.Count(e => (communityId is null ? e.CommunityId : e.GridId) == id), unit.GetProperty("intake").GetInt64());
            Assert.Equal(byEnd.Count(e => (communityId is null ? e.CommunityId : e.GridId) == id && IsOpen(e.Status)), unit.GetProperty("open").GetInt64());
        }

        var (fromUtc, toUtc) = (first.ToDateTime(TimeOnly.MinValue).AddHours(-8), first.AddMonths(1).ToDateTime(TimeOnly.MinValue).AddHours(-8));
        var received = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Dispute>().AsNoTracking()
            .CountAsync(d => d.CreatedAt >= fromUtc && d.CreatedAt < toUtc && (communityId == null || d.CommunityId == communityId), Ct));
        Assert.Equal(received, Long(f, "disputes.received"));
        if (communityId is null)
        {
            Assert.True(received >= 1);
        }

        var raised = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Warning>().AsNoTracking()
            .CountAsync(w => w.RaisedAt >= fromUtc && w.RaisedAt < toUtc && (communityId == null || w.CommunityId == communityId), Ct));
        Assert.Equal(raised, Long(f, "warnings.total"));

        // On-time completion and satisfaction agree with the assessment's own rows: the street sums departments and
        // communities (a community's on-time share is the complement of its 超期率), a community is its row.
        using var commander = await app.ClientAsAsync("commander");
        var rows = new List<JsonElement>();
        foreach (var kind in new[] { "Department", "Community" })
        {
            var month = await OkAsync(await commander.GetAsync($"/api/v1/assessment/months/{CurrentMonth}?kind={kind}", Ct));
            rows.AddRange(month.GetProperty("rows").EnumerateArray().Where(r => communityId is null || r.GetProperty("unitId").GetGuid() == communityId));
        }

        (long N, long D) Measure(JsonElement row, string key)
        {
            var m = row.GetProperty("measures").EnumerateArray().Single(x => x.GetProperty("key").GetString() == key);
            return (m.GetProperty("numerator").GetInt64(), m.GetProperty("denominator").GetInt64());
        }

        long onTimeN = 0, onTimeD = 0, satisfiedN = 0, satisfiedD = 0;
        foreach (var row in rows)
        {
            if (row.GetProperty("unitKind").GetString() == "Department")
            {
                var (n, d) = Measure(row, "onTime");
                (onTimeN, onTimeD) = (onTimeN + n, onTimeD + d);
            }
            else
            {
                var (late, d) = Measure(row, "overdue");
                (onTimeN, onTimeD) = (onTimeN + d - late, onTimeD + d);
            }

            var (sn, sd) = Measure(row, "satisfaction");
            (satisfiedN, satisfiedD) = (satisfiedN + sn, satisfiedD + sd);
        }

        Assert.True(onTimeD >= 1, $"{user}: the known events were handled in the month");
        Assert.Equal(onTimeN, Long(f, "onTimeCompletion.numerator"));
        Assert.Equal(onTimeD, Long(f, "onTimeCompletion.denominator"));
        Assert.Equal(satisfiedN, Long(f, "satisfaction.numerator"));
        Assert.Equal(satisfiedD, Long(f, "satisfaction.denominator"));
    }

    [Fact]
    public async Task Commentary_saves_and_a_stale_version_gets_409_with_the_current_report()
    {
        var month = PreviousMonth;
        using var commander = await app.ClientAsAsync("commander");
        var before = await _kit.GetAsync("commander", month);
        Assert.Equal(0, before.GetProperty("version").GetInt32());
        Assert.Equal("草稿", before.GetProperty("statusName").GetString());
        Assert.True(before.GetProperty("canEdit").GetBoolean());

        var saved = await OkAsync(await commander.PutAsJsonAsync($"{Reports}/{month}", new
        {
            version = 0, overallSituation = "本月事件总体平稳。", prominentIssues = "占道经营反弹", riskAssessment = "汛期将至", nextSteps = "加强巡查",
        }, Ct));
        Assert.Equal(1, saved.GetProperty("version").GetInt32());
        Assert.Equal("本月事件总体平稳。", saved.GetProperty("commentary").GetProperty("overallSituation").GetString());

        // Someone else saved version 1 meanwhile: a save against 0 is refused with what is there now.
        var stale = await ProblemAsync(await commander.PutAsJsonAsync($"{Reports}/{month}", new { version = 0, overallSituation = "旧版本的修改" }, Ct), HttpStatusCode.Conflict);
        Assert.Contains("刷新", stale.GetProperty("detail").GetString());
        Assert.Equal(1, stale.GetProperty("current").GetProperty("version").GetInt32());
        Assert.Equal("本月事件总体平稳。", stale.GetProperty("current").GetProperty("commentary").GetProperty("overallSituation").GetString());

        // If-Match carries the version as well.
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{Reports}/{month}") { Content = JsonContent.Create(new { overallSituation = "第二稿", nextSteps = "继续" }) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var second = await OkAsync(await commander.SendAsync(request, Ct));
        Assert.Equal(2, second.GetProperty("version").GetInt32());

        var read = await _kit.GetAsync("leader", month);
        Assert.Equal("第二稿", read.GetProperty("commentary").GetProperty("overallSituation").GetString());
        Assert.False(read.GetProperty("canEdit").GetBoolean());

        // The list shows the month as a draft with its editor.
        var list = await OkAsync(await commander.GetAsync(Reports, Ct));
        var item = list.GetProperty("months").EnumerateArray().Single(m => m.GetProperty("month").GetString() == month);
        Assert.Equal("草稿", item.GetProperty("statusName").GetString());
        Assert.Equal(2, item.GetProperty("version").GetInt32());

        // The audit log holds the change.
        var audited = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Jiexin.Platform.Audit.AuditEntry>().AsNoTracking()
            .CountAsync(a => a.EntityType!.Contains("MonthlyAnalysisReport"), Ct));
        Assert.True(audited >= 2);
    }

    [Fact]
    public async Task Bad_input_gets_a_zh_CN_problem_and_others_are_refused()
    {
        using var commander = await app.ClientAsAsync("commander");
        foreach (var bad in new[] { "2026-13", "202611", "abc", "2026-1" })
        {
            var p = await ProblemAsync(await commander.GetAsync($"{Reports}/{bad}", Ct), HttpStatusCode.BadRequest);
            Assert.Contains("yyyy-MM", p.GetProperty("errors").GetProperty("month")[0].GetString());
        }

        var future = new DateOnly(ChinaToday.Year, ChinaToday.Month, 1).AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var f = await ProblemAsync(await commander.GetAsync($"{Reports}/{future}", Ct), HttpStatusCode.BadRequest);
        Assert.Contains("尚未开始", f.GetProperty("errors").GetProperty("month")[0].GetString());
        await ProblemAsync(await commander.PutAsJsonAsync($"{Reports}/{future}", new { version = 0 }, Ct), HttpStatusCode.BadRequest);

        var tooLong = await ProblemAsync(await commander.PutAsJsonAsync($"{Reports}/{PreviousMonth}", new { version = 0, riskAssessment = new string('险', 4001) }, Ct), HttpStatusCode.BadRequest);
        Assert.Contains("4000", tooLong.GetProperty("errors").GetProperty("riskAssessment")[0].GetString());
        await ProblemAsync(await commander.PutAsJsonAsync($"{Reports}/{PreviousMonth}", new { overallSituation = "没有版本号" }, Ct), HttpStatusCode.BadRequest);

        using var resident = await app.ClientAsAsync("resident01");
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync($"{Reports}/{CurrentMonth}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync(Reports, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.PutAsJsonAsync($"{Reports}/{CurrentMonth}", new { version = 0 }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync($"{Reports}/{CurrentMonth}/excel", Ct)).StatusCode);
        using var department = await app.ClientAsAsync("dept-cg");
        Assert.Equal(HttpStatusCode.Forbidden, (await department.GetAsync($"{Reports}/{CurrentMonth}", Ct)).StatusCode);
        using var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"{Reports}/{CurrentMonth}", Ct)).StatusCode);

        // The leader reads the street's report but writes nothing.
        using var leader = await app.ClientAsAsync("leader");
        await ProblemAsync(await leader.PutAsJsonAsync($"{Reports}/{PreviousMonth}", new { version = 0, overallSituation = "领导不写" }, Ct), HttpStatusCode.Forbidden);
        await ProblemAsync(await leader.PostAsJsonAsync($"{Reports}/{PreviousMonth}/finalise", new { version = 0 }, Ct), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_Excel_file_holds_the_figures_and_the_commentary()
    {
        await _kit.KnownEventsAsync();
        using var commander = await app.ClientAsAsync("commander");
        var report = await _kit.GetAsync("commander", CurrentMonth);
        var response = await commander.GetAsync($"{Reports}/{CurrentMonth}/excel", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        await using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));

        Assert.Equal(["概况", "大类", "村社区", "研判意见"], MiniExcel.GetSheetNames(file));
        var summary = file.Query(useHeaderRow: true, sheetName: "概况").Cast<IDictionary<string, object?>>()
            .ToDictionary(r => (string)r["项目"]!, r => r["数值"]);
        var f = report.GetProperty("figures");
        Assert.Equal(Long(f, "intake"), Convert.ToInt64(summary["受理事件"], CultureInfo.InvariantCulture));
        Assert.Equal(Long(f, "closed"), Convert.ToInt64(summary["办结事件"], CultureInfo.InvariantCulture));
        Assert.Equal(Long(f, "overdueAtMonthEnd"), Convert.ToInt64(summary["月末超期"], CultureInfo.InvariantCulture));
        Assert.Equal(Long(f, "tiers.grid"), Convert.ToInt64(summary["网格化解"], CultureInfo.InvariantCulture));
        Assert.True(Long(f, "intake") >= 5);

        var communities = file.Query(useHeaderRow: true, sheetName: "村社区").Cast<IDictionary<string, object?>>().ToList();
        var first = f.GetProperty("byUnit")[0];
        var row = communities.Single(r => (string?)r["村社区"] == first.GetProperty("name").GetString());
        Assert.Equal(first.GetProperty("intake").GetInt64(), Convert.ToInt64(row["受理"], CultureInfo.InvariantCulture));

        var commentary = file.Query(useHeaderRow: true, sheetName: "研判意见").Cast<IDictionary<string, object?>>().Select(r => (string)r["栏目"]!).ToList();
        Assert.Equal(["总体形势", "突出问题", "风险研判", "下步工作建议"], commentary);
    }
}

public sealed class MonthlyReportTests_Sqlite(SqliteApp app) : MonthlyReportTests(app), IClassFixture<SqliteApp>;

public sealed class MonthlyReportTests_Postgres(PostgresApp app) : MonthlyReportTests(app), IClassFixture<PostgresApp>;
