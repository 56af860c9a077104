using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Events.Domain;
using Jiexin.Platform.Jobs;
using Jiexin.Platform.Notifications.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.Events.Deadlines.EventSteps;

namespace Jiexin.IntegrationTests.Modules.Events.Deadlines;

/// <summary>
/// Two app instances on one database (two hosts, two service providers, two connection pools), each running its whole
/// job list at the same moment: every overdue event is marked once, with one timeline entry and one outbox row; and
/// both dispatchers together deliver each in-app notification once.
/// </summary>
public abstract class TwoInstancesTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_instances_running_their_jobs_at_once_mark_each_overdue_event_once()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var e = await ReportAndDispatchAsync(app, "DF-03", $"路灯不亮第{i}盏 " + Guid.NewGuid().ToString("N")[..6]);
            ids.Add(e.GetProperty("id").GetGuid());
        }

        var past = DateTime.UtcNow.AddMinutes(-30);
        await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Event>().Where(e => ids.Contains(e.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.DueAt, past).SetProperty(e => e.WarnAt, past.AddHours(-1)), Ct));

        await using var second = new SecondInstance(app);
        _ = second.Server;
        var runners = new[] { app.Services.GetRequiredService<JobRunner>(), second.Services.GetRequiredService<JobRunner>() };
        using (var start = new SemaphoreSlim(0, 2))
        {
            var runs = runners.Select(r => Task.Run(async () =>
            {
                await start.WaitAsync(Ct);
                await r.RunAllOnceAsync(Ct);
            }, Ct)).ToList();
            start.Release(2);
            await Task.WhenAll(runs);
        }

        // Both instances' dispatchers deliver at once too.
        var dispatchers = new[] { app.Services.GetRequiredService<OutboxDispatcher>(), second.Services.GetRequiredService<OutboxDispatcher>() };
        for (var round = 0; round < 20; round++)
        {
            var claimed = await Task.WhenAll(dispatchers.Select(d => Task.Run(() => d.RunOnceAsync(Ct), Ct)));
            if (claimed.Sum() == 0)
            {
                break;
            }
        }

        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            foreach (var id in ids)
            {
                var mark = Assert.Single(await db.Set<EventTimelineEntry>().Where(t => t.EventId == id && t.Action == "Overdue").ToListAsync(Ct));
                var staff = await db.Set<OutboxMessage>().SingleAsync(m => m.DedupeKey == $"events_timeline:{mark.Id:N}:staff", Ct);
                Assert.NotNull(staff.ProcessedAt);
                var delivered = await db.Set<Jiexin.Platform.Notifications.UserNotification>().Where(n => n.OutboxMessageId == staff.Id).ToListAsync(Ct);
                Assert.NotEmpty(delivered); // 城管's staff and the command centre
                Assert.Equal(delivered.Count, delivered.Select(n => n.UserId).Distinct().Count());
            }

            return 0;
        });
    }
}

public sealed class TwoInstancesTests_Sqlite(SqliteApp app) : TwoInstancesTests(app), IClassFixture<SqliteApp>;

public sealed class TwoInstancesTests_Postgres(PostgresApp app) : TwoInstancesTests(app), IClassFixture<PostgresApp>;
