using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Warnings.Escalate;
using Jiexin.Modules.Warnings.Evaluate;
using Jiexin.Platform.Calendar;
using Jiexin.Platform.Notifications.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.Disputes.DisputeApi;

namespace Jiexin.IntegrationTests.Modules.Warnings.ScreeningAlerts;

/// <summary>
/// A screening risk rated red/orange/yellow is one alert that needs a response by a deadline by level; unanswered, it is
/// escalated to the command centre once (with one notification), on the fake clock.
/// </summary>
public abstract class ScreeningAlertTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly WarningsApi _api = new(app);

    private Task<int> EscalateAsync() => app.WithScopeAsync(sp => sp.GetRequiredService<EscalateWarnings.Handler>().Handle(Ct));

    private async Task<JsonElement> RecordAsync(string description, int people = 2, decimal? amount = null)
    {
        using var grid = await _api.LoginAsync("grid01");
        var roundId = Id(await OkAsync(grid.GetAsync("/api/v1/disputes/screening/rounds/current", Ct)));
        return await ReadAsync(grid.PostAsJsonAsync($"/api/v1/disputes/screening/rounds/{roundId}/risks", new
        {
            description = $"{description} {Guid.NewGuid():N}",
            parties = $"当事人{Guid.NewGuid():N}"[..10],
            peopleCount = people,
            place = "村委会旁",
            disputeType = "neighbour",
            amount,
        }, Ct), HttpStatusCode.Created);
    }

    private Task<int> OutboxCountAsync(string dedupeKey) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<OutboxMessage>().CountAsync(m => m.DedupeKey == dedupeKey, Ct));

    [Fact]
    public async Task A_red_risk_needs_a_response_within_24_hours_and_escalates_once_when_unanswered()
    {
        app.RequireAvailable();
        var risk = await RecordAsync("因拆迁补偿不满，扬言到区里上访", people: 5);
        Assert.Equal("Red", risk.GetProperty("risk").GetString());
        await _api.EvaluateAsync();
        await _api.EvaluateAsync(); // raised once per risk

        using var commander = await _api.LoginAsync("commander");
        var alert = Assert.Single(await WarningsApi.ListAsync(commander, "&kind=ScreeningRisk"),
            w => w.GetProperty("summary").GetString()!.Contains(risk.GetProperty("description").GetString()!));
        Assert.Equal("Red", alert.GetProperty("severity").GetString());
        var recordedAt = risk.GetProperty("recordedAt").GetDateTime();
        Assert.Equal(recordedAt.AddHours(24), alert.GetProperty("responseDueAt").GetDateTime());
        Assert.Equal(JsonValueKind.Null, alert.GetProperty("escalatedAt").ValueKind);

        // Not yet due: nothing escalates. Past the deadline: once, however often the job runs.
        Assert.Equal(0, await EscalateAsync());
        _api.Clock.SetUtcNow(new DateTimeOffset(recordedAt.AddHours(24).AddMinutes(1), TimeSpan.Zero));
        Assert.True(await EscalateAsync() >= 1);
        Assert.Equal(0, await EscalateAsync());
        using var later = await _api.LoginAsync("commander");
        var escalated = await OkAsync(later.GetAsync($"/api/v1/warnings/{Id(alert)}", Ct));
        Assert.NotEqual(JsonValueKind.Null, escalated.GetProperty("escalatedAt").ValueKind);
        Assert.Equal(1, await OutboxCountAsync($"warning_escalated:{Id(alert):N}"));
    }

    [Fact]
    public async Task An_orange_risk_answered_by_the_community_in_time_does_not_escalate()
    {
        app.RequireAvailable();
        var risk = await RecordAsync("工资纠纷，工人聚集讨要", people: 6, amount: 200_000m);
        Assert.Equal("Orange", risk.GetProperty("risk").GetString());
        await _api.EvaluateAsync();

        using var community = await _api.LoginAsync("community01");
        var alert = Assert.Single(await WarningsApi.ListAsync(community, "&kind=ScreeningRisk"),
            w => w.GetProperty("summary").GetString()!.Contains(risk.GetProperty("description").GetString()!));
        var recordedAt = risk.GetProperty("recordedAt").GetDateTime();
        var expected = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<IWorkingCalendar>().AddWorkingDays(recordedAt, 3)));
        Assert.Equal(expected, alert.GetProperty("responseDueAt").GetDateTime());
        Assert.Equal("Orange", alert.GetProperty("severity").GetString());

        var url = $"/api/v1/warnings/{Id(alert)}/respond";
        var version = alert.GetProperty("version").GetInt32();
        var missing = await ReadAsync(community.PostAsJsonAsync(url, new { version, measure = " " }, Ct), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("measure", out _));
        using var grid = await _api.LoginAsync("grid01");
        await ReadAsync(grid.PostAsJsonAsync(url, new { version, measure = "已上门劝解" }, Ct), HttpStatusCode.Forbidden);
        var answered = await OkAsync(community.PostAsJsonAsync(url, new { version, measure = "社区书记上门约谈双方，联系劳动监察介入" }, Ct));
        Assert.Equal("社区书记上门约谈双方，联系劳动监察介入", answered.GetProperty("responseMeasure").GetString());
        Assert.Contains("工作人员", answered.GetProperty("respondedByName").GetString());
        Assert.Equal("Acknowledged", answered.GetProperty("status").GetString());
        await ReadAsync(community.PostAsJsonAsync(url, new { version = answered.GetProperty("version").GetInt32(), measure = "再次响应" }, Ct), HttpStatusCode.Conflict);

        _api.Clock.SetUtcNow(new DateTimeOffset(expected.AddDays(1), TimeSpan.Zero));
        await EscalateAsync();
        using var later = await _api.LoginAsync("commander");
        var after = await OkAsync(later.GetAsync($"/api/v1/warnings/{Id(alert)}", Ct));
        Assert.Equal(JsonValueKind.Null, after.GetProperty("escalatedAt").ValueKind);
        Assert.Equal(0, await OutboxCountAsync($"warning_escalated:{Id(alert):N}"));
    }
}

public sealed class ScreeningAlertTests_Sqlite(WarningsSqliteApp app) : ScreeningAlertTests(app), IClassFixture<WarningsSqliteApp>;

public sealed class ScreeningAlertTests_Postgres(WarningsPostgresApp app) : ScreeningAlertTests(app), IClassFixture<WarningsPostgresApp>;
