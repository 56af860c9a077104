using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.SelfGovernance.HouseholdGroups;
using Jiexin.Platform.Notifications.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.SelfGovernance.Deliberations.DeliberationApi;

namespace Jiexin.IntegrationTests.Modules.SelfGovernance.HouseholdGroups;

/// <summary>
/// 联户 tasks: reminded once when due and once when overdue, never when closed, once even with two instances at the same
/// moment; the community's staff and the 联户长 (when the leader has an account) are told, nobody else.
/// </summary>
public abstract class GroupTaskReminderTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Base = "/api/v1/household-groups";

    private readonly Deliberations.DeliberationApi _api = new(app);

    private Task<int> RunAsync(DateTime nowUtc) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<RemindGroupTasks.Handler>().Handle(nowUtc, Ct));

    private Task<List<string>> KeysAsync(IEnumerable<Guid> tasks)
    {
        var prefixes = tasks.Select(t => $"selfgov_group_task:{t:N}:").ToList();
        return app.WithScopeAsync(async sp => (await sp.GetRequiredService<JiexinDbContext>().Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.DedupeKey.StartsWith("selfgov_group_task:")).Select(m => m.DedupeKey).ToListAsync(Ct))
            .Where(k => prefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal))).Order().ToList());
    }

    private Task<Guid> UserIdAsync(string userName) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<JiexinUser>().Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Ct));

    private static async Task<List<string>> TitlesAsync(HttpClient client, string prefix) =>
        [.. (await client.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=100", Ct)).GetProperty("items").EnumerateArray()
            .Select(n => n.GetProperty("title").GetString()!).Where(t => t.StartsWith(prefix, StringComparison.Ordinal))];

    [Fact]
    public async Task Due_and_overdue_group_tasks_are_reminded_once_each_to_the_community_and_the_leaders_account()
    {
        using var staff = await app.ClientAsAsync("community01");
        var community = (await _api.CommunitiesAsync())[0].Id;
        var leader = await UserIdAsync("resident01");

        // A leader id that is no account is refused, naming the field.
        var refused = await ReadAsync(staff.PostAsJsonAsync(Base, new
        {
            communityId = community, name = Unique("景湖苑联组"), leaderName = "联户长张", zoneAddresses = new[] { "景湖苑 3 幢" }, leaderUserId = Guid.NewGuid(),
        }, Ct), HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("leaderUserId", out _));

        var group = await ReadAsync(staff.PostAsJsonAsync(Base, new
        {
            communityId = community, name = Unique("景湖苑联组"), leaderName = "联户长张", zoneAddresses = new[] { "景湖苑 3 幢" }, leaderUserId = leader,
        }, Ct), HttpStatusCode.Created);
        Assert.Equal(leader, group.GetProperty("leaderUserId").GetGuid());
        var marker = Unique("楼道巡查");
        foreach (var (title, due) in new[] { ($"{marker}-逾期", "2031-03-09"), ($"{marker}-临期", "2031-03-11"), ($"{marker}-未到", "2031-03-25"), ($"{marker}-已办", "2031-03-08") })
        {
            group = await OkAsync(staff.PostAsJsonAsync($"{Base}/{Id(group)}/tasks", new { title, dueOn = due }, Ct));
        }

        var ids = group.GetProperty("tasks").EnumerateArray().ToDictionary(t => t.GetProperty("dueOn").GetString()!, Id);
        await OkAsync(staff.PostAsJsonAsync($"{Base}/{Id(group)}/tasks/{ids["2031-03-08"]}/close", new { note = "已清理堆物" }, Ct));
        var (overdue, dueSoon, later, closed) = (ids["2031-03-09"], ids["2031-03-11"], ids["2031-03-25"], ids["2031-03-08"]);
        Guid[] all = [overdue, dueSoon, later, closed];

        // 10 March 2031, 10:00 China time, on two instances at once.
        var march10 = new DateTime(2031, 3, 10, 2, 0, 0, DateTimeKind.Utc);
        await Task.WhenAll(RunAsync(march10), RunAsync(march10));
        Assert.Equal(new[] { RemindGroupTasks.DedupeKey(dueSoon, RemindGroupTasks.Reminder.DueSoon), RemindGroupTasks.DedupeKey(overdue, RemindGroupTasks.Reminder.Overdue) }.Order(),
            await KeysAsync(all));

        // Again the same day and the next day (the due-soon task is due today, already reminded): nothing new.
        await RunAsync(march10.AddHours(1));
        await RunAsync(march10.AddDays(1));
        Assert.Equal(2, (await KeysAsync(all)).Count);

        // Past its day: overdue, one more; the closed and the later task never.
        await Task.WhenAll(RunAsync(march10.AddDays(2)), RunAsync(march10.AddDays(2)));
        Assert.Equal(new[]
            {
                RemindGroupTasks.DedupeKey(dueSoon, RemindGroupTasks.Reminder.DueSoon), RemindGroupTasks.DedupeKey(dueSoon, RemindGroupTasks.Reminder.Overdue),
                RemindGroupTasks.DedupeKey(overdue, RemindGroupTasks.Reminder.Overdue),
            }.Order(), await KeysAsync(all));

        // Delivered (the rows were written for 2031; the dispatcher runs on today's clock, so they are made due now).
        await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<OutboxMessage>()
            .Where(o => o.DedupeKey.StartsWith("selfgov_group_task:")).ExecuteUpdateAsync(u => u.SetProperty(o => o.NextAttemptAt, DateTime.UtcNow.AddMinutes(-1)), Ct));
        while (await app.WithScopeAsync(sp => sp.GetRequiredService<OutboxDispatcher>().RunOnceAsync(Ct)) > 0)
        {
        }

        var expected = new[] { $"联户任务即将到期：{marker}-临期", $"联户任务已逾期：{marker}-临期", $"联户任务已逾期：{marker}-逾期" }.Order();
        Assert.Equal(expected, (await TitlesAsync(staff, "联户任务")).Where(t => t.Contains(marker, StringComparison.Ordinal)).Order());
        using var leaderClient = await app.ClientAsAsync("resident01");
        Assert.Equal(expected, (await TitlesAsync(leaderClient, "联户任务")).Where(t => t.Contains(marker, StringComparison.Ordinal)).Order());
        var notice = (await staff.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=100", Ct)).GetProperty("items").EnumerateArray()
            .First(n => n.GetProperty("title").GetString() == $"联户任务已逾期：{marker}-逾期");
        Assert.Equal("Deadline", notice.GetProperty("kind").GetString());
        Assert.Equal($"/household-groups/{Id(group)}", notice.GetProperty("link").GetString());

        // Another resident and a grid worker hear nothing of it.
        using var otherResident = await app.ClientAsAsync("resident02");
        Assert.DoesNotContain(await TitlesAsync(otherResident, "联户任务"), t => t.Contains(marker, StringComparison.Ordinal));
        using var grid = await app.ClientAsAsync("grid01");
        Assert.DoesNotContain(await TitlesAsync(grid, "联户任务"), t => t.Contains(marker, StringComparison.Ordinal));
    }
}

public sealed class GroupTaskReminderTests_Sqlite(SqliteApp app) : GroupTaskReminderTests(app), IClassFixture<SqliteApp>;

public sealed class GroupTaskReminderTests_Postgres(PostgresApp app) : GroupTaskReminderTests(app), IClassFixture<PostgresApp>;
