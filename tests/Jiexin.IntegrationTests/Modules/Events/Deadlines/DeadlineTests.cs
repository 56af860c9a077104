using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Events.Deadlines;
using Jiexin.Modules.Events.Domain;
using Jiexin.Platform.Calendar;
using Jiexin.Platform.Notifications.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.Events.Deadlines.EventSteps;

namespace Jiexin.IntegrationTests.Modules.Events.Deadlines;

/// <summary>
/// 时限 and 黄牌/红牌 on each provider: the policy table sets DueAt on the working calendar, an extension keeps the
/// granted time, the Admin edits limits, and the warnings job marks each due item once even when two runners race.
/// Tests in a class share one database: each makes its own events and asserts only on them.
/// </summary>
public abstract class DeadlineTests(JiexinApp app)
{
    private const string Policies = "/api/v1/events/deadline-policies";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<DateTime> DispatchedAtAsync(Guid id) =>
        await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<EventTimelineEntry>()
            .Where(t => t.EventId == id && t.Action == "Dispatch").Select(t => t.At).SingleAsync(Ct));

    [Fact]
    public async Task Dispatch_to_a_department_sets_the_due_time_of_the_category_policy_in_working_days()
    {
        // Municipal facilities (02) at a department: 3 working days in the shipped defaults.
        var e = await ReportAndDispatchAsync(app, "JH-01", "路灯不亮了，晚上一片漆黑 " + Guid.NewGuid().ToString("N")[..6]);
        Assert.StartsWith("02", e.GetProperty("category").GetString());
        var id = e.GetProperty("id").GetGuid();
        var at = await DispatchedAtAsync(id);
        var expected = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<IWorkingCalendar>().AddWorkingDays(at, 3)));
        Assert.Equal(expected, e.GetProperty("dueAt").GetDateTime().ToUniversalTime(), TimeSpan.FromSeconds(1));
        Assert.Equal("None", e.GetProperty("warning").GetString());
        Assert.False(e.GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task Self_handling_in_the_grid_uses_the_grid_tier_and_an_admin_change_applies_to_the_next_deadline()
    {
        using var admin = await app.ClientAsAsync("admin");
        // 10 邻里纠纷 at the grid: 3 working days shipped; the Admin makes it 6 working hours.
        var saved = await admin.PutAsJsonAsync(Policies, new { categoryCode = "10", tier = "Grid", amount = 6, unit = "WorkingHours" }, Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var at = await PointInGridAsync(app, "XC-01");
        using var grid = await app.ClientAsAsync("grid01");
        var e = await ReportAsync(grid, "楼上楼下邻居因为漏水吵架，需要调解 " + Guid.NewGuid().ToString("N")[..6], at);
        Assert.StartsWith("10", e.GetProperty("category").GetString());
        e = await ActAsync(grid, e, "SelfHandle");
        var id = e.GetProperty("id").GetGuid();
        var selfHandledAt = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<EventTimelineEntry>()
            .Where(t => t.EventId == id && t.Action == "SelfHandle").Select(t => t.At).SingleAsync(Ct));
        var expected = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<IWorkingCalendar>().AddWorkingTime(selfHandledAt, TimeSpan.FromHours(6))));
        Assert.Equal(expected, e.GetProperty("dueAt").GetDateTime().ToUniversalTime(), TimeSpan.FromSeconds(1));

        // The 黄牌 starts with the last 20% (at least an hour) left: 6 h → after 4 h 48 min of working time.
        var warnAt = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Event>().Where(x => x.Id == id).Select(x => x.WarnAt).SingleAsync(Ct));
        var expectedWarn = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<IWorkingCalendar>().AddWorkingTime(selfHandledAt, TimeSpan.FromMinutes(288))));
        Assert.Equal(expectedWarn, warnAt!.Value, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_granted_extension_keeps_the_granted_due_time()
    {
        var e = await ReportAndDispatchAsync(app, "JH-02", "路灯杆歪了好几天没人管 " + Guid.NewGuid().ToString("N")[..6]);
        using var dept = await app.ClientAsAsync("dept-cg");
        using var commander = await app.ClientAsAsync("commander");
        e = await ActAsync(dept, e, "Accept");
        var due = e.GetProperty("dueAt").GetDateTime().ToUniversalTime();
        var granted = DateTime.SpecifyKind(due.AddDays(10).Date.AddHours(9), DateTimeKind.Utc);
        e = await ActAsync(dept, e, "RequestExtension", new { note = "需要更换灯杆，等待材料", dueAt = granted });
        e = await ActAsync(commander, e, "GrantExtension", new { dueAt = granted });
        Assert.Equal(granted, e.GetProperty("dueAt").GetDateTime().ToUniversalTime());
        Assert.Equal("Accepted", e.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Resuming_a_suspended_event_gives_back_the_working_time_that_was_left()
    {
        var e = await ReportAndDispatchAsync(app, "JH-03", "路灯电缆被挖断 " + Guid.NewGuid().ToString("N")[..6]);
        var id = e.GetProperty("id").GetGuid();
        using var dept = await app.ClientAsAsync("dept-cg");
        using var commander = await app.ClientAsAsync("commander");
        e = await ActAsync(dept, e, "Accept");
        e = await ActAsync(commander, e, "Suspend", new { note = "等待供电公司停电配合" });
        var due = e.GetProperty("dueAt").GetDateTime().ToUniversalTime();

        // Suspended a week ago (by the timeline), with the whole deadline still ahead then.
        var suspendedAt = DateTime.UtcNow.AddDays(-7);
        await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<EventTimelineEntry>()
            .Where(t => t.EventId == id && t.Action == "Suspend")
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.At, suspendedAt), Ct));
        e = await ActAsync(commander, e, "Resume");

        var resumedAt = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<EventTimelineEntry>()
            .Where(t => t.EventId == id && t.Action == "Resume").Select(t => t.At).SingleAsync(Ct));
        var expected = await app.WithScopeAsync(sp =>
        {
            var calendar = sp.GetRequiredService<IWorkingCalendar>();
            return Task.FromResult(calendar.AddWorkingTime(resumedAt, calendar.WorkingTimeBetween(suspendedAt, due)));
        });
        Assert.Equal(expected, e.GetProperty("dueAt").GetDateTime().ToUniversalTime(), TimeSpan.FromSeconds(1));
        Assert.True(e.GetProperty("dueAt").GetDateTime().ToUniversalTime() > due);
    }

    [Fact]
    public async Task Only_the_admin_edits_policies_with_chinese_validation_and_defaults_cannot_be_deleted()
    {
        using var commander = await app.ClientAsAsync("commander");
        var list = (await commander.GetFromJsonAsync<JsonElement>(Policies, Ct)).EnumerateArray().ToList();
        Assert.Contains(list, p => p.GetProperty("categoryCode").ValueKind == JsonValueKind.Null && p.GetProperty("tier").GetString() == "Department");
        Assert.Contains(list, p => p.GetProperty("categoryCode").GetString() == "06" && p.GetProperty("unit").GetString() == "WorkingHours");

        var forbidden = await commander.PutAsJsonAsync(Policies, new { categoryCode = "01", tier = "Grid", amount = 1, unit = "WorkingDays" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        using var admin = await app.ClientAsAsync("admin");
        var tooMany = await admin.PutAsJsonAsync(Policies, new { categoryCode = "01", tier = "Grid", amount = 400, unit = "WorkingDays" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        var problem = await tooMany.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("1 到 365", problem.GetProperty("errors").GetProperty("amount")[0].GetString());

        var unknown = await admin.PutAsJsonAsync(Policies, new { categoryCode = "77", tier = "Grid", amount = 1, unit = "WorkingDays" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        var created = await admin.PutAsJsonAsync(Policies, new { categoryCode = "13", tier = "Whistle", amount = 2, unit = "WorkingDays" }, Ct);
        var row = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("2 个工作日", row.GetProperty("limit").GetString());
        var stale = await admin.PutAsJsonAsync(Policies, new { categoryCode = "13", tier = "Whistle", amount = 3, unit = "WorkingDays", version = row.GetProperty("version").GetInt32() + 5 }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{Policies}/{row.GetProperty("id").GetGuid()}", Ct)).StatusCode);

        var defaultRow = list.First(p => p.GetProperty("categoryCode").ValueKind == JsonValueKind.Null);
        var refused = await admin.DeleteAsync($"{Policies}/{defaultRow.GetProperty("id").GetGuid()}", Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    [Fact]
    public async Task Two_racing_runners_mark_each_overdue_event_once_with_one_timeline_entry_and_one_notification()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            var e = await ReportAndDispatchAsync(app, "XZ-01", $"井盖缺失很危险，第{i}处 " + Guid.NewGuid().ToString("N")[..6]);
            ids.Add(e.GetProperty("id").GetGuid());
        }

        var past = DateTime.UtcNow.AddHours(-1);
        await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Event>().Where(e => ids.Contains(e.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.DueAt, past).SetProperty(e => e.WarnAt, past.AddHours(-2)), Ct));

        // Two runners, each with its own scope and DbContext (as two app instances would have), started together, twice.
        for (var round = 0; round < 2; round++)
        {
            using var start = new SemaphoreSlim(0, 2);
            var runs = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                await using var scope = app.Services.CreateAsyncScope();
                var job = scope.ServiceProvider.GetRequiredService<MarkDeadlineWarningsJob>();
                await start.WaitAsync(Ct);
                return await job.RunOnceAsync(Ct);
            }, Ct)).ToList();
            start.Release(2);
            await Task.WhenAll(runs);
        }

        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            foreach (var id in ids)
            {
                var marks = await db.Set<EventTimelineEntry>().Where(t => t.EventId == id && (t.Action == "Overdue" || t.Action == "DueSoon")).ToListAsync(Ct);
                var mark = Assert.Single(marks);
                Assert.Equal("Overdue", mark.Action);
                Assert.Equal(DeadlineWarning.Overdue, await db.Set<Event>().Where(e => e.Id == id).Select(e => e.Warning).SingleAsync(Ct));
                var key = $"events_timeline:{mark.Id:N}:staff";
                Assert.Equal(1, await db.Set<OutboxMessage>().CountAsync(m => m.DedupeKey == key, Ct));
            }

            return 0;
        });

        using var commander = await app.ClientAsAsync("commander");
        var shown = await GetAsync(commander, ids[0]);
        Assert.True(shown.GetProperty("overdue").GetBoolean());
        Assert.Equal("Overdue", shown.GetProperty("warning").GetString());
        Assert.Contains(shown.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("action").GetString() == "Overdue");
    }

    [Fact]
    public async Task Due_soon_is_marked_once_then_overdue_once_and_a_new_deadline_clears_the_mark()
    {
        var e = await ReportAndDispatchAsync(app, "XZ-02", "路灯一闪一闪的 " + Guid.NewGuid().ToString("N")[..6]);
        var id = e.GetProperty("id").GetGuid();
        var now = DateTime.UtcNow;
        await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Event>().Where(x => x.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.DueAt, now.AddHours(2)).SetProperty(x => x.WarnAt, now.AddMinutes(-5)), Ct));

        async Task<List<string>> MarksAsync() => await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<EventTimelineEntry>()
            .Where(t => t.EventId == id && (t.Action == "Overdue" || t.Action == "DueSoon")).OrderBy(t => t.At).Select(t => t.Action).ToListAsync(Ct));
        async Task RunAsync() => await app.WithScopeAsync(sp => sp.GetRequiredService<MarkDeadlineWarningsJob>().RunOnceAsync(Ct));

        await RunAsync();
        await RunAsync();
        Assert.Equal(["DueSoon"], await MarksAsync());
        using var commander = await app.ClientAsAsync("commander");
        Assert.Equal("DueSoon", (await GetAsync(commander, id)).GetProperty("warning").GetString());
        // The queue's row carries the mark too (the page shows it as 黄牌 beside the due time).
        async Task<string?> RowWarningAsync()
        {
            var code = (await GetAsync(commander, id)).GetProperty("trackingCode").GetString();
            var page = await commander.GetFromJsonAsync<JsonElement>($"/api/v1/events?keyword={code}", Ct);
            return page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id).GetProperty("warning").GetString();
        }

        Assert.Equal("DueSoon", await RowWarningAsync());

        await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Event>().Where(x => x.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.DueAt, now.AddMinutes(-1)), Ct));
        await RunAsync();
        await RunAsync();
        Assert.Equal(["DueSoon", "Overdue"], await MarksAsync());
        Assert.Equal("Overdue", await RowWarningAsync());

        // Returned and dispatched again: a fresh deadline, no mark.
        using var dept = await app.ClientAsAsync("dept-cg");
        e = await GetAsync(commander, id);
        e = await ActAsync(dept, e, "Return", new { note = "不属于本部门职责" });
        var water = await DepartmentAsync(app, "水务");
        e = await ActAsync(commander, e, "Dispatch", new { assigneeKind = "Department", assigneeId = water.Id });
        Assert.Equal("None", e.GetProperty("warning").GetString());
        Assert.True(e.GetProperty("dueAt").GetDateTime().ToUniversalTime() > DateTime.UtcNow);
    }
}

public sealed class DeadlineTests_Sqlite(SqliteApp app) : DeadlineTests(app), IClassFixture<SqliteApp>;

public sealed class DeadlineTests_Postgres(PostgresApp app) : DeadlineTests(app), IClassFixture<PostgresApp>;
