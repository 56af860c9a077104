using System.Net;
using System.Net.Http.Json;
using Jiexin.IntegrationTests.Infrastructure;
using static Jiexin.IntegrationTests.Modules.Analytics.MonthlyReport.ReportTestKit;

namespace Jiexin.IntegrationTests.Modules.Analytics.MonthlyReport;

/// <summary>
/// 定稿 on each provider: the figures are frozen with the commentary (later events change the live overview, not the
/// finalised report), a finalised report takes no edits, and a community finalises its own report, not the street's.
/// A class of its own: it finalises the current month, which the other report tests read live.
/// </summary>
public abstract class MonthlyReportFinaliseTests(JiexinApp app)
{
    private readonly ReportTestKit _kit = new(app);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Finalising_freezes_the_figures_and_the_commentary()
    {
        var month = CurrentMonth;
        await _kit.KnownEventsAsync();
        using var commander = await app.ClientAsAsync("commander");
        var saved = await OkAsync(await commander.PutAsJsonAsync($"{Reports}/{month}", new { version = 0, overallSituation = "定稿前的总体形势" }, Ct));

        // Finalising against a stale version is refused; against the current one it freezes.
        await ProblemAsync(await commander.PostAsJsonAsync($"{Reports}/{month}/finalise", new { version = 0 }, Ct), HttpStatusCode.Conflict);
        var final = await OkAsync(await commander.PostAsJsonAsync($"{Reports}/{month}/finalise", new { version = saved.GetProperty("version").GetInt32() }, Ct));
        Assert.Equal("已定稿", final.GetProperty("statusName").GetString());
        Assert.True(final.GetProperty("figuresFrozen").GetBoolean());
        Assert.False(final.GetProperty("canEdit").GetBoolean());
        var frozen = final.GetProperty("figures");

        // More events of the month: the live figures move, the finalised report does not.
        var community = await _kit.GetAsync("community01", month);
        await _kit.KnownEventsAsync();
        var after = await _kit.GetAsync("commander", month);
        Assert.Equal(frozen.GetRawText(), after.GetProperty("figures").GetRawText());
        Assert.Equal("定稿前的总体形势", after.GetProperty("commentary").GetProperty("overallSituation").GetString());
        var communityAfter = await _kit.GetAsync("community01", month);
        Assert.Equal(Long(community, "figures.intake") + 5, Long(communityAfter, "figures.intake"));

        // A finalised report takes no more edits.
        var refused = await ProblemAsync(await commander.PutAsJsonAsync($"{Reports}/{month}", new { version = after.GetProperty("version").GetInt32(), overallSituation = "改" }, Ct), HttpStatusCode.Conflict);
        Assert.Contains("已定稿", refused.GetProperty("detail").GetString());
        await ProblemAsync(await commander.PostAsJsonAsync($"{Reports}/{month}/finalise", new { version = after.GetProperty("version").GetInt32() }, Ct), HttpStatusCode.Conflict);

        var list = await OkAsync(await commander.GetAsync(Reports, Ct));
        Assert.Equal("已定稿", list.GetProperty("months")[0].GetProperty("statusName").GetString());
    }

    [Fact]
    public async Task A_community_writes_and_finalises_its_own_report_not_the_streets()
    {
        var month = PreviousMonth;
        using var staff = await app.ClientAsAsync("community01");
        var own = await _kit.GetAsync("community01", month);
        Assert.Equal("Community", own.GetProperty("scopeKind").GetString());
        Assert.True(own.GetProperty("canEdit").GetBoolean());
        var saved = await OkAsync(await staff.PutAsJsonAsync($"{Reports}/{month}", new { version = 0, nextSteps = "社区下步工作" }, Ct));
        await OkAsync(await staff.PostAsJsonAsync($"{Reports}/{month}/finalise", new { version = saved.GetProperty("version").GetInt32() }, Ct));

        // The street's report of that month is another report: still an empty draft.
        var street = await _kit.GetAsync("commander", month);
        Assert.Equal("Street", street.GetProperty("scopeKind").GetString());
        Assert.Equal("草稿", street.GetProperty("statusName").GetString());
        Assert.Equal("", street.GetProperty("commentary").GetProperty("nextSteps").GetString());
        Assert.Equal("已定稿", (await _kit.GetAsync("community01", month)).GetProperty("statusName").GetString());

        // A grid worker has no report of its own.
        using var grid = await app.ClientAsAsync("grid01");
        Assert.Equal(HttpStatusCode.Forbidden, (await grid.GetAsync($"{Reports}/{month}", Ct)).StatusCode);
    }
}

public sealed class MonthlyReportFinaliseTests_Sqlite(SqliteApp app) : MonthlyReportFinaliseTests(app), IClassFixture<SqliteApp>;

public sealed class MonthlyReportFinaliseTests_Postgres(PostgresApp app) : MonthlyReportFinaliseTests(app), IClassFixture<PostgresApp>;
