using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Events.Contracts;
using Jiexin.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Events.Links;

/// <summary>The Events contract other modules use to show events they point at (a warning's evidence): only what the user may see.</summary>
public abstract class EventLinksTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly EventTestKit _kit = new(app);

    private Task<IReadOnlyList<LinkedEvent>> VisibleAsync(string userName, IReadOnlyCollection<Guid> ids) => app.WithScopeAsync(async sp =>
    {
        var user = await sp.GetRequiredService<UserManager<JiexinUser>>().FindByNameAsync(userName);
        var principal = await sp.GetRequiredService<IUserClaimsPrincipalFactory<JiexinUser>>().CreateAsync(user!);
        return await sp.GetRequiredService<IEventLinks>().FindVisibleAsync(ids, principal, Ct);
    });

    [Fact]
    public async Task A_list_of_events_is_cut_to_the_users_scope_and_keeps_the_order_asked()
    {
        using var commander = await app.ClientAsAsync("commander");
        var inMyGrid = await _kit.ReportAsync(commander, $"桥头路灯不亮 {Guid.NewGuid():N}", await _kit.PointInGridAsync("XC-01"));
        var elsewhere = await _kit.ReportAsync(commander, $"菜场门口积水 {Guid.NewGuid():N}", await _kit.PointInGridAsync("XZ-02"));
        var mine = inMyGrid.GetProperty("id").GetGuid();
        var theirs = elsewhere.GetProperty("id").GetGuid();
        Guid[] asked = [theirs, Guid.NewGuid(), mine];

        var all = await VisibleAsync("commander", asked);
        Assert.Equal([theirs, mine], all.Select(e => e.Id));
        Assert.Equal(inMyGrid.GetProperty("trackingCode").GetString(), all[1].TrackingCode);
        Assert.False(string.IsNullOrEmpty(all[1].StatusName));

        // The grid worker of XC-01 sees the event in their grid only; a resident sees neither of these.
        Assert.Equal([mine], (await VisibleAsync("grid01", asked)).Select(e => e.Id));
        Assert.Empty(await VisibleAsync("resident01", asked));
    }
}

public sealed class EventLinksTests_Sqlite(SqliteApp app) : EventLinksTests(app), IClassFixture<SqliteApp>;

public sealed class EventLinksTests_Postgres(PostgresApp app) : EventLinksTests(app), IClassFixture<PostgresApp>;
