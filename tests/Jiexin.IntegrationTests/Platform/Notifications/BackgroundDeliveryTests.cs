using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Platform.Notifications;
using Jiexin.Platform.Notifications.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.Events.Deadlines.EventSteps;

namespace Jiexin.IntegrationTests.Platform.Notifications;

/// <summary>
/// The dispatcher's own loop, running in the background as in production (the other tests call it by hand): a lone
/// report is told at once, and a burst, gathered into batches smaller than it (so some batches fill and some wait), is
/// told completely and once per person.
/// </summary>
public abstract class BackgroundDeliveryTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static IDictionary<string, string?> Delivering => new Dictionary<string, string?>
    {
        ["Jiexin:Outbox:Enabled"] = "true",
        ["Jiexin:Outbox:BatchSize"] = "4",
        ["Jiexin:Outbox:GatherMilliseconds"] = "250",
    };

    private Task<(int Pending, int Told, int Duplicates)> OutcomeAsync(IReadOnlyCollection<Guid> eventIds, Guid commanderId) =>
        app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            var notes = await db.Set<UserNotification>().AsNoTracking().Where(n => n.SubjectId != null && eventIds.Contains(n.SubjectId.Value))
                .Select(n => new { n.UserId, n.OutboxMessageId, n.SubjectId }).ToListAsync(Ct);
            var pending = await db.Set<OutboxMessage>().CountAsync(m => m.ProcessedAt == null && m.FailedAt == null, Ct);
            var told = notes.Where(n => n.UserId == commanderId).Select(n => n.SubjectId).Distinct().Count();
            var duplicates = notes.Count - notes.Select(n => (n.UserId, n.OutboxMessageId)).Distinct().Count();
            return (pending, told, duplicates);
        });

    private async Task<(int Pending, int Told, int Duplicates)> SettledAsync(IReadOnlyCollection<Guid> eventIds, Guid commanderId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var outcome = await OutcomeAsync(eventIds, commanderId);
            if ((outcome.Pending == 0 && outcome.Told == eventIds.Count) || DateTime.UtcNow > deadline)
            {
                return outcome;
            }

            await Task.Delay(100, Ct);
        }
    }

    [Fact]
    public async Task A_lone_report_and_then_a_burst_are_each_told_to_the_commander_once()
    {
        var commanderId = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<JiexinUser>()
            .Where(u => u.UserName == "commander").Select(u => u.Id).SingleAsync(Ct));
        var at = await PointInGridAsync(app, "DF-01");
        using var resident = await app.ClientAsAsync("resident01");

        var lone = await ReportAsync(resident, "小区门口路灯不亮了 " + Guid.NewGuid().ToString("N")[..6], at);
        var loneOutcome = await SettledAsync([lone.GetProperty("id").GetGuid()], commanderId);
        Assert.Equal((0, 1, 0), loneOutcome);

        var burst = await Task.WhenAll(Enumerable.Range(0, 18).Select(i =>
            ReportAsync(resident, $"楼道里堆放杂物第{i}处，堵住了消防通道 " + Guid.NewGuid().ToString("N")[..6], at)));
        var ids = burst.Select(e => e.GetProperty("id").GetGuid()).ToList();
        var outcome = await SettledAsync(ids, commanderId);
        Assert.Equal(0, outcome.Pending);
        Assert.Equal(ids.Count, outcome.Told);
        Assert.Equal(0, outcome.Duplicates);

        // And the commander reads them over the API like any other.
        using var commander = await app.ClientAsAsync("commander");
        var page = await commander.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=100", Ct);
        var about = page.GetProperty("items").EnumerateArray()
            .Where(n => n.GetProperty("subjectId").ValueKind == JsonValueKind.String && ids.Contains(n.GetProperty("subjectId").GetGuid())).ToList();
        Assert.Equal(ids.Count, about.Count);
    }
}

public sealed class BackgroundDeliverySqliteApp : SqliteApp
{
    protected override IDictionary<string, string?> Settings => BackgroundDeliveryTests.Delivering;
}

public sealed class BackgroundDeliveryPostgresApp : PostgresApp
{
    protected override IDictionary<string, string?> Settings => BackgroundDeliveryTests.Delivering;
}

public sealed class BackgroundDeliveryTests_Sqlite(BackgroundDeliverySqliteApp app) : BackgroundDeliveryTests(app), IClassFixture<BackgroundDeliverySqliteApp>;

public sealed class BackgroundDeliveryTests_Postgres(BackgroundDeliveryPostgresApp app) : BackgroundDeliveryTests(app), IClassFixture<BackgroundDeliveryPostgresApp>;
