using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Accounts;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Events.ResidentPages;

/// <summary>The resident H5 pages (/m/report, /m/my, /m/events/{id}) driven as a phone browser would: static HTML forms with cookies.</summary>
public abstract partial class ResidentPagesTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<PageSession> SignedInAsync(string userName)
    {
        var session = new PageSession(app);
        var response = await session.LoginAsync(userName, JiexinApp.DemoPassword, returnUrl: "/m/report");
        Assert.Equal("/m/report", PageSession.RedirectTarget(response));
        return session;
    }

    /// <summary>A point inside the demo grid XC-01 (the mean of its polygon's vertices).</summary>
    private async Task<(double Lat, double Lng)> PointInGridAsync(string code = "XC-01")
    {
        using var commander = await app.ClientAsAsync("commander");
        var grids = JsonNode.Parse(await commander.GetStringAsync("/api/v1/territory/grids", Ct))!;
        var feature = grids["features"]!.AsArray().First(f => (string?)f!["properties"]!["code"] == code)!;
        var geometry = feature["geometry"]!;
        var ring = ((string?)geometry["type"] == "MultiPolygon" ? geometry["coordinates"]![0]![0] : geometry["coordinates"]![0])!.AsArray();
        var points = ring.Take(ring.Count - 1).Select(p => (Lng: (double)p![0]!, Lat: (double)p[1]!)).ToList();
        return (points.Average(p => p.Lat), points.Average(p => p.Lng));
    }

    /// <summary>The form as rendered: its antiforgery token and the idempotency key generated into it.</summary>
    private static async Task<(string Token, string Key)> OpenFormAsync(PageSession session)
    {
        var html = await session.GetHtmlAsync("/m/report");
        var key = KeyField().Match(html);
        Assert.True(key.Success, "the form has no idempotency key");
        return (PageSession.AntiforgeryToken(html), key.Groups[1].Value);
    }

    private static Task<HttpResponseMessage> PostFormAsync(PageSession session, (string Token, string Key) form,
        string description, string? latitude = null, string? longitude = null, string? address = null, bool anonymous = false)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", form.Token),
            new("_handler", "report"),
            new("Input.IdempotencyKey", form.Key),
            new("Input.Description", description),
            new("Input.Latitude", latitude ?? ""),
            new("Input.Longitude", longitude ?? ""),
            new("Input.Address", address ?? ""),
        };
        if (anonymous)
        {
            fields.Add(new("Input.Anonymous", "true"));
        }

        return session.Client.PostAsync("/m/report", new FormUrlEncodedContent(fields), Ct);
    }

    private static string Invariant(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reports through the form and returns the tracking page's path.</summary>
    private async Task<string> ReportAsync(PageSession session, string description)
    {
        var (lat, lng) = await PointInGridAsync();
        var response = await PostFormAsync(session, await OpenFormAsync(session), description, Invariant(lat), Invariant(lng));
        var target = PageSession.RedirectTarget(response);
        Assert.Matches("^/m/events/[0-9a-f-]{36}$", target);
        return target;
    }

    private Task<List<Event>> EventsDescribedAsync(string description) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Event>().AsNoTracking()
            .Where(e => e.Description == description).ToListAsync(Ct));

    [Fact]
    public async Task Report_form_is_static_with_antiforgery_token_and_no_framework_script()
    {
        using var session = await SignedInAsync("resident01");
        var html = await session.GetHtmlAsync("/m/report");

        Assert.Contains("我要反映", html);
        Assert.Contains("name=\"Input.Description\"", html);
        Assert.Contains("使用我的位置", html);
        Assert.Contains("匿名反映", html);
        PageSession.AntiforgeryToken(html);
        // One tiny progressive-enhancement file (tap the map, "use my location"; the CSP runs no inline script), nothing else.
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*\\ssrc=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.True(scripts.Count <= 1 && scripts.All(s => s.Contains("page-actions", StringComparison.Ordinal)), string.Join(", ", scripts));
        var script = await session.GetHtmlAsync(scripts[0]);
        Assert.True(script.Length < 4096, $"page-actions.js is {script.Length} characters");
        Assert.DoesNotContain("blazor.web.js", html);
        Assert.DoesNotContain("ant-design", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("type=\"file\"", html); // photos go with the form (multipart), no script needed
    }

    [Fact]
    public async Task Posting_the_form_creates_the_event_and_redirects_to_its_tracking_page()
    {
        using var session = await SignedInAsync("resident01");
        var description = $"东门路灯不亮 {Guid.NewGuid():N}";
        var target = await ReportAsync(session, description);

        var stored = Assert.Single(await EventsDescribedAsync(description));
        Assert.Equal($"/m/events/{stored.Id}", target);
        Assert.Equal(EventChannel.Resident, stored.Channel);
        Assert.NotNull(stored.GridId);
        Assert.False(stored.IsAnonymous);

        var page = await session.GetHtmlAsync(target);
        Assert.Contains(stored.TrackingCode, page);
        Assert.Contains("已受理", page);
        Assert.Contains(description, page);
        Assert.Contains("m-step-current", page);
        // The report time in China time (UTC+8), the way the resident lives it.
        Assert.Contains(stored.CreatedAt.AddHours(8).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), page);
    }

    [Fact]
    public async Task The_same_form_posted_twice_creates_one_event()
    {
        using var session = await SignedInAsync("resident01");
        var (lat, lng) = await PointInGridAsync();
        var form = await OpenFormAsync(session);
        var description = $"垃圾桶满了没人清 {Guid.NewGuid():N}";

        var first = await PostFormAsync(session, form, description, Invariant(lat), Invariant(lng), anonymous: true);
        var second = await PostFormAsync(session, form, description, Invariant(lat), Invariant(lng), anonymous: true);

        Assert.Equal(PageSession.RedirectTarget(first), PageSession.RedirectTarget(second));
        var stored = Assert.Single(await EventsDescribedAsync(description));
        Assert.True(stored.IsAnonymous);
    }

    [Fact]
    public async Task A_fresh_form_makes_a_new_event_even_with_the_same_words()
    {
        using var session = await SignedInAsync("resident01");
        var description = $"楼道堆物 {Guid.NewGuid():N}";
        await ReportAsync(session, description);
        await ReportAsync(session, description);
        Assert.Equal(2, (await EventsDescribedAsync(description)).Count);
    }

    [Fact]
    public async Task Empty_description_shows_a_Chinese_error_and_keeps_what_was_typed()
    {
        using var session = await SignedInAsync("resident01");
        var form = await OpenFormAsync(session);
        var address = $"新庄路 88 号 {Guid.NewGuid():N}";

        var response = await PostFormAsync(session, form, "", address: address);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await PageSession.ReadHtmlAsync(response);
        Assert.Contains("请描述发生了什么（至少 5 个字）。", html);
        Assert.Contains($"value=\"{address}\"", html);
        Assert.Contains($"value=\"{form.Key}\"", html); // the same form: a corrected resubmission is still one event
        Assert.Empty(await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Event>()
            .Where(e => e.Address == address).ToListAsync(Ct)));
    }

    [Fact]
    public async Task Corrected_form_after_an_error_creates_the_event()
    {
        using var session = await SignedInAsync("resident01");
        var form = await OpenFormAsync(session);
        var description = $"小区门口井盖松动 {Guid.NewGuid():N}";

        var rejected = await PostFormAsync(session, form, "短", address: "新庄路 1 号");
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var accepted = await PostFormAsync(session, form, description, address: "新庄路 1 号");

        Assert.StartsWith("/m/events/", PageSession.RedirectTarget(accepted));
        var stored = Assert.Single(await EventsDescribedAsync(description));
        Assert.Equal("新庄路 1 号", stored.Address);
        Assert.Null(stored.GridId); // an address alone is located by staff later
    }

    [Fact]
    public async Task A_place_outside_the_street_shows_the_handlers_message_under_the_place()
    {
        using var session = await SignedInAsync("resident01");
        var description = $"北京的路灯坏了 {Guid.NewGuid():N}";
        var response = await PostFormAsync(session, await OpenFormAsync(session), description, "39.9042", "116.4074");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await PageSession.ReadHtmlAsync(response);
        Assert.Matches("data-testid=\"place-error\"[^>]*>该位置不在本街道范围内", html);
        Assert.Contains(description, html);
        Assert.Empty(await EventsDescribedAsync(description));
    }

    [Fact]
    public async Task Unreadable_coordinates_show_a_Chinese_error()
    {
        using var session = await SignedInAsync("resident01");
        var response = await PostFormAsync(session, await OpenFormAsync(session), "路面塌陷一个大坑", "abc", "121.4");
        var html = await PageSession.ReadHtmlAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("纬度须是数字", html);
    }

    [Fact]
    public async Task My_reports_lists_only_my_own_events()
    {
        using var resident01 = await SignedInAsync("resident01");
        var description = $"我的反映列表 {Guid.NewGuid():N}";
        var target = await ReportAsync(resident01, description);
        var code = Assert.Single(await EventsDescribedAsync(description)).TrackingCode;

        var mine = await resident01.GetHtmlAsync("/m/my");
        Assert.Contains(code, mine);
        Assert.Contains($"href=\"{target}\"", mine);
        Assert.Contains("已受理", mine);
        Assert.Contains("刚刚", mine);

        using var resident02 = await SignedInAsync("resident02");
        var theirs = await resident02.GetHtmlAsync("/m/my");
        Assert.DoesNotContain(code, theirs);
        Assert.DoesNotContain(description, theirs);
    }

    [Fact]
    public async Task My_reports_pages_by_twenty_newest_first()
    {
        // A resident of its own, so other tests' reports do not shift the pages.
        var userName = (await app.CreateAccountAsync(Roles.Resident, null)).UserName;

        using var session = new PageSession(app);
        PageSession.RedirectTarget(await session.LoginAsync(userName, TestAccounts.Password, "/m/my"));
        var empty = await session.GetHtmlAsync("/m/my");
        Assert.Contains("您还没有反映过事情。", empty);
        Assert.Contains("href=\"/m/report\"", empty);

        for (var i = 1; i <= 21; i++)
        {
            await ReportAsync(session, $"分页第 {i:00} 件 {userName}");
        }

        var first = await session.GetHtmlAsync("/m/my");
        Assert.Equal(20, Regex.Count(first, "data-testid=\"my-event\""));
        Assert.Contains("分页第 21 件", first);
        Assert.True(first.IndexOf("分页第 21 件", StringComparison.Ordinal) < first.IndexOf("分页第 20 件", StringComparison.Ordinal), "newest first");
        Assert.DoesNotContain("分页第 01 件", first);
        Assert.Contains("href=\"/m/my?page=2\"", first);

        var second = await session.GetHtmlAsync("/m/my?page=2");
        Assert.Equal(1, Regex.Count(second, "data-testid=\"my-event\""));
        Assert.Contains("分页第 01 件", second);
        Assert.Contains("href=\"/m/my?page=1\"", second);
    }

    [Fact]
    public async Task Someone_elses_event_is_not_found()
    {
        using var resident01 = await SignedInAsync("resident01");
        var target = await ReportAsync(resident01, $"别人的事件 {Guid.NewGuid():N}");

        using var resident02 = await SignedInAsync("resident02");
        var response = await resident02.Client.GetAsync(target, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", await PageSession.ReadHtmlAsync(response));

        var unknown = await resident01.Client.GetAsync($"/m/events/{Guid.NewGuid()}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("/m/report")]
    [InlineData("/m/my")]
    [InlineData("/m/events/0195f3c2-0000-7000-8000-000000000000")]
    public async Task Signed_out_visitors_are_sent_to_the_login_page(string path)
    {
        using var session = new PageSession(app);
        var response = await session.Client.GetAsync(path, Ct);
        var target = PageSession.RedirectTarget(response);
        Assert.StartsWith("/account/login?", target);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), target, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<JsonElement> ActAsync(HttpClient client, JsonElement e, string action, object? extra = null)
    {
        var body = JsonSerializer.SerializeToNode(extra ?? new { })!.AsObject();
        body["version"] = e.GetProperty("version").GetInt32();
        var response = await client.PostAsJsonAsync($"/api/v1/events/{e.GetProperty("id").GetGuid()}/actions/{action}", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{action}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task Tracking_page_follows_the_loop_step_by_step_with_the_departments_reply()
    {
        using var session = await SignedInAsync("resident01");
        var target = await ReportAsync(session, $"路灯不亮好几天了 {Guid.NewGuid():N}");
        using var resident = await app.ClientAsAsync("resident01");
        var e = await resident.GetFromJsonAsync<JsonElement>("/api/v1" + target[2..], Ct);

        using var commander = await app.ClientAsAsync("commander");
        var cg = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<ITerritoryLookup>().FindDepartmentByShortName("城管")!));
        e = await ActAsync(commander, e, "Triage");
        e = await ActAsync(commander, e, "Dispatch", new { assigneeKind = "Department", assigneeId = cg.Id });
        var dispatched = await session.GetHtmlAsync(target);
        Assert.Matches("m-step-current\"[^>]*>\\s*<span class=\"m-step-name\">已派单", dispatched);
        Assert.Equal(2, Regex.Count(dispatched, "m-step m-step-done|m-step m-step-current"));

        using var dept = await app.ClientAsAsync("dept-cg");
        e = await ActAsync(dept, e, "Accept");
        e = await ActAsync(dept, e, "Handle", new { note = "已更换灯泡，恢复照明" });
        using var grid = await app.ClientAsAsync("grid01");
        e = await ActAsync(grid, e, "VerifyPass");
        await ActAsync(commander, e, "Close");

        var closed = await session.GetHtmlAsync(target);
        Assert.Contains("已更换灯泡，恢复照明", closed);
        Assert.Matches("m-step-current\"[^>]*>\\s*<span class=\"m-step-name\">待评价", closed);
        Assert.Equal(4, Regex.Count(closed, "m-step m-step-done"));
        Assert.Contains("m-chip-done", closed);
        // Residents see the steps and replies, never the names of the staff who took them (demo display names).
        Assert.DoesNotContain("指挥中心值班员", closed);
        Assert.DoesNotContain("城管中队办事员", closed);
    }

    [Fact]
    public async Task Mine_api_returns_only_the_callers_events_and_refuses_staff()
    {
        using var resident01 = await SignedInAsync("resident01");
        var description = $"接口我的反映 {Guid.NewGuid():N}";
        await ReportAsync(resident01, description);

        using var api01 = await app.ClientAsAsync("resident01");
        var mine = await api01.GetFromJsonAsync<JsonElement>("/api/v1/events/mine", Ct);
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), i => i.GetProperty("summary").GetString()!.StartsWith("接口我的反映", StringComparison.Ordinal));

        using var api02 = await app.ClientAsAsync("resident02");
        var theirs = await api02.GetFromJsonAsync<JsonElement>("/api/v1/events/mine", Ct);
        Assert.DoesNotContain(theirs.GetProperty("items").EnumerateArray(), i => i.GetProperty("summary").GetString()!.Contains(description[7..], StringComparison.Ordinal));

        using var commander = await app.ClientAsAsync("commander");
        Assert.Equal(HttpStatusCode.Forbidden, (await commander.GetAsync("/api/v1/events/mine", Ct)).StatusCode);
    }

    [GeneratedRegex("name=\"Input.IdempotencyKey\" value=\"([^\"]+)\"")]
    private static partial Regex KeyField();
}

public sealed class ResidentPagesTests_Sqlite(SqliteApp app) : ResidentPagesTests(app), IClassFixture<SqliteApp>;

public sealed class ResidentPagesTests_Postgres(PostgresApp app) : ResidentPagesTests(app), IClassFixture<PostgresApp>;
