using System.Globalization;
using System.Net;
using System.Text.Json;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.ServiceLists;

namespace Jiexin.IntegrationTests.Modules.Analytics;

/// <summary>Issue 7 §6 through the command centre's API: list items opened and closed on time per community, in scope.</summary>
public abstract class SelfGovernanceFiguresTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_need_opened_and_closed_on_time_is_counted_for_its_community_only()
    {
        using var commander = await app.ClientAsAsync("commander");
        using var community = await app.ClientAsAsync("community01");
        var places = await new ListsApi(app).PlacesAsync();
        var before = await FiguresAsync(commander);

        var deadline = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var need = await ListsApi.CreateAsync(community, ListsApi.Need(ListsApi.Unique("独居老人助餐"), places.Community1, deadline: deadline));
        await ListsApi.CloseAsync(community, need, "已对接助餐点，每日送餐上门");

        var after = await FiguresAsync(commander);
        Assert.Equal(Row(before, places.Community1, "listOpened") + 1, Row(after, places.Community1, "listOpened"));
        Assert.Equal(Row(before, places.Community1, "listClosed") + 1, Row(after, places.Community1, "listClosed"));
        Assert.Equal(Row(before, places.Community1, "listClosedOnTime") + 1, Row(after, places.Community1, "listClosedOnTime"));
        Assert.Equal(Row(before, places.Community2, "listOpened"), Row(after, places.Community2, "listOpened"));

        // A community account sees its own line only.
        var own = await FiguresAsync(community);
        var line = Assert.Single(own.GetProperty("communities").EnumerateArray());
        Assert.Equal(places.Community1, line.GetProperty("communityId").GetGuid());
        Assert.Equal(Row(after, places.Community1, "listClosed"), line.GetProperty("listClosed").GetInt32());
    }

    [Fact]
    public async Task Grids_residents_and_bad_months_are_refused()
    {
        using var grid = await app.ClientAsAsync("grid01");
        using var resident = await app.ClientAsAsync("resident01");
        using var commander = await app.ClientAsAsync("commander");
        Assert.Equal(HttpStatusCode.Forbidden, (await grid.GetAsync("/api/v1/analytics/self-governance", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync("/api/v1/analytics/self-governance", Ct)).StatusCode);
        var bad = await commander.GetAsync("/api/v1/analytics/self-governance?month=2026-13", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<JsonElement> FiguresAsync(HttpClient client) =>
        await ListsApi.ReadAsync(client.GetAsync("/api/v1/analytics/self-governance", Ct), HttpStatusCode.OK);

    private static int Row(JsonElement figures, Guid community, string field) =>
        figures.GetProperty("communities").EnumerateArray().Single(c => c.GetProperty("communityId").GetGuid() == community).GetProperty(field).GetInt32();
}

public sealed class SelfGovernanceFiguresTests_Sqlite(SqliteApp app) : SelfGovernanceFiguresTests(app), IClassFixture<SqliteApp>;

public sealed class SelfGovernanceFiguresTests_Postgres(PostgresApp app) : SelfGovernanceFiguresTests(app), IClassFixture<PostgresApp>;
