using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Events.Seed;
using Jiexin.Modules.SelfGovernance.Domain;
using Jiexin.Modules.SelfGovernance.Seed;
using Jiexin.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.SelfGovernance.Seed;

/// <summary>
/// The demo's first start plays 四方议事 through the real handlers (ADR 0046): a resident's topic accepted, a meeting of
/// the four parties held with two resolutions voted, carried, published and given tasks (one carried out), a meeting
/// planned, a resident's topic waiting — every step in the past, and only once.
/// </summary>
public abstract class DemoDeliberationsSeederTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<List<DeliberationTopic>> TopicsAsync() =>
        app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<DeliberationTopic>().AsNoTracking().ToListAsync(Ct));

    private Task<List<DeliberationMeeting>> MeetingsAsync() => app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<DeliberationMeeting>()
        .Include(m => m.Agenda).Include(m => m.Attendees).Include(m => m.Resolutions).ThenInclude(r => r.Votes)
        .Include(m => m.Resolutions).ThenInclude(r => r.Tasks).AsSplitQuery().AsNoTracking().ToListAsync(Ct));

    [Fact]
    public async Task The_demo_s_deliberations_run_from_proposal_to_a_carried_out_resolution_in_the_past_and_are_played_once()
    {
        var topics = await TopicsAsync();
        var meetings = await MeetingsAsync();
        var now = DateTime.UtcNow;

        var resident = await app.WithScopeAsync(sp => sp.GetRequiredService<UserManager<JiexinUser>>().FindByNameAsync("resident02"));
        Assert.Contains(topics, t => t.Status == TopicStatus.Proposed && t.Source == TopicSource.Resident && t.ProposedByUserId == resident!.Id);
        Assert.Equal(2, topics.Count(t => t.Status == TopicStatus.Deliberated));
        Assert.Contains(topics, t => t.Status == TopicStatus.OnAgenda);
        Assert.Contains(topics, t => t.Source == TopicSource.Need && t.SourceRef is not null); // raised from a need by the lists' demo
        Assert.All(topics, t => Assert.True(t.CreatedAt <= now, $"{t.Title} proposed in the future"));

        var held = Assert.Single(meetings, m => m.Status == MeetingStatus.Held);
        Assert.True(held.HeldAt < now && held.Attendees.Count(a => a.Present) >= 4);
        Assert.Equal(2, held.Resolutions.Count);
        Assert.All(held.Resolutions, r =>
        {
            Assert.Equal(4, r.Votes.Count);
            Assert.True(r.DecidedAt >= held.HeldAt && r.PublishedAt >= r.DecidedAt && r.PublishedAt < now);
            Assert.All(r.Votes, v => Assert.True(v.RecordedAt >= held.HeldAt && v.RecordedAt <= r.DecidedAt));
            Assert.All(r.Tasks.Where(t => t.ClosedAt is not null), t => Assert.True(t.ClosedAt > r.PublishedAt && t.ClosedAt < now));
        });
        Assert.Contains(held.Resolutions, r => r.Status == ResolutionStatus.CarriedOut && r.CarriedOutAt < now && r.Tasks.All(t => t.State == TaskState.Closed));
        Assert.Contains(held.Resolutions, r => r.Status == ResolutionStatus.Carried && r.Tasks.Any(t => t.State == TaskState.Open));
        var planned = Assert.Single(meetings, m => m.Status == MeetingStatus.Planned);
        Assert.True(planned.ScheduledAt > now && planned.CreatedAt < now);
        Assert.True(meetings.Min(m => m.CreatedAt) < now.AddDays(-10), "the demo reaches back more than a week");

        // Community staff see both meetings; a second start plays nothing again.
        using var staff = await app.ClientAsAsync("community01");
        var page = await staff.GetFromJsonAsync<JsonElement>("/api/v1/deliberations/meetings?pageSize=50", Ct);
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        await app.WithScopeAsync(async sp =>
        {
            await sp.GetServices<IStartupTask>().OfType<DemoDeliberationsSeeder>().Single().RunAsync(Ct);
            return 0;
        });
        Assert.Equal(topics.Count, (await TopicsAsync()).Count);
        Assert.Equal(meetings.Count, (await MeetingsAsync()).Count);
    }
}

public sealed class DemoDeliberationsSeederTests_Sqlite(DemoEventsSqliteApp app) : DemoDeliberationsSeederTests(app), IClassFixture<DemoEventsSqliteApp>;

public sealed class DemoDeliberationsSeederTests_Postgres(DemoEventsPostgresApp app) : DemoDeliberationsSeederTests(app), IClassFixture<DemoEventsPostgresApp>;
