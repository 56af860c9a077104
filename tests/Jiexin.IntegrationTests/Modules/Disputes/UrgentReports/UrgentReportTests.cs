using System.Net;
using System.Net.Http.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Platform.Notifications.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.Disputes.DisputeApi;

namespace Jiexin.IntegrationTests.Modules.Disputes.UrgentReports;

/// <summary>Issue 6 §8 要情快报: filed with a deadline from the level, the command centre is notified and acknowledges once; late ones flagged; scope.</summary>
public abstract class UrgentReportTests(JiexinApp app)
{
    private const string Url = "/api/v1/disputes/urgent-reports";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_community_files_the_centre_is_told_and_acknowledges_once_and_a_late_report_is_flagged()
    {
        using var community = await app.ClientAsAsync("community01");
        var title = $"某小区业主聚集 {Guid.NewGuid():N}"[..40];
        var onTime = await ReadAsync(community.PostAsJsonAsync(Url, new
        {
            title, facts = "约 40 名业主在物业办公室聚集，要求退还多收的停车费。", measuresTaken = "社区书记到场劝解，已联系物业负责人",
            level = "Major", occurredAt = DateTime.UtcNow.AddMinutes(-30),
        }, Ct), HttpStatusCode.Created);
        Assert.False(onTime.GetProperty("late").GetBoolean());
        Assert.Equal(onTime.GetProperty("occurredAt").GetDateTime().AddHours(2), onTime.GetProperty("reportBy").GetDateTime());

        // Filed three hours after a 特别重大 situation (1 hour allowed): late.
        var late = await ReadAsync(community.PostAsJsonAsync(Url, new
        {
            title = title + "续", facts = "业主堵塞小区出入口。", level = "Critical", occurredAt = DateTime.UtcNow.AddHours(-3),
        }, Ct), HttpStatusCode.Created);
        Assert.True(late.GetProperty("late").GetBoolean());

        // The command centre hears of it through the outbox.
        var outbox = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.DedupeKey == $"urgent-report:{Id(onTime):N}").ToListAsync(Ct));
        var message = Assert.Single(outbox);
        Assert.Contains(title, message.Payload);
        Assert.Contains("role:Commander", message.Payload);

        using var commander = await app.ClientAsAsync("commander");
        var listing = await OkAsync(commander.GetAsync(Url, Ct));
        Assert.True(listing.GetProperty("canAcknowledge").GetBoolean());
        Assert.Contains(listing.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == Id(late) && r.GetProperty("late").GetBoolean());
        await ReadAsync(community.PostAsync($"{Url}/{Id(onTime)}/acknowledge", null, Ct), HttpStatusCode.Forbidden);
        var acked = await OkAsync(commander.PostAsync($"{Url}/{Id(onTime)}/acknowledge", null, Ct));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, acked.GetProperty("acknowledgedAt").ValueKind);
        await ReadAsync(commander.PostAsync($"{Url}/{Id(onTime)}/acknowledge", null, Ct), HttpStatusCode.Conflict);
        await ReadAsync(commander.PostAsync($"{Url}/{Guid.NewGuid()}/acknowledge", null, Ct), HttpStatusCode.NotFound);

        // The community sees its own; a mediator does not see the community's; grid workers are refused.
        var own = await OkAsync(community.GetAsync(Url, Ct));
        Assert.Contains(own.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == Id(onTime) && r.GetProperty("acknowledgedAt").ValueKind != System.Text.Json.JsonValueKind.Null);
        using var mediator = await app.ClientAsAsync("mediator01");
        Assert.DoesNotContain((await OkAsync(mediator.GetAsync(Url, Ct))).GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == Id(onTime));
        using var grid = await app.ClientAsAsync("grid01");
        await ReadAsync(grid.GetAsync(Url, Ct), HttpStatusCode.Forbidden);
        await ReadAsync(grid.PostAsJsonAsync(Url, new { title = "x", facts = "y", level = "General", occurredAt = DateTime.UtcNow }, Ct), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("""{"facts":"f","level":"General","occurredAt":"2026-01-01T00:00:00Z"}""", "title")]
    [InlineData("""{"title":"t","level":"General","occurredAt":"2026-01-01T00:00:00Z"}""", "facts")]
    [InlineData("""{"title":"t","facts":"f","occurredAt":"2026-01-01T00:00:00Z"}""", "level")]
    [InlineData("""{"title":"t","facts":"f","level":"General"}""", "occurredAt")]
    [InlineData("""{"title":"t","facts":"f","level":"General","occurredAt":"2099-01-01T00:00:00Z"}""", "occurredAt")]
    [InlineData("""{"title":"t","facts":"f","level":"General","occurredAt":"{now}","disputeId":"0195a1b2-0000-7000-8000-000000000000"}""", "disputeId")]
    public async Task Bad_input_is_a_400_naming_the_field(string body, string field)
    {
        using var mediator = await app.ClientAsAsync("mediator01");
        var json = body.Replace("{now}", DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var problem = await ReadAsync(mediator.PostAsync(Url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}

public sealed class UrgentReportTests_Sqlite(SqliteApp app) : UrgentReportTests(app), IClassFixture<SqliteApp>;

public sealed class UrgentReportTests_Postgres(PostgresApp app) : UrgentReportTests(app), IClassFixture<PostgresApp>;
