using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Events.Deadlines;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.Seed;
using Jiexin.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Events.Seed;

/// <summary>
/// A first start of the demo plays three weeks of the loop through the real handlers: every kind of step is on a
/// timeline, in the past, taken by the account whose job it is, and what the screens count (queue, scope, red cards)
/// follows from it. The other suites turn the demo events off; this class turns them on.
/// </summary>
public abstract class DemoEventsSeederTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<List<Event>> EventsAsync() => app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Event>()
        .Include(e => e.Timeline).Include(e => e.Summons).Include(e => e.Feedback).AsSplitQuery().AsNoTracking().ToListAsync(Ct));

    [Fact]
    public async Task The_demo_plays_every_step_of_the_loop_in_the_past_and_only_once()
    {
        var events = await EventsAsync();
        var now = DateTime.UtcNow;
        Assert.Equal(DemoEventStories.All.Count + 2, events.Count); // one story (the hotspot) reports three times

        // Each kind of state a command centre meets on a working day.
        EventStatus[] expected = [EventStatus.Closed, EventStatus.Reported, EventStatus.Dispatched, EventStatus.Accepted,
            EventStatus.Handled, EventStatus.Returned, EventStatus.Summoned, EventStatus.Rejected];
        Assert.Empty(expected.Except(events.Select(e => e.Status)));

        // Reported over the last three weeks, every step after the one before and none in the future.
        Assert.True(events.Min(e => e.CreatedAt) < now.AddDays(-14), "the demo reaches back at least two weeks");
        Assert.Contains(events, e => e.CreatedAt > now.AddDays(-1));
        foreach (var e in events)
        {
            var steps = e.Timeline.OrderBy(t => t.At).ToList();
            Assert.Equal("Report", steps[0].Action);
            Assert.Equal(e.CreatedAt, steps[0].At);
            Assert.All(steps, t => Assert.True(t.At <= now, $"{e.TrackingCode}: {t.Action} at {t.At:o} is in the future"));
            Assert.Equal(steps[^1].ToStatus, e.Status);
            Assert.Equal(steps.Count, e.Timeline.Select(t => t.Id).Distinct().Count());
        }

        // 小事不出村 and the department tier both happen; residents rated, and a low rating was answered in writing.
        var closed = events.Where(e => e.Status == EventStatus.Closed).ToList();
        Assert.Contains(closed, e => e.ResolvedTier is ResolutionTier.Grid or ResolutionTier.Community);
        Assert.Contains(closed, e => e.ResolvedTier == ResolutionTier.Street);
        Assert.Contains(events.SelectMany(e => e.Feedback), f => f.Rating >= 4);
        Assert.Contains(events.SelectMany(e => e.Feedback), f => f.IsDissatisfied && f.Review == FeedbackReview.Explained && f.ReviewNote is { Length: > 0 });

        // 吹哨报到: two departments summoned after the whistle, one checked in and reported its part.
        var whistled = Assert.Single(events, e => e.Status == EventStatus.Summoned);
        Assert.NotNull(whistled.WhistledAt);
        Assert.Equal(2, whistled.Summons.Count);
        Assert.Single(whistled.Summons, s => s.CheckedInAt is not null && s.DoneAt is not null);

        // The triage correction stands as the final category.
        Assert.Contains(events, e => e.CategoryCode == "0205" && e.Timeline.Any(t => t.Action == nameof(EventAction.Triage)));

        // A second start finds events and plays nothing again.
        await app.WithScopeAsync(async sp =>
        {
            var seeder = sp.GetServices<IStartupTask>().OfType<DemoEventsSeeder>().Single();
            await seeder.RunAsync(Ct);
            return 0;
        });
        Assert.Equal(events.Count, (await EventsAsync()).Count);
    }

    [Fact]
    public async Task The_deadline_job_turns_the_long_accepted_ones_red_and_each_role_sees_its_part()
    {
        var marked = await app.WithScopeAsync(sp => sp.GetRequiredService<MarkDeadlineWarningsJob>().RunOnceAsync(Ct));
        var events = await EventsAsync();
        Assert.True(marked > 0);
        Assert.Contains(events, e => e.Status == EventStatus.Accepted && e.Warning == DeadlineWarning.Overdue);

        using var commander = await app.ClientAsAsync("commander");
        Assert.Equal(events.Count, await CountAsync(commander));

        // grid01 sees the events of its own grid only, and there are some.
        var gridId = events.Single(e => e.Status == EventStatus.Summoned).GridId;
        using var grid = await app.ClientAsAsync("grid01");
        var inGrid = events.Count(e => e.GridId == gridId);
        Assert.True(inGrid >= 3);
        Assert.Equal(inGrid, await CountAsync(grid));

        // The night-market reports make a hotspot of three.
        var hotspots = await commander.GetFromJsonAsync<JsonElement>("/api/v1/hotspots?days=7", Ct);
        Assert.Contains(hotspots.GetProperty("items").EnumerateArray(), h => h.GetProperty("reportCount").GetInt32() >= 3);
    }

    private static async Task<int> CountAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/events?pageSize=100", Ct);
        return page.GetProperty("items").GetArrayLength();
    }
}

public sealed class DemoEventsSqliteApp : SqliteApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Jiexin:SeedDemoEvents"] = "true" };
}

public sealed class DemoEventsPostgresApp : PostgresApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Jiexin:SeedDemoEvents"] = "true" };
}

public sealed class DemoEventsSeederTests_Sqlite(DemoEventsSqliteApp app) : DemoEventsSeederTests(app), IClassFixture<DemoEventsSqliteApp>;

public sealed class DemoEventsSeederTests_Postgres(DemoEventsPostgresApp app) : DemoEventsSeederTests(app), IClassFixture<DemoEventsPostgresApp>;
