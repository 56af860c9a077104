using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Accounts;
using Jiexin.Modules.Events.MarkNoFeedback;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Jiexin.IntegrationTests.Modules.Events.EventApi;

namespace Jiexin.IntegrationTests.Modules.Events.Feedback;

/// <summary>群众评价: the reporter rates a closed event; dissatisfaction goes to review; silence is "no feedback", never satisfied.</summary>
public abstract class FeedbackTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly EventApi _api = new(app);

    /// <summary>Reported by the resident, handled by its grid worker, verified and closed.</summary>
    private async Task<JsonElement> ClosedEventAsync(HttpClient resident, string description)
    {
        using var grid = await app.ClientAsAsync("grid01");
        var e = await _api.ReportAsync(resident, description);
        e = await OkAsync(ActAsync(grid, e, "SelfHandle"));
        e = await OkAsync(ActAsync(grid, e, "Handle", new { note = "已处理完毕" }));
        e = await OkAsync(ActAsync(grid, e, "VerifyPass"));
        return await OkAsync(ActAsync(grid, e, "Close"));
    }

    [Fact]
    public async Task A_satisfied_rating_keeps_the_event_closed_and_cannot_be_given_twice()
    {
        using var resident = await app.ClientAsAsync("resident01");
        var e = await ClosedEventAsync(resident, "楼下垃圾桶破损");
        var mine = await GetAsync(resident, e);
        Assert.Contains(mine.GetProperty("actions").EnumerateArray(), a => a.GetProperty("action").GetString() == "Rate");
        Assert.NotEqual(JsonValueKind.Null, mine.GetProperty("feedbackDueAt").ValueKind);

        e = await OkAsync(ActAsync(resident, mine, "Rate", new { rating = 4, note = "处理很及时" }));
        Assert.Equal("Closed", e.GetProperty("status").GetString());
        mine = await GetAsync(resident, e);
        var feedback = mine.GetProperty("feedback").EnumerateArray().Single();
        Assert.Equal(4, feedback.GetProperty("rating").GetInt32());
        Assert.Equal("处理很及时", feedback.GetProperty("comment").GetString());
        Assert.Equal("Rated", feedback.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, mine.GetProperty("feedbackDueAt").ValueKind);
        Assert.DoesNotContain(mine.GetProperty("actions").EnumerateArray(), a => a.GetProperty("action").GetString() == "Rate");

        await ReadAsync(ActAsync(resident, mine, "Rate", new { rating = 5 }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_dissatisfied_rating_goes_to_review_and_the_commander_closes_it_with_an_explanation()
    {
        using var resident = await app.ClientAsAsync("resident01");
        using var commander = await app.ClientAsAsync("commander");
        using var grid = await app.ClientAsAsync("grid01");
        var e = await ClosedEventAsync(resident, "小区路面积水");
        e = await OkAsync(ActAsync(resident, e, "Rate", new { rating = 2, note = "只是扫了一下，下雨还积水" }));
        Assert.Equal("Dissatisfied", e.GetProperty("status").GetString());

        // Only the command centre reviews, with a written explanation.
        await ReadAsync(ActAsync(grid, e, "CloseAfterReview", new { note = "x" }), HttpStatusCode.Forbidden);
        var noNote = await ReadAsync(ActAsync(commander, e, "CloseAfterReview"), HttpStatusCode.BadRequest);
        Assert.True(noNote.GetProperty("errors").TryGetProperty("note", out _));
        e = await OkAsync(ActAsync(commander, e, "CloseAfterReview", new { note = "排水管网改造已列入明年计划，届时彻底解决" }));
        Assert.Equal("Closed", e.GetProperty("status").GetString());
        Assert.Equal("Grid", e.GetProperty("resolvedTier").GetString());

        var mine = await GetAsync(resident, e);
        var feedback = mine.GetProperty("feedback").EnumerateArray().Single();
        Assert.True(feedback.GetProperty("isDissatisfied").GetBoolean());
        Assert.Equal("Explained", feedback.GetProperty("review").GetString());
        Assert.Equal("排水管网改造已列入明年计划，届时彻底解决", feedback.GetProperty("reviewNote").GetString());
        // The explanation does not reopen rating of the same closing.
        Assert.DoesNotContain(mine.GetProperty("actions").EnumerateArray(), a => a.GetProperty("action").GetString() == "Rate");
    }

    [Fact]
    public async Task Upheld_dissatisfaction_reopens_the_event_and_the_next_closing_is_rated_afresh()
    {
        using var resident = await app.ClientAsAsync("resident02");
        using var commander = await app.ClientAsAsync("commander");
        using var grid = await app.ClientAsAsync("grid01");
        var e = await ClosedEventAsync(resident, "小区健身器材生锈断裂");
        e = await OkAsync(ActAsync(resident, e, "Rate", new { rating = 1, note = "根本没修" }));
        e = await OkAsync(ActAsync(commander, e, "ReopenAfterReview", new { note = "群众反映属实，重新办理" }));
        Assert.Equal("Reopened", e.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("closedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, e.GetProperty("resolvedTier").ValueKind);

        e = await OkAsync(ActAsync(grid, e, "SelfHandle"));
        e = await OkAsync(ActAsync(grid, e, "Handle", new { note = "已更换器材" }));
        e = await OkAsync(ActAsync(grid, e, "VerifyPass"));
        e = await OkAsync(ActAsync(grid, e, "Close"));
        e = await OkAsync(ActAsync(resident, e, "Rate", new { rating = 5 }));
        var feedback = (await GetAsync(commander, e)).GetProperty("feedback").EnumerateArray().ToList();
        Assert.Equal([1, 5], feedback.Select(f => f.GetProperty("rating").GetInt32()));
        Assert.Equal("Reopened", feedback[0].GetProperty("review").GetString());
    }

    [Fact]
    public async Task Rating_is_refused_by_value_person_and_state()
    {
        using var resident = await app.ClientAsAsync("resident01");
        using var commander = await app.ClientAsAsync("commander");
        var open = await _api.ReportAsync(resident, "路口红绿灯坏了");
        await ReadAsync(ActAsync(resident, open, "Rate", new { rating = 5 }), HttpStatusCode.Conflict);

        var e = await ClosedEventAsync(resident, "公厕没有水");
        foreach (var bad in new[] { 0, 6 })
        {
            var refused = await ReadAsync(ActAsync(resident, e, "Rate", new { rating = bad }), HttpStatusCode.BadRequest);
            Assert.True(refused.GetProperty("errors").TryGetProperty("rating", out _));
        }

        await ReadAsync(ActAsync(commander, e, "Rate", new { rating = 5 }), HttpStatusCode.Forbidden);
        using var other = await app.ClientAsAsync("resident02");
        await ReadAsync(ActAsync(other, e, "Rate", new { rating = 5 }), HttpStatusCode.NotFound);
        // Reviewing needs a dissatisfied rating first.
        await ReadAsync(ActAsync(commander, e, "ReopenAfterReview", new { note = "x" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_job_runner_marks_no_feedback_for_closings_past_seven_days()
    {
        using var resident = await app.ClientAsAsync("resident02");
        var e = await ClosedEventAsync(resident, "楼道里的灯不亮了");

        // The app's own clock is real, so nothing is 7 days old yet: the runner's whole list runs and leaves it unrated.
        await app.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<Jiexin.Platform.Jobs.JobRunner>().RunAllOnceAsync(Ct);
            return 0;
        });
        Assert.Empty((await GetAsync(resident, e)).GetProperty("feedback").EnumerateArray());

        // The job is on the runner's list (one line in EventsModule), not only a handler someone must remember to call.
        var jobs = app.Services.GetServices<Jiexin.Platform.Jobs.RecurringJobRegistration>().Select(r => r.JobType).ToList();
        Assert.Contains(typeof(MarkNoFeedbackJob), jobs);
    }

    [Fact]
    public async Task No_answer_within_seven_days_is_recorded_as_no_feedback_once_and_never_as_satisfied()
    {
        using var resident = await app.ClientAsAsync("resident02");
        var e = await ClosedEventAsync(resident, "小区门禁坏了");
        var closedAt = e.GetProperty("closedAt").GetDateTime().ToUniversalTime();
        var clock = new FakeTimeProvider(new DateTimeOffset(closedAt.AddDays(6)));

        async Task<int> RunAsync() => await app.WithScopeAsync(sp => sp.GetRequiredService<MarkNoFeedback.Handler>().Handle(clock.GetUtcNow().UtcDateTime, Ct));
        JsonElement Verdicts(JsonElement x) => x.GetProperty("feedback");

        await RunAsync();
        Assert.Empty(Verdicts(await GetAsync(resident, e)).EnumerateArray());

        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.True(await RunAsync() >= 1);
        var mine = await GetAsync(resident, e);
        var verdict = Verdicts(mine).EnumerateArray().Single();
        Assert.Equal("NoFeedback", verdict.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, verdict.GetProperty("rating").ValueKind);
        Assert.False(verdict.GetProperty("isDissatisfied").GetBoolean());
        Assert.Equal("Closed", mine.GetProperty("status").GetString());

        // Idempotent: a second run marks nothing more for it.
        clock.Advance(TimeSpan.FromDays(1));
        await RunAsync();
        Assert.Single(Verdicts(await GetAsync(resident, e)).EnumerateArray());
        Assert.Single((await GetAsync(resident, e)).GetProperty("timeline").EnumerateArray(), t => t.GetProperty("action").GetString() == "NoFeedback");
        // And the closing can no longer be rated.
        await ReadAsync(ActAsync(resident, mine, "Rate", new { rating = 5 }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_tracking_page_rates_through_a_plain_form_and_shows_the_verdict()
    {
        using var resident = await app.ClientAsAsync("resident01");
        var e = await ClosedEventAsync(resident, "楼道灯不亮");
        using var session = new PageSession(app);
        await session.LoginAsync("resident01", JiexinApp.DemoPassword, returnUrl: "/m/my");
        var path = $"/m/events/{Id(e)}";
        var html = await session.GetHtmlAsync(path);
        Assert.Contains("data-testid=\"feedback-form\"", html);
        Assert.DoesNotContain("<script src", html);

        async Task<HttpResponseMessage> PostAsync(string? stars, string comment) => await session.Client.PostAsync(path, new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", PageSession.AntiforgeryToken(html)),
            new("_handler", "feedback"),
            new("Rating.Version", e.GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Rating.Stars", stars ?? ""),
            new("Rating.Comment", comment),
        ]), Ct);

        // No stars: a Chinese message, and the comment is kept.
        var missing = await PageSession.ReadHtmlAsync(await PostAsync(null, "灯还是时好时坏"));
        Assert.Contains("请选择 1 到 5 星", missing);
        Assert.Contains("灯还是时好时坏", missing);

        var posted = await PostAsync("2", "灯还是时好时坏");
        Assert.Equal(path, PageSession.RedirectTarget(posted));
        var after = await session.GetHtmlAsync(path);
        Assert.DoesNotContain("data-testid=\"feedback-form\"", after);
        Assert.Contains("★★☆☆☆", after);
        Assert.Contains("复核", after);
        Assert.Equal("Dissatisfied", (await GetAsync(resident, e)).GetProperty("status").GetString());
    }
}

public sealed class FeedbackTests_Sqlite(SqliteApp app) : FeedbackTests(app), IClassFixture<SqliteApp>;

public sealed class FeedbackTests_Postgres(PostgresApp app) : FeedbackTests(app), IClassFixture<PostgresApp>;
