using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.SelfGovernance.Deliberations.Reminders;
using Jiexin.Platform.Notifications.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.SelfGovernance.Deliberations.DeliberationApi;

namespace Jiexin.IntegrationTests.Modules.SelfGovernance.Deliberations;

/// <summary>
/// Follow-through: the community is reminded once when a resolution's task falls due and once when it is overdue,
/// never for a closed task, and two instances running the job at the same moment send each reminder once.
/// </summary>
public abstract class ResolutionReminderTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly DeliberationApi _api = new(app);

    private Task<int> RunAsync(DateTime nowUtc) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<RemindResolutionTasks.Handler>().Handle(nowUtc, Ct));

    private Task<List<string>> KeysAsync(IEnumerable<Guid> tasks)
    {
        var prefixes = tasks.Select(t => $"selfgov_task:{t:N}:").ToList();
        return app.WithScopeAsync(async sp => (await sp.GetRequiredService<JiexinDbContext>().Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.DedupeKey.StartsWith("selfgov_task:")).Select(m => m.DedupeKey).ToListAsync(Ct))
            .Where(k => prefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal))).Order().ToList());
    }

    [Fact]
    public async Task Due_and_overdue_tasks_are_reminded_once_each_closed_ones_never_even_with_two_instances()
    {
        using var staff = await app.ClientAsAsync("community01");
        var community = (await _api.CommunitiesAsync())[0].Id;
        var (_, resolution, _) = await _api.VotingAsync(staff, community, "增设电动车充电桩");
        var m = await VoteAllAsync(staff, resolution, "For", "For", "For", "For");
        resolution = Resolution(m, Id(resolution));
        m = await OkAsync(ResolutionActAsync(staff, resolution, "Tally"));
        var tasks = new[] { ("联系供电部门报装", "2031-03-09"), ("物业选址公示", "2031-03-11"), ("安装调试", "2031-03-25"), ("征求业主意见", "2031-03-08") };
        foreach (var (title, due) in tasks)
        {
            resolution = Resolution(m, Id(resolution));
            m = await OkAsync(ResolutionActAsync(staff, resolution, "AssignTask", new { title = Unique(title), ownerName = "物业经理孙", dueOn = due }));
        }

        resolution = Resolution(m, Id(resolution));
        var ids = resolution.GetProperty("tasks").EnumerateArray().ToDictionary(t => t.GetProperty("dueOn").GetString()!, Id);
        m = await OkAsync(ResolutionActAsync(staff, resolution, "CloseTask", new { taskId = ids["2031-03-08"], note = "已征求 86 户意见" }));
        var (overdue, dueSoon, later, closed) = (ids["2031-03-09"], ids["2031-03-11"], ids["2031-03-25"], ids["2031-03-08"]);

        // 10 March 2031, 10:00 China time, on two instances at once.
        var march10 = new DateTime(2031, 3, 10, 2, 0, 0, DateTimeKind.Utc);
        await Task.WhenAll(RunAsync(march10), RunAsync(march10));
        Assert.Equal(new[] { $"selfgov_task:{dueSoon:N}:DueSoon", $"selfgov_task:{overdue:N}:Overdue" }.Order(), await KeysAsync([overdue, dueSoon, later, closed]));

        // Running again sends nothing new; the next day the due-soon task is due today (already reminded).
        await RunAsync(march10.AddHours(1));
        await RunAsync(march10.AddDays(1));
        Assert.Equal(2, (await KeysAsync([overdue, dueSoon, later, closed])).Count);

        // Once past its day it is overdue: one more reminder; a task closed by then would not be.
        await Task.WhenAll(RunAsync(march10.AddDays(2)), RunAsync(march10.AddDays(2)));
        Assert.Equal(new[] { $"selfgov_task:{dueSoon:N}:DueSoon", $"selfgov_task:{dueSoon:N}:Overdue", $"selfgov_task:{overdue:N}:Overdue" }.Order(),
            await KeysAsync([overdue, dueSoon, later, closed]));

        // Delivered to the community's staff, as a deadline notice that links to the meeting. (The rows were written
        // for 2031; the dispatcher runs on today's clock, so they are made due now.)
        await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<OutboxMessage>()
            .Where(o => o.DedupeKey.StartsWith("selfgov_task:")).ExecuteUpdateAsync(u => u.SetProperty(o => o.NextAttemptAt, DateTime.UtcNow.AddMinutes(-1)), Ct));
        while (await app.WithScopeAsync(sp => sp.GetRequiredService<OutboxDispatcher>().RunOnceAsync(Ct)) > 0)
        {
        }

        var page = await staff.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=100", Ct);
        var told = page.GetProperty("items").EnumerateArray().Where(n => n.GetProperty("title").GetString()!.StartsWith("议事决议任务已逾期：联系供电部门报装", StringComparison.Ordinal)).ToList();
        var notice = Assert.Single(told);
        Assert.Equal("Deadline", notice.GetProperty("kind").GetString());
        Assert.Equal($"/deliberations/{Id(m)}", notice.GetProperty("link").GetString());
        using var otherCommunity = await app.ClientAsAsync("grid01");
        var forGrid = await otherCommunity.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=100", Ct);
        Assert.DoesNotContain(forGrid.GetProperty("items").EnumerateArray(), n => n.GetProperty("title").GetString()!.StartsWith("议事决议任务", StringComparison.Ordinal));
    }
}

public sealed class ResolutionReminderTests_Sqlite(SqliteApp app) : ResolutionReminderTests(app), IClassFixture<SqliteApp>;

public sealed class ResolutionReminderTests_Postgres(PostgresApp app) : ResolutionReminderTests(app), IClassFixture<PostgresApp>;
