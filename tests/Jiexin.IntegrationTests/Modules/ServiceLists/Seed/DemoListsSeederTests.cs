using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Events.Seed;
using Jiexin.Modules.ServiceLists.Domain;
using Jiexin.Modules.ServiceLists.Seed;
using Jiexin.Platform.Data;
using Jiexin.Platform.Notifications.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.ServiceLists.Seed;

/// <summary>
/// The demo's first start plays 三张清单 through the real handlers (ADR 0046): resources, needs from residents and a
/// grid visit, service items matched to them, 销号 with evidence (the resident told), a need raised to 四方议事, and the
/// community's 书记项目 — every step in the past, and only once.
/// </summary>
public abstract class DemoListsSeederTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<List<ListItem>> ItemsAsync() => app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<ListItem>()
        .Include(i => i.Timeline).Include(i => i.Needs).AsSplitQuery().AsNoTracking().ToListAsync(Ct));

    [Fact]
    public async Task The_demo_s_lists_hold_needs_resources_and_services_closed_with_evidence_in_the_past_and_are_played_once()
    {
        var items = await ItemsAsync();
        var now = DateTime.UtcNow;
        var needs = items.Where(i => i.Kind == ListKind.Need).ToList();
        Assert.True(needs.Count >= 5, $"{needs.Count} needs");
        Assert.Equal(3, items.Count(i => i.Kind == ListKind.Resource));
        Assert.Contains(needs, n => n.Source == NeedSource.GridVisit);
        Assert.All(items, i =>
        {
            Assert.True(i.CreatedAt <= now && i.Timeline.Count > 0, $"{i.Title}");
            Assert.All(i.Timeline, t => Assert.True(t.At >= i.CreatedAt && t.At <= now, $"{i.Title}: {t.Action} at {t.At:o}"));
        });

        // A service matched to a need, carried out and closed with evidence, and its need closed after it.
        var services = items.Where(i => i.Kind == ListKind.Service).ToList();
        Assert.Equal(2, services.Count);
        Assert.All(services, s => Assert.True(s.ResourceId is not null && s.Needs.Count == 1));
        var done = Assert.Single(services, s => s.Status == ListItemStatus.Closed);
        var answered = needs.Single(n => n.Id == done.Needs.Single().NeedId);
        Assert.True(answered.Status == ListItemStatus.Closed && answered.ClosedAt >= done.ClosedAt && !string.IsNullOrEmpty(done.Evidence));

        // The volunteer team's phone is kept encrypted and shown masked.
        var team = items.Single(i => i.Kind == ListKind.Resource && i.ContactPhoneCipher is not null);
        Assert.DoesNotContain("13912345678", team.ContactPhoneCipher!);
        Assert.Equal("139****5678", team.ContactPhoneMasked);

        // resident01 sees their need closed, with what was done, and was told; resident02's waits.
        using var resident = await app.ClientAsAsync("resident01");
        var mine = await resident.GetFromJsonAsync<JsonElement>("/api/v1/lists/my-needs", Ct);
        var closed = Assert.Single(mine.EnumerateArray());
        Assert.Equal(nameof(ListItemStatus.Closed), closed.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(closed.GetProperty("evidence").GetString()));
        var told = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<OutboxMessage>()
            .AnyAsync(m => m.DedupeKey == $"lists_need_closed:{closed.GetProperty("id").GetGuid():N}", Ct));
        Assert.True(told);
        Assert.Contains(needs, n => n.ResidentUserId is not null && n.Status == ListItemStatus.Open);

        // The community's 书记项目 with its first milestone done.
        var project = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<SecretaryProject>()
            .Include(p => p.Milestones).AsNoTracking().SingleAsync(Ct));
        Assert.Equal(3, project.Milestones.Count);
        Assert.Single(project.Milestones, m => m.DoneOn is not null);

        await app.WithScopeAsync(async sp =>
        {
            await sp.GetServices<IStartupTask>().OfType<DemoListsSeeder>().Single().RunAsync(Ct);
            return 0;
        });
        Assert.Equal(items.Count, (await ItemsAsync()).Count);
    }
}

public sealed class DemoListsSeederTests_Sqlite(DemoEventsSqliteApp app) : DemoListsSeederTests(app), IClassFixture<DemoEventsSqliteApp>;

public sealed class DemoListsSeederTests_Postgres(DemoEventsPostgresApp app) : DemoListsSeederTests(app), IClassFixture<DemoEventsPostgresApp>;
