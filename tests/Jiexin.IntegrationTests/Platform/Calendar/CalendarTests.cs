using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Accounts;
using Jiexin.Platform.Calendar;
using Jiexin.Platform.Calendar.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Platform.Calendar;

/// <summary>
/// The working calendar through HTTP on each provider: the seeded national schedules, Admin edits reaching the deadline
/// answer at once, who may edit, optimistic concurrency, Chinese validation messages. Each test edits its own dates
/// (years no other test touches), so the tests of a class can share one database.
/// </summary>
public abstract class CalendarTests(JiexinApp app)
{
    private const string Days = "/api/v1/calendar/days";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SeededDays_ArePresent_ForEveryShippedYear()
    {
        using var commander = await app.ClientAsAsync("commander");

        var year2025 = (await commander.GetFromJsonAsync<YearDto>($"{Days}?year=2025", Ct))!;
        Assert.False(year2025.Provisional);
        var byDate = year2025.Days.ToDictionary(d => d.Date);
        Assert.Equal(("Holiday", "春节"), (byDate["2025-01-28"].Kind, byDate["2025-01-28"].Name));
        Assert.Equal("Holiday", byDate["2025-02-04"].Kind);
        Assert.Equal("MakeUpWorkday", byDate["2025-01-26"].Kind);
        Assert.Equal("MakeUpWorkday", byDate["2025-02-08"].Kind);
        Assert.Equal("Holiday", byDate["2025-10-08"].Kind);
        Assert.Equal("MakeUpWorkday", byDate["2025-10-11"].Kind);
        Assert.All(year2025.Days, d => Assert.StartsWith("2025-", d.Date));

        var year2024 = (await commander.GetFromJsonAsync<YearDto>($"{Days}?year=2024", Ct))!;
        Assert.Contains(year2024.Days, d => d is { Date: "2024-02-04", Kind: "MakeUpWorkday" });
        Assert.Contains(year2024.Days, d => d is { Date: "2024-10-07", Kind: "Holiday", Name: "国庆节" });

        var year2026 = (await commander.GetFromJsonAsync<YearDto>($"{Days}?year=2026", Ct))!;
        Assert.Contains(year2026.Days, d => d is { Date: "2026-02-23", Kind: "Holiday", Name: "春节" });
        Assert.Contains(year2026.Days, d => d is { Date: "2026-02-28", Kind: "MakeUpWorkday" });

        var year2027 = (await commander.GetFromJsonAsync<YearDto>($"{Days}?year=2027", Ct))!;
        Assert.True(year2027.Provisional);
        Assert.Contains(year2027.Days, d => d is { Date: "2027-02-05", Kind: "Holiday", Name: "春节", Provisional: true });

        // The rows are in the table itself, not only in the answer.
        var stored = await app.WithScopeAsync(sp => Task.FromResult(
            sp.GetRequiredService<JiexinDbContext>().Set<CalendarDay>().Count(d => d.Date >= new DateOnly(2024, 1, 1) && d.Date < new DateOnly(2028, 1, 1))));
        Assert.True(stored >= 100, $"{stored} seeded days");
    }

    [Fact]
    public async Task Deadline_CountsOnTheSeededCalendar_ForAnyStaff()
    {
        using var gridWorker = await app.ClientAsAsync("grid01");

        // Tuesday 30 September 2025 16:00 + 1 working day: 1–8 October are off → Thursday 9 October 16:00.
        var afterNationalDay = await DeadlineAsync(gridWorker, "from=2025-09-30T16:00:00%2B08:00&workingDays=1");
        Assert.Equal(new DateTime(2025, 10, 9, 8, 0, 0, DateTimeKind.Utc), afterNationalDay.Deadline);
        Assert.Equal(new DateTimeOffset(2025, 10, 9, 16, 0, 0, TimeSpan.FromHours(8)), afterNationalDay.DeadlineChinaTime);

        // Friday 26 September + 1: Sunday the 28th was worked.
        Assert.Equal(new DateTime(2025, 9, 28, 2, 0, 0, DateTimeKind.Utc), (await DeadlineAsync(gridWorker, "from=2025-09-26T10:00:00&workingDays=1")).Deadline);

        // 30 working minutes from 11:45 continue after lunch; a night report starts at the next opening.
        Assert.Equal(new DateTime(2025, 3, 10, 5, 45, 0, DateTimeKind.Utc), (await DeadlineAsync(gridWorker, "from=2025-03-10T03:45:00Z&workingHours=0.5")).Deadline);
        var night = await DeadlineAsync(gridWorker, "from=2025-03-07T22:00:00%2B08:00&workingHours=0.5");
        Assert.Equal(new DateTime(2025, 3, 10, 0, 30, 0, DateTimeKind.Utc), night.CountingFrom);
        Assert.Equal(new DateTime(2025, 3, 10, 1, 0, 0, DateTimeKind.Utc), night.Deadline);

        using var resident = await app.ClientAsAsync("resident01");
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync("/api/v1/calendar/deadline?workingDays=1", Ct)).StatusCode);
        using var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/calendar/deadline?workingDays=1", Ct)).StatusCode);
    }

    [Fact]
    public async Task AdminEdits_ChangeTheDeadlineAnswer_AtOnce()
    {
        using var admin = await app.ClientAsAsync("admin");
        using var commander = await app.ClientAsAsync("commander");
        const string tuesday = "from=2031-03-11T16:00:00%2B08:00&workingDays=1";
        Assert.Equal(Cst(2031, 3, 12, 16), (await DeadlineAsync(commander, tuesday)).Deadline);

        // Wednesday 12 March 2031 becomes a holiday: the day after Tuesday is Thursday.
        var created = await admin.PostAsJsonAsync(Days, new { date = "2031-03-12", kind = "Holiday", name = "测试假日" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var holiday = (await created.Content.ReadFromJsonAsync<DayDto>(Ct))!;
        Assert.Equal(("2031-03-12", "Holiday", "测试假日", false), (holiday.Date, holiday.Kind, holiday.Name, holiday.Provisional));
        Assert.Equal($"{Days}/{holiday.Id}", created.Headers.Location?.ToString());
        Assert.Equal(Cst(2031, 3, 13, 16), (await DeadlineAsync(commander, tuesday)).Deadline);

        // Saturday 15 March becomes a make-up workday: Friday + 1 is that Saturday.
        var makeUp = await admin.PostAsJsonAsync(Days, new { date = "2031-03-15", kind = "MakeUpWorkday", name = "测试调休" }, Ct);
        Assert.Equal(HttpStatusCode.Created, makeUp.StatusCode);
        Assert.Equal(Cst(2031, 3, 15, 16), (await DeadlineAsync(commander, "from=2031-03-14T16:00:00%2B08:00&workingDays=1")).Deadline);

        // Moving the holiday to Thursday 13th: Tuesday + 1 is Wednesday again, + 2 skips Thursday.
        var moved = await admin.PutAsJsonAsync($"{Days}/{holiday.Id}", new { date = "2031-03-13", kind = "Holiday", name = "测试假日", version = holiday.Version }, Ct);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var after = (await moved.Content.ReadFromJsonAsync<DayDto>(Ct))!;
        Assert.Equal(Cst(2031, 3, 12, 16), (await DeadlineAsync(commander, tuesday)).Deadline);
        Assert.Equal(Cst(2031, 3, 14, 16), (await DeadlineAsync(commander, "from=2031-03-11T16:00:00%2B08:00&workingDays=2")).Deadline);

        // Deleted: the plain week again.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{Days}/{after.Id}?version={after.Version}", Ct)).StatusCode);
        Assert.Equal(Cst(2031, 3, 13, 16), (await DeadlineAsync(commander, "from=2031-03-11T16:00:00%2B08:00&workingDays=2")).Deadline);

        var year = (await commander.GetFromJsonAsync<YearDto>($"{Days}?year=2031", Ct))!;
        Assert.Equal(new[] { "2031-03-15" }, year.Days.Select(d => d.Date));
        Assert.True(await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<IWorkingCalendar>().IsWorkingDay(new DateOnly(2031, 3, 15)))));
    }

    [Fact]
    public async Task Commander_IsForbidden_ToEdit()
    {
        using var admin = await app.ClientAsAsync("admin");
        using var commander = await app.ClientAsAsync("commander");
        var day = await CreateAsync(admin, "2033-06-07", "Holiday", "测试");

        Assert.Equal(HttpStatusCode.Forbidden, (await commander.PostAsJsonAsync(Days, new { date = "2033-06-08", kind = "Holiday", name = "测试" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await commander.PutAsJsonAsync($"{Days}/{day.Id}", new { date = "2033-06-07", kind = "Holiday", name = "改名", version = day.Version }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await commander.DeleteAsync($"{Days}/{day.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await commander.PostAsync("/api/v1/calendar/years/2033/confirmation", null, Ct)).StatusCode);

        var year = (await commander.GetFromJsonAsync<YearDto>($"{Days}?year=2033", Ct))!;
        Assert.Equal(new[] { ("2033-06-07", "测试") }, year.Days.Select(d => (d.Date, d.Name)));
    }

    [Fact]
    public async Task StaleVersion_Returns409_InChinese()
    {
        using var admin = await app.ClientAsAsync("admin");
        var day = await CreateAsync(admin, "2034-05-06", "MakeUpWorkday", "劳动节"); // a Saturday

        var first = await admin.PutAsJsonAsync($"{Days}/{day.Id}", new { date = "2034-05-06", kind = "MakeUpWorkday", name = "劳动节调休", version = day.Version }, Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var current = (await first.Content.ReadFromJsonAsync<DayDto>(Ct))!;
        Assert.Equal(day.Version + 1, current.Version);

        var stale = await admin.PutAsJsonAsync($"{Days}/{day.Id}", new { date = "2034-05-06", kind = "Holiday", name = "旧版本", version = day.Version }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("已被他人修改", await DetailAsync(stale));

        var staleDelete = await admin.DeleteAsync($"{Days}/{day.Id}?version={day.Version}", Ct);
        Assert.Equal(HttpStatusCode.Conflict, staleDelete.StatusCode);
        Assert.Contains("已被他人修改", await DetailAsync(staleDelete));

        var year = (await admin.GetFromJsonAsync<YearDto>($"{Days}?year=2034", Ct))!;
        Assert.Equal("劳动节调休", Assert.Single(year.Days).Name);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{Days}/{day.Id}?version={current.Version}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"{Days}/{day.Id}", new { date = "2034-05-06", kind = "Holiday", name = "x", version = current.Version }, Ct)).StatusCode);
    }

    [Fact]
    public async Task BadInput_Returns400_WithChineseFieldMessages()
    {
        using var admin = await app.ClientAsAsync("admin");

        Assert.Contains("2000 年至 2100 年", await FieldErrorAsync(await admin.PostAsJsonAsync(Days, new { date = "1999-12-31", kind = "Holiday", name = "除夕" }, Ct), "date"));
        Assert.Contains("2000 年至 2100 年", await FieldErrorAsync(await admin.PostAsJsonAsync(Days, new { date = "2101-01-01", kind = "Holiday", name = "元旦" }, Ct), "date"));
        Assert.Contains("yyyy-MM-dd", await FieldErrorAsync(await admin.PostAsJsonAsync(Days, new { date = "国庆", kind = "Holiday", name = "国庆节" }, Ct), "date"));
        Assert.Contains("已有安排（国庆节", await FieldErrorAsync(await admin.PostAsJsonAsync(Days, new { date = "2025-10-01", kind = "Holiday", name = "国庆节" }, Ct), "date"));
        Assert.Contains("未知的类型", await FieldErrorAsync(await admin.PostAsJsonAsync(Days, new { date = "2035-10-01", kind = "Vacation", name = "国庆节" }, Ct), "kind"));
        Assert.Contains("未知的类型", await FieldErrorAsync(await admin.PostAsJsonAsync(Days, new { date = "2035-10-01", kind = "1", name = "国庆节" }, Ct), "kind"));
        Assert.Contains("本来就是工作日", await FieldErrorAsync(await admin.PostAsJsonAsync(Days, new { date = "2035-10-02", kind = "MakeUpWorkday", name = "国庆节" }, Ct), "kind"));
        Assert.Contains("请填写名称", await FieldErrorAsync(await admin.PostAsJsonAsync(Days, new { date = "2035-10-01", kind = "Holiday", name = " " }, Ct), "name"));
        Assert.Contains("年份须在", await FieldErrorAsync(await admin.GetAsync($"{Days}?year=1900", Ct), "year"));

        Assert.Contains("ISO 8601", await FieldErrorAsync(await admin.GetAsync("/api/v1/calendar/deadline?from=yesterday&workingDays=1", Ct), "from"));
        Assert.Contains("至少一个", await FieldErrorAsync(await admin.GetAsync("/api/v1/calendar/deadline?from=2025-03-10T10:00:00Z", Ct), "workingHours"));
        Assert.Contains("整数", await FieldErrorAsync(await admin.GetAsync("/api/v1/calendar/deadline?workingDays=-1", Ct), "workingDays"));
        Assert.Contains("数字", await FieldErrorAsync(await admin.GetAsync("/api/v1/calendar/deadline?workingHours=abc", Ct), "workingHours"));
        Assert.Contains("2000 年至 2100 年", await FieldErrorAsync(await admin.GetAsync("/api/v1/calendar/deadline?from=1990-01-01T10:00:00Z&workingDays=1", Ct), "from"));

        // Nothing was stored for the refused dates.
        var year = (await admin.GetFromJsonAsync<YearDto>($"{Days}?year=2035", Ct))!;
        Assert.Empty(year.Days);
    }

    [Fact]
    public async Task ConfirmYear_ClearsTheProvisionalFlag()
    {
        // A provisional year of its own, as the seeder writes them.
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            db.Add(new CalendarDay { Id = Guid.NewGuid(), Date = new DateOnly(2040, 1, 2), Kind = CalendarDayKind.Holiday, Name = "元旦", Provisional = true });
            db.Add(new CalendarDay { Id = Guid.NewGuid(), Date = new DateOnly(2040, 5, 1), Kind = CalendarDayKind.Holiday, Name = "劳动节", Provisional = true });
            return await db.SaveChangesAsync(Ct);
        });
        using var admin = await app.ClientAsAsync("admin");
        Assert.True((await admin.GetFromJsonAsync<YearDto>($"{Days}?year=2040", Ct))!.Provisional);

        var confirmed = await admin.PostAsync("/api/v1/calendar/years/2040/confirmation", null, Ct);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var year = (await confirmed.Content.ReadFromJsonAsync<YearDto>(Ct))!;
        Assert.False(year.Provisional);
        Assert.Equal(2, year.Days.Count);
        Assert.All(year.Days, d => Assert.False(d.Provisional));
        Assert.All(year.Days, d => Assert.Equal(1, d.Version)); // a tracked update: versioned (and audited) like any edit
    }

    [Fact]
    public async Task AdminPage_ShowsTheYear_AndIsAdminOnly()
    {
        using var session = new PageSession(app);
        Assert.Equal(HttpStatusCode.Redirect, (await session.LoginAsync("admin", JiexinApp.DemoPassword)).StatusCode);

        var html = await session.GetHtmlAsync("/admin/calendar?year=2025");

        Assert.Contains("工作日历", html);
        Assert.Contains("data-date=\"2025-01-28\"", html);
        Assert.Matches("class=\"jx-cal-day jx-cal-holiday\"[^>]*data-date=\"2025-10-01\"", html);
        Assert.Matches("class=\"jx-cal-day jx-cal-makeup\"[^>]*data-date=\"2025-09-28\"", html);
        Assert.Matches("class=\"jx-cal-day\"[^>]*data-date=\"2025-10-09\"", html); // a plain Thursday
        Assert.Contains("国庆节、中秋节", html);
        Assert.DoesNotContain("provisional-alert", html);
        Assert.Contains("provisional-alert", await session.GetHtmlAsync("/admin/calendar?year=2027"));

        using var commanderSession = new PageSession(app);
        Assert.Equal(HttpStatusCode.Redirect, (await commanderSession.LoginAsync("commander", JiexinApp.DemoPassword)).StatusCode);
        var denied = await commanderSession.Client.GetAsync("/admin/calendar", Ct);
        Assert.StartsWith("/account/denied", PageSession.RedirectTarget(denied));
    }

    private static DateTime Cst(int year, int month, int day, int hour) =>
        new DateTime(year, month, day, hour, 0, 0, DateTimeKind.Utc).AddHours(-8);

    private static async Task<DeadlineDto> DeadlineAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/calendar/deadline?{query}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<DeadlineDto>(Ct))!;
    }

    private static async Task<DayDto> CreateAsync(HttpClient admin, string date, string kind, string name)
    {
        var response = await admin.PostAsJsonAsync(Days, new { date, kind, name }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<DayDto>(Ct))!;
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.GetProperty("detail").GetString() ?? "";
    }

    private static async Task<string> FieldErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.GetProperty("errors").GetProperty(field)[0].GetString() ?? "";
    }

    private sealed record DayDto(Guid Id, string Date, string Kind, string Name, bool Provisional, int Version);

    private sealed record YearDto(int Year, bool Provisional, List<DayDto> Days);

    private sealed record DeadlineDto(DateTime From, DateTime CountingFrom, DateTime Deadline, DateTimeOffset DeadlineChinaTime, int WorkingDays, double WorkingHours);
}

public sealed class CalendarTests_Sqlite(SqliteApp app) : CalendarTests(app), IClassFixture<SqliteApp>;

public sealed class CalendarTests_Postgres(PostgresApp app) : CalendarTests(app), IClassFixture<PostgresApp>;
