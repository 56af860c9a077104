using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Accounts;
using Jiexin.Modules.Disputes.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Analytics;

/// <summary>Issue 8 §1 dispute figures on the command centre: equal to the raw tables, move with a new case, in scope.</summary>
public abstract class DisputeFiguresTests(JiexinApp app)
{
    private const string Url = "/api/v1/analytics/disputes";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_case_received_counts_for_the_street_and_its_community_and_the_figures_equal_the_raw_tables()
    {
        var units = app.Units();
        using var commander = await app.ClientAsAsync("commander");
        using var community = await app.ClientAsAsync("community01");
        var before = await FiguresAsync(commander);
        var ownBefore = await FiguresAsync(community);

        var created = await commander.PostAsJsonAsync("/api/v1/disputes", new
        {
            description = $"楼上漏水殃及楼下，协商赔偿未果 {Guid.NewGuid():N}",
            disputeType = "邻里",
            peopleCount = 2,
            communityId = units.Community.Id,
            parties = new object[] { new { name = "李某", role = "applicant" }, new { name = "赵某", role = "respondent" } },
        }, Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));

        var after = await FiguresAsync(commander);
        var ownAfter = await FiguresAsync(community);
        foreach (var days in new[] { 30, 365 })
        {
            Assert.Equal(At(before, days, "received") + 1, At(after, days, "received"));
            Assert.Equal(At(ownBefore, days, "received") + 1, At(ownAfter, days, "received"));
        }

        await CompareWithRawTablesAsync(after, null);
        await CompareWithRawTablesAsync(ownAfter, units.Community.Id);
    }

    [Fact]
    public async Task Grid_workers_departments_and_residents_are_refused()
    {
        foreach (var user in new[] { "grid01", "dept-cg", "resident01" })
        {
            using var client = await app.ClientAsAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Url, Ct)).StatusCode);
        }
    }

    private async Task CompareWithRawTablesAsync(JsonElement figures, Guid? communityId)
    {
        var (disputes, referrals) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            return (await db.Set<Dispute>().AsNoTracking().Select(d => new { d.Id, d.CommunityId, d.CreatedAt, d.Status, d.ClosedAt, d.Outcome }).ToListAsync(Ct),
                await db.Set<DisputeReferral>().AsNoTracking().Select(r => new { r.DisputeId, r.ReferredAt }).ToListAsync(Ct));
        });
        var mine = disputes.Where(d => communityId is null || d.CommunityId == communityId).ToList();
        foreach (var period in figures.GetProperty("periods").EnumerateArray())
        {
            var from = DateOnly.Parse(period.GetProperty("from").GetString()!, CultureInfo.InvariantCulture);
            var to = DateOnly.Parse(period.GetProperty("to").GetString()!, CultureInfo.InvariantCulture);
            bool In(DateTime? utc) => utc is { } t && DateOnly.FromDateTime(t.AddHours(8)) is var day && day >= from && day <= to;
            var closed = mine.Where(d => d.Status == DisputeStatus.Closed && In(d.ClosedAt)).ToList();
            Assert.Equal(mine.Count(d => In(d.CreatedAt)), period.GetProperty("received").GetInt32());
            Assert.Equal(closed.Count, period.GetProperty("closed").GetInt32());
            Assert.Equal(closed.Count(d => d.Outcome is DisputeOutcome.Agreement or DisputeOutcome.PartialAgreement or DisputeOutcome.ResolvedByReferral),
                period.GetProperty("successful").GetInt32());
            var ids = mine.Select(d => d.Id).ToHashSet();
            Assert.Equal(referrals.Where(r => ids.Contains(r.DisputeId) && In(r.ReferredAt)).Select(r => r.DisputeId).Distinct().Count(), period.GetProperty("referred").GetInt32());
        }
    }

    private static async Task<JsonElement> FiguresAsync(HttpClient client)
    {
        var response = await client.GetAsync(Url, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static int At(JsonElement figures, int days, string field) =>
        figures.GetProperty("periods").EnumerateArray().Single(p => p.GetProperty("days").GetInt32() == days).GetProperty(field).GetInt32();
}

public sealed class DisputeFiguresTests_Sqlite(SqliteApp app) : DisputeFiguresTests(app), IClassFixture<SqliteApp>;

public sealed class DisputeFiguresTests_Postgres(PostgresApp app) : DisputeFiguresTests(app), IClassFixture<PostgresApp>;
