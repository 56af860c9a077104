using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Accounts;
using Jiexin.IntegrationTests.Platform.Media;

namespace Jiexin.IntegrationTests.Modules.Events.MyGrid;

/// <summary>The grid worker's phone pages (/m/grid) driven as a phone browser would: static HTML forms with cookies.</summary>
public abstract partial class MyGridPagesTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly EventTestKit _kit = new(app);

    private async Task<PageSession> GridWorkerAsync()
    {
        var session = new PageSession(app);
        var response = await session.LoginAsync("grid01", JiexinApp.DemoPassword, returnUrl: "/m/grid");
        Assert.Equal("/m/grid", PageSession.RedirectTarget(response));
        return session;
    }

    private static Task<HttpResponseMessage> PostAsync(PageSession session, string url, string handler, string token, params (string Name, string Value)[] fields) =>
        session.Client.PostAsync(url, new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("_handler", handler), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]), Ct);

    /// <summary>A phone form with its photos, as multipart/form-data.</summary>
    private static Task<HttpResponseMessage> PostWithPhotosAsync(PageSession session, string url, string handler, string token,
        (string Name, string Value)[] fields, params (string FileName, byte[] Bytes)[] photos)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(handler), "_handler" },
        };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        foreach (var (fileName, bytes) in photos)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
            form.Add(part, "photos", fileName);
        }

        return session.Client.PostAsync(url, form, Ct);
    }

    [Fact]
    public async Task The_worker_sees_an_event_to_verify_opens_it_and_passes_it_with_one_tap()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var e = await _kit.DispatchedToAsync("城管", $"路灯不亮 {tag}");
        using (var dept = await app.ClientAsAsync("dept-cg"))
        {
            e = await EventTestKit.OkAsync(EventTestKit.ActAsync(dept, e, "Accept"));
            e = await EventTestKit.OkAsync(EventTestKit.ActAsync(dept, e, "Handle", new { note = "已更换灯泡" }));
        }

        using var session = await GridWorkerAsync();
        var home = await session.GetHtmlAsync("/m/grid");
        var toVerify = ToVerifyList().Match(home);
        Assert.True(toVerify.Success, "no to-verify list on the page");
        Assert.Contains(e.GetProperty("trackingCode").GetString()!, toVerify.Value);
        var id = e.GetProperty("id").GetGuid();
        Assert.Contains($"/m/grid/events/{id}", toVerify.Value);

        var page = await session.GetHtmlAsync($"/m/grid/events/{id}");
        Assert.Contains("data-action=\"VerifyPass\"", page);
        Assert.Contains("data-action=\"VerifyFail\"", page);
        var token = PageSession.AntiforgeryToken(page);
        var version = e.GetProperty("version").GetInt32().ToString(CultureInfo.InvariantCulture);

        // Failing without a reason is refused next to the note, and nothing changes.
        var refused = await PostAsync(session, $"/m/grid/events/{id}", "act", token, ("Input.Action", "VerifyFail"), ("Input.Version", version), ("Input.Note", ""));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("请填写核查不通过的原因。", await PageSession.ReadHtmlAsync(refused));

        var passed = await PostAsync(session, $"/m/grid/events/{id}", "act", token, ("Input.Action", "VerifyPass"), ("Input.Version", version), ("Input.Note", "现场已亮灯"));
        Assert.Equal($"/m/grid/events/{id}?done=VerifyPass", PageSession.RedirectTarget(passed));
        using var commander = await app.ClientAsAsync("commander");
        var now = await commander.GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}", Ct);
        Assert.Equal("Verified", now.GetProperty("status").GetString());
        Assert.Contains(now.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("note").GetString() == "现场已亮灯");

        // The same tap sent twice (a double tap, a resend after a dropped answer) is the one step already taken.
        var again = await PostAsync(session, $"/m/grid/events/{id}", "act", token, ("Input.Action", "VerifyPass"), ("Input.Version", version), ("Input.Note", "现场已亮灯"));
        Assert.Equal($"/m/grid/events/{id}?done=VerifyPass", PageSession.RedirectTarget(again));
        Assert.Single((await commander.GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}", Ct)).GetProperty("timeline").EnumerateArray(),
            t => t.GetProperty("action").GetString() == "VerifyPass");

        // Another request with the old version is told the event moved on, and what it is now.
        var stale = await PostAsync(session, $"/m/grid/events/{id}", "act", token, ("Input.Action", "VerifyFail"), ("Input.Version", version), ("Input.Note", "现场已亮灯"));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var staleHtml = await PageSession.ReadHtmlAsync(stale);
        Assert.Contains("刚被他人处理", staleHtml);
        Assert.Contains("现场已亮灯", staleHtml); // the typed note is kept
    }

    [Fact]
    public async Task A_problem_found_on_patrol_is_reported_from_the_phone_with_its_place()
    {
        using var session = await GridWorkerAsync();
        var form = await session.GetHtmlAsync("/m/grid/report");
        Assert.Contains("data-testid=\"patrol-photos\"", form);
        Assert.DoesNotContain("data-testid=\"place-error\"", form); // no error before anything is typed
        Assert.Contains("enctype=\"multipart/form-data\"", form);
        var key = KeyField().Match(form).Groups[1].Value;
        Assert.NotEmpty(key);
        var at = await _kit.PointInGridAsync("XC-01");
        var description = $"巡查发现 {Guid.NewGuid():N} 号楼道堆放杂物";

        // A map to correct a poor GPS fix: zoomed to the worker's own grid, tappable once page-actions.js runs.
        Assert.Matches($"<path[^>]*data-area=\"{at.GridId}\"[^>]*data-focused=\"true\"", form);
        Assert.Contains("data-testid=\"place-pick-map\"", form);
        Assert.Contains("data-pick=\"true\"", form);
        Assert.Contains("page-actions", form);

        (string, string)[] fields =
        [
            ("Input.IdempotencyKey", key), ("Input.Description", description),
            ("Input.Latitude", at.Lat.ToString("F6", CultureInfo.InvariantCulture)), ("Input.Longitude", at.Lng.ToString("F6", CultureInfo.InvariantCulture)),
            ("Input.Address", ""),
        ];
        var posted = await PostAsync(session, "/m/grid/report", "patrol-report", PageSession.AntiforgeryToken(form), fields);
        var target = PageSession.RedirectTarget(posted);
        var match = Regex.Match(target, "^/m/grid/events/([0-9a-f-]{36})\\?reported=1$");
        Assert.True(match.Success, target);

        // Sent twice (the phone lost the answer): the same event, not a second one.
        var again = await PostAsync(session, "/m/grid/report", "patrol-report", PageSession.AntiforgeryToken(form), fields);
        Assert.Equal(target, PageSession.RedirectTarget(again));

        using var commander = await app.ClientAsAsync("commander");
        var e = await commander.GetFromJsonAsync<JsonElement>($"/api/v1/events/{match.Groups[1].Value}", Ct);
        Assert.Equal("Patrol", e.GetProperty("channel").GetString());
        Assert.Equal(at.GridId, e.GetProperty("gridId").GetGuid());
        Assert.Equal(description, e.GetProperty("description").GetString());

        var shown = await session.GetHtmlAsync(target);
        Assert.Contains("data-testid=\"reported\"", shown);
        Assert.Contains(e.GetProperty("trackingCode").GetString()!, shown);
    }

    [Fact]
    public async Task A_problem_found_across_the_road_goes_to_that_grid_and_home_says_where()
    {
        using var session = await GridWorkerAsync();
        var form = await session.GetHtmlAsync("/m/grid/report");
        var next = await _kit.PointInGridAsync("XC-02"); // not grid01's
        var posted = await PostAsync(session, "/m/grid/report", "patrol-report", PageSession.AntiforgeryToken(form),
            [("Input.IdempotencyKey", KeyField().Match(form).Groups[1].Value), ("Input.Description", $"巡查发现 {Guid.NewGuid():N} 对面路口井盖破损"),
             ("Input.Latitude", next.Lat.ToString("F6", CultureInfo.InvariantCulture)), ("Input.Longitude", next.Lng.ToString("F6", CultureInfo.InvariantCulture)),
             ("Input.Address", "")]);

        // grid01 cannot open an event of another grid, so it is not sent to the event page it would be refused.
        var target = PageSession.RedirectTarget(posted);
        var match = Regex.Match(target, $"^/m/grid\\?reported=([A-Z0-9]+)&grid={next.GridId}$");
        Assert.True(match.Success, target);
        using var commander = await app.ClientAsAsync("commander");
        var found = await commander.GetFromJsonAsync<JsonElement>($"/api/v1/events?keyword={match.Groups[1].Value}", Ct);
        var e = found.GetProperty("items")[0];
        Assert.Equal(next.GridId, e.GetProperty("gridId").GetGuid());

        var home = await session.GetHtmlAsync(target);
        Assert.Contains("data-testid=\"reported-elsewhere\"", home);
        Assert.Contains(match.Groups[1].Value, home);
        Assert.Contains("第2网格", home);
        Assert.Contains("不在您的网格", home);
    }

    [Fact]
    public async Task On_site_verification_carries_its_photos_and_position_and_a_refused_tap_keeps_the_photos()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var e = await _kit.DispatchedToAsync("城管", $"井盖缺失 {tag}");
        using (var dept = await app.ClientAsAsync("dept-cg"))
        {
            e = await EventTestKit.OkAsync(EventTestKit.ActAsync(dept, e, "Accept"));
            e = await EventTestKit.OkAsync(EventTestKit.ActAsync(dept, e, "Handle", new { note = "已补装井盖" }));
        }

        var id = e.GetProperty("id").GetGuid();
        var url = $"/m/grid/events/{id}";
        using var session = await GridWorkerAsync();
        var page = await session.GetHtmlAsync(url);
        Assert.Contains("data-testid=\"act-photos\"", page);
        Assert.Contains("data-testid=\"grid-event-map\"", page);
        Assert.DoesNotContain("data-testid=\"place-error\"", page);
        var token = PageSession.AntiforgeryToken(page);
        var version = e.GetProperty("version").GetInt32().ToString(CultureInfo.InvariantCulture);
        var at = await _kit.PointInGridAsync("XC-01");
        (string, string)[] place =
        [
            ("Input.Latitude", at.Lat.ToString("F6", CultureInfo.InvariantCulture)), ("Input.Longitude", at.Lng.ToString("F6", CultureInfo.InvariantCulture)),
        ];

        // A failure without its reason is refused; the photo taken is kept in the form, not lost with the refusal.
        var refused = await PostWithPhotosAsync(session, url, "act", token,
            [("Input.Action", "VerifyFail"), ("Input.Version", version), ("Input.Note", ""), .. place], ("site.jpg", MediaTestHost.Jpeg(320, 240)));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedHtml = await PageSession.ReadHtmlAsync(refused);
        Assert.Contains("请填写核查不通过的原因。", refusedHtml);
        Assert.Contains("data-testid=\"photos-kept\"", refusedHtml);
        var kept = KeptPhoto().Match(refusedHtml);
        Assert.True(kept.Success, "the uploaded photo's id is not carried in the form");

        // The next tap sends the kept photo (no file this time) with the position: both are on the step.
        var passed = await PostWithPhotosAsync(session, url, "act", PageSession.AntiforgeryToken(refusedHtml),
            [("Input.Action", "VerifyPass"), ("Input.Version", version), ("Input.Note", "井盖已装好"), ("Input.PhotoIds[0]", kept.Groups[1].Value), .. place]);
        Assert.Equal($"{url}?done=VerifyPass", PageSession.RedirectTarget(passed));
        using var commander = await app.ClientAsAsync("commander");
        var now = await commander.GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}", Ct);
        Assert.Equal("Verified", now.GetProperty("status").GetString());
        var step = now.GetProperty("timeline").EnumerateArray().Last();
        Assert.Equal("VerifyPass", step.GetProperty("action").GetString());
        Assert.Equal(Guid.Parse(kept.Groups[1].Value), Assert.Single(step.GetProperty("photos").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(at.Lat, step.GetProperty("latitude").GetDouble(), 0.000001);
        Assert.Equal(at.Lng, step.GetProperty("longitude").GetDouble(), 0.000001);

        // The phone page shows the step's photo and marks where the verification was made.
        var shown = await session.GetHtmlAsync(url);
        Assert.Contains("data-testid=\"grid-step-photos\"", shown);
        Assert.Contains("data-marker=\"secondary\"", shown);
    }

    [Fact]
    public async Task A_step_with_half_a_position_is_refused_and_nothing_is_recorded()
    {
        var e = await _kit.DispatchedToAsync("城管", $"路面塌陷 {Guid.NewGuid():N}"[..12]);
        using (var dept = await app.ClientAsAsync("dept-cg"))
        {
            e = await EventTestKit.OkAsync(EventTestKit.ActAsync(dept, e, "Accept"));
            e = await EventTestKit.OkAsync(EventTestKit.ActAsync(dept, e, "Handle", new { note = "已修补" }));
        }

        var id = e.GetProperty("id").GetGuid();
        using var session = await GridWorkerAsync();
        var page = await session.GetHtmlAsync($"/m/grid/events/{id}");
        var response = await PostWithPhotosAsync(session, $"/m/grid/events/{id}", "act", PageSession.AntiforgeryToken(page),
            [("Input.Action", "VerifyPass"), ("Input.Version", e.GetProperty("version").GetInt32().ToString(CultureInfo.InvariantCulture)),
             ("Input.Note", "已修好"), ("Input.Latitude", "31.44"), ("Input.Longitude", "")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"place-error\"", await PageSession.ReadHtmlAsync(response));
        using var commander = await app.ClientAsAsync("commander");
        var now = await commander.GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}", Ct);
        Assert.Equal("Handled", now.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_patrol_report_carries_the_photos_taken_on_the_spot()
    {
        using var session = await GridWorkerAsync();
        var form = await session.GetHtmlAsync("/m/grid/report");
        var at = await _kit.PointInGridAsync("XC-01");
        var posted = await PostWithPhotosAsync(session, "/m/grid/report", "patrol-report", PageSession.AntiforgeryToken(form),
            [("Input.IdempotencyKey", KeyField().Match(form).Groups[1].Value), ("Input.Description", $"巡查发现 {Guid.NewGuid():N} 广告牌松动"),
             ("Input.Latitude", at.Lat.ToString("F6", CultureInfo.InvariantCulture)), ("Input.Longitude", at.Lng.ToString("F6", CultureInfo.InvariantCulture)),
             ("Input.Address", "")],
            ("a.jpg", MediaTestHost.Jpeg(300, 200)), ("b.jpg", MediaTestHost.Jpeg(200, 300)));
        var match = Regex.Match(PageSession.RedirectTarget(posted), "^/m/grid/events/([0-9a-f-]{36})\\?reported=1$");
        Assert.True(match.Success, PageSession.RedirectTarget(posted));

        using var commander = await app.ClientAsAsync("commander");
        var e = await commander.GetFromJsonAsync<JsonElement>($"/api/v1/events/{match.Groups[1].Value}", Ct);
        Assert.Equal(2, e.GetProperty("photos").GetArrayLength());
        Assert.Contains("data-testid=\"grid-event-photos\"", await session.GetHtmlAsync(PageSession.RedirectTarget(posted)));

        // A file that is not a photo is refused by name, and no event is made.
        var bad = await PostWithPhotosAsync(session, "/m/grid/report", "patrol-report", PageSession.AntiforgeryToken(form),
            [("Input.IdempotencyKey", "g-" + Guid.NewGuid().ToString("N")), ("Input.Description", "巡查发现护栏倒伏需要扶正"),
             ("Input.Latitude", ""), ("Input.Longitude", ""), ("Input.Address", "新庄路 1 号")],
            ("notes.jpg", "不是照片"u8.ToArray()));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var html = await PageSession.ReadHtmlAsync(bad);
        Assert.Contains("data-testid=\"photos-error\"", html);
        Assert.Contains("notes.jpg", html);
    }

    [Fact]
    public async Task A_report_with_an_unreadable_place_keeps_what_was_typed()
    {
        using var session = await GridWorkerAsync();
        var form = await session.GetHtmlAsync("/m/grid/report");
        var posted = await PostAsync(session, "/m/grid/report", "patrol-report", PageSession.AntiforgeryToken(form),
            ("Input.IdempotencyKey", KeyField().Match(form).Groups[1].Value), ("Input.Description", "井盖松动有响声"),
            ("Input.Latitude", "abc"), ("Input.Longitude", "119.8"), ("Input.Address", ""));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = await PageSession.ReadHtmlAsync(posted);
        Assert.Contains("data-testid=\"place-error\"", html);
        Assert.Contains("井盖松动有响声", html);
    }

    [Fact]
    public async Task Patrols_start_and_stop_from_the_home_page_and_visits_are_logged()
    {
        using var session = await GridWorkerAsync();
        var home = await session.GetHtmlAsync("/m/grid");
        if (home.Contains("data-patrol-id", StringComparison.Ordinal))
        {
            // Another test left a patrol under way: stop it first.
            Assert.Equal("/m/grid", PageSession.RedirectTarget(await PostAsync(session, "/m/grid", "stop-patrol", PageSession.AntiforgeryToken(home))));
            home = await session.GetHtmlAsync("/m/grid");
        }

        Assert.Contains("data-testid=\"start-patrol\"", home);
        Assert.Equal("/m/grid", PageSession.RedirectTarget(await PostAsync(session, "/m/grid", "start-patrol", PageSession.AntiforgeryToken(home))));
        home = await session.GetHtmlAsync("/m/grid");
        var patrolId = PatrolId().Match(home);
        Assert.True(patrolId.Success, "the page shows no patrol under way");
        Assert.Contains("data-testid=\"stop-patrol\"", home);

        var visitForm = await session.GetHtmlAsync("/m/grid/visit");
        var household = $"幸福小区 {Guid.NewGuid():N}"[..20];
        var logged = await PostAsync(session, "/m/grid/visit", "visit", PageSession.AntiforgeryToken(visitForm),
            ("Input.IdempotencyKey", KeyField().Match(visitForm).Groups[1].Value), ("Input.Household", household),
            ("Input.VisitedAt", ""), ("Input.Note", "了解独居老人近况"), ("Input.Latitude", ""), ("Input.Longitude", ""));
        Assert.True(logged.StatusCode == HttpStatusCode.Redirect, await PageSession.ReadHtmlAsync(logged));
        Assert.Equal("/m/grid?visit=1", PageSession.RedirectTarget(logged));

        Assert.Equal("/m/grid", PageSession.RedirectTarget(await PostAsync(session, "/m/grid", "stop-patrol", PageSession.AntiforgeryToken(home))));
        home = await session.GetHtmlAsync("/m/grid");
        Assert.DoesNotContain("data-patrol-id", home);

        using var community = await app.ClientAsAsync("community01");
        var patrol = await community.GetFromJsonAsync<JsonElement>($"/api/v1/patrols/{patrolId.Groups[1].Value}", Ct);
        Assert.False(patrol.GetProperty("underWay").GetBoolean());
    }

    [Fact]
    public async Task The_phone_pages_are_for_grid_workers_only()
    {
        using var anonymous = new PageSession(app);
        var response = await anonymous.Client.GetAsync("/m/grid", Ct);
        Assert.Contains("/account/login", PageSession.RedirectTarget(response));

        using var resident = new PageSession(app);
        await resident.LoginAsync("resident01", JiexinApp.DemoPassword);
        var html = await PageSession.ReadHtmlAsync(await resident.Client.GetAsync("/m/grid", Ct));
        Assert.DoesNotContain("data-testid=\"report-problem\"", html);
    }

    [GeneratedRegex("data-testid=\"to-verify\"[\\s\\S]*?</ul>")]
    private static partial Regex ToVerifyList();

    [GeneratedRegex("name=\"Input.IdempotencyKey\" value=\"([^\"]+)\"")]
    private static partial Regex KeyField();

    [GeneratedRegex("name=\"Input.PhotoIds\\[0\\]\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex KeptPhoto();

    [GeneratedRegex("data-patrol-id=\"([0-9a-f-]{36})\"")]
    private static partial Regex PatrolId();
}

public sealed class MyGridPagesTests_Sqlite(SqliteApp app) : MyGridPagesTests(app), IClassFixture<SqliteApp>;

public sealed class MyGridPagesTests_Postgres(PostgresApp app) : MyGridPagesTests(app), IClassFixture<PostgresApp>;
