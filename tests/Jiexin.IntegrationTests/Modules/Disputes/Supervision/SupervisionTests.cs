using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Warnings;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Disputes.Supervision;
using Jiexin.Platform.Notifications.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.Disputes.DisputeApi;

namespace Jiexin.IntegrationTests.Modules.Disputes.Supervision;

/// <summary>督察 on the fake clock: overdue acceptance, mediation and follow-up flagged once each, announced, visible on the queue and the case.</summary>
public abstract class SupervisionTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly WarningsApi _api = new(app);

    private Task<int> SuperviseAsync() => app.WithScopeAsync(sp => sp.GetRequiredService<SuperviseDisputes.Handler>().Handle(Ct));

    private Task<List<DisputeOverdueFlag>> FlagsAsync(Guid dispute) => app.WithScopeAsync(sp =>
        sp.GetRequiredService<JiexinDbContext>().Set<DisputeOverdueFlag>().AsNoTracking().Where(f => f.DisputeId == dispute).ToListAsync(Ct));

    private Task<int> OutboxCountAsync(string key) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<OutboxMessage>().CountAsync(m => m.DedupeKey == key, Ct));

    [Fact]
    public async Task Overdue_acceptance_mediation_and_follow_up_are_each_flagged_once_and_shown()
    {
        app.RequireAvailable();
        var mediatorId = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Users.Where(u => u.UserName == "mediator01").Select(u => u.Id).SingleAsync(Ct));
        using var commander = await _api.LoginAsync("commander");
        using var mediator = await _api.LoginAsync("mediator01");

        // One routed and never accepted; one accepted and never mediated to the end.
        var unaccepted = await RegisterAsync(commander, Body("租客押金不退发生争执"));
        unaccepted = await OkAsync(ActAsync(commander, unaccepted, "Route", new { tier = "General", receiverKind = "Mediator", receiverId = mediatorId }));
        var mediating = await RegisterAsync(commander, Body("装修噪音扰民多次协商未果"));
        mediating = await OkAsync(ActAsync(commander, mediating, "Route", new { tier = "General", receiverKind = "Mediator", receiverId = mediatorId }));
        mediating = await OkAsync(ActAsync(mediator, mediating, "Accept"));
        // A closed case whose first 回访 is due yesterday (written directly: the follow-up schedule has its own tests).
        var closed = await RegisterAsync(commander, Body("借款纠纷已调解"));
        var visitId = Guid.NewGuid();
        var now = _api.Clock.GetUtcNow().UtcDateTime;
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            db.Add(new FollowUpVisit { Id = visitId, DisputeId = Id(closed), DueAt = now.AddDays(-1) });
            return await db.SaveChangesAsync(Ct);
        });

        await SuperviseAsync();
        Assert.Equal([DisputeOverdueKind.FollowUp], (await FlagsAsync(Id(closed))).Select(f => f.Kind));
        Assert.Empty(await FlagsAsync(Id(unaccepted))); // not yet past its acceptance deadline

        // Past acceptance (1 working day); later past mediation (10 working days): each flagged once, however often it runs.
        var acceptBy = unaccepted.GetProperty("acceptBy").GetDateTime();
        _api.Clock.SetUtcNow(new DateTimeOffset(acceptBy.AddMinutes(1), TimeSpan.Zero));
        await SuperviseAsync();
        await SuperviseAsync();
        Assert.Equal([DisputeOverdueKind.Acceptance], (await FlagsAsync(Id(unaccepted))).Select(f => f.Kind));
        Assert.Empty(await FlagsAsync(Id(mediating)));
        var dueAt = mediating.GetProperty("dueAt").GetDateTime();
        _api.Clock.SetUtcNow(new DateTimeOffset(dueAt.AddMinutes(1), TimeSpan.Zero));
        await SuperviseAsync();
        await SuperviseAsync();
        Assert.Equal([DisputeOverdueKind.Mediation], (await FlagsAsync(Id(mediating))).Select(f => f.Kind));
        Assert.Equal([DisputeOverdueKind.Acceptance, DisputeOverdueKind.Mediation], (await FlagsAsync(Id(unaccepted))).Select(f => f.Kind).Order());
        Assert.Single(await FlagsAsync(Id(closed)));
        Assert.Equal(1, await OutboxCountAsync($"dispute_overdue:Acceptance:{Id(unaccepted):N}"));
        Assert.Equal(1, await OutboxCountAsync($"dispute_overdue:FollowUp:{visitId:N}"));

        // Shown on the case and on the queue (filter and tag), to those who see the case only.
        using var later = await _api.LoginAsync("commander");
        var flags = await OkAsync(later.GetAsync($"/api/v1/disputes/{Id(mediating)}/supervision", Ct));
        Assert.Equal("超期未调结", Assert.Single(flags.EnumerateArray().ToList()).GetProperty("kindName").GetString());
        var queue = await OkAsync(later.GetAsync("/api/v1/disputes?supervised=true&pageSize=100", Ct));
        var ids = queue.GetProperty("items").EnumerateArray().Select(Id).ToList();
        Assert.Contains(Id(unaccepted), ids);
        Assert.Contains(Id(closed), ids);
        Assert.All(queue.GetProperty("items").EnumerateArray(), i => Assert.True(i.GetProperty("supervised").GetBoolean()));
        var fresh = await RegisterAsync(later, Body("刚受理的纠纷"));
        Assert.DoesNotContain(Id(fresh), ids);
        using var resident = await _api.LoginAsync("resident01");
        await ReadAsync(resident.GetAsync($"/api/v1/disputes/{Id(mediating)}/supervision", Ct), HttpStatusCode.Forbidden);
        using var dept = await _api.LoginAsync("dept-cg");
        await ReadAsync(dept.GetAsync($"/api/v1/disputes/{Id(mediating)}/supervision", Ct), HttpStatusCode.NotFound);
    }
}

public sealed class SupervisionTests_Sqlite(WarningsSqliteApp app) : SupervisionTests(app), IClassFixture<WarningsSqliteApp>;

public sealed class SupervisionTests_Postgres(WarningsPostgresApp app) : SupervisionTests(app), IClassFixture<WarningsPostgresApp>;
