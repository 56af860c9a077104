using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Events.Seed;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Disputes.Seed;
using Jiexin.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Disputes.Seed;

/// <summary>
/// The demo's first start plays the 矛调中心's cases through the real handlers as mediator01 (ADR 0046): closed with a
/// signed agreement or a failed mediation, still being mediated, waiting for signatures, waiting for triage — every
/// step in the past, in order, and only once.
/// </summary>
public abstract class DemoDisputesSeederTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<List<Dispute>> DisputesAsync() => app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Dispute>()
        .Include(d => d.Timeline).Include(d => d.Agreement).Include(d => d.Sessions).AsSplitQuery().AsNoTracking().ToListAsync(Ct));

    [Fact]
    public async Task The_demo_cases_cover_the_centre_s_states_in_the_past_and_are_played_once()
    {
        var disputes = await DisputesAsync();
        var now = DateTime.UtcNow;
        Assert.True(disputes.Count >= 5, $"{disputes.Count} demo disputes");
        Assert.Contains(disputes, d => d.Status == DisputeStatus.Closed && d.Outcome == DisputeOutcome.Agreement && d.Agreement?.SignedOn is not null);
        Assert.Contains(disputes, d => d.Status == DisputeStatus.Closed && d.Outcome == DisputeOutcome.Failed);
        Assert.Contains(disputes, d => d.Status == DisputeStatus.Mediating && d.Sessions.Count == 1);
        Assert.Contains(disputes, d => d.Status == DisputeStatus.Signing && d.Agreement is { SignedOn: null });
        Assert.Contains(disputes, d => d.Status == DisputeStatus.Received);
        Assert.Contains(disputes, d => d.Timeline.Any(t => t.Action == nameof(DisputeAction.RecordFollowUp)));
        Assert.True(disputes.Min(d => d.CreatedAt) < now.AddDays(-14), "the demo reaches back at least two weeks");
        foreach (var d in disputes)
        {
            var steps = d.Timeline.OrderBy(t => t.At).ToList();
            Assert.Equal(d.CreatedAt, steps[0].At);
            Assert.All(steps, t => Assert.True(t.At <= now, $"{d.CaseNumber}: {t.Action} at {t.At:o} is in the future"));
            Assert.Equal(steps[^1].ToStatus, d.Status);
        }

        // The mediator's queue shows them; a second start plays nothing again.
        using var mediator = await app.ClientAsAsync("mediator01");
        var page = await mediator.GetFromJsonAsync<JsonElement>("/api/v1/disputes?pageSize=100", Ct);
        Assert.Equal(disputes.Count, page.GetProperty("items").GetArrayLength());
        await app.WithScopeAsync(async sp =>
        {
            await sp.GetServices<IStartupTask>().OfType<DemoDisputesSeeder>().Single().RunAsync(Ct);
            return 0;
        });
        Assert.Equal(disputes.Count, (await DisputesAsync()).Count);
    }
}

public sealed class DemoDisputesSeederTests_Sqlite(DemoEventsSqliteApp app) : DemoDisputesSeederTests(app), IClassFixture<DemoEventsSqliteApp>;

public sealed class DemoDisputesSeederTests_Postgres(DemoEventsPostgresApp app) : DemoDisputesSeederTests(app), IClassFixture<DemoEventsPostgresApp>;
