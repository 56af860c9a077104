using System.Net;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.ServiceLists.RollOver;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Jiexin.IntegrationTests.Modules.ServiceLists.ListsApi;

namespace Jiexin.IntegrationTests.Modules.ServiceLists;

/// <summary>Month roll-over: the recurring job carries open items into the new month (China calendar) once, closed ones stay.</summary>
public abstract class ListRollOverTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ListsApi _api = new(app);

    private Task<int> RunJobAsync(TimeProvider clock) => app.WithScopeAsync(sp =>
        new RollOverListsJob(sp.GetRequiredService<RollOverLists.Handler>(), clock).RunOnceAsync(Ct));

    [Fact]
    public async Task Open_items_move_into_the_new_month_once_with_a_trail_entry_and_closed_items_stay()
    {
        var places = await _api.PlacesAsync();
        using var community = await app.ClientAsAsync("community01");
        var open = await CreateAsync(community, Need(Unique("未办结需求"), places.Community1, month: "2031-01", deadline: "2031-01-31"));
        var closed = await CreateAsync(community, Need(Unique("已办结需求"), places.Community1, month: "2031-01", deadline: "2031-01-31"));
        await CloseAsync(community, closed, "已办结");

        // 31 January 23:30 in China: still January, nothing to carry.
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 1, 31, 23, 30, 0, TimeSpan.FromHours(8)));
        await RunJobAsync(clock);
        Assert.Equal("2031-01", (await GetAsync(community, Id(open))).GetProperty("month").GetString());

        // 1 February 00:30 China time (still 31 January in UTC): February's list.
        clock.Advance(TimeSpan.FromHours(1));
        Assert.True(await RunJobAsync(clock) >= 1);
        var carried = await GetAsync(community, Id(open));
        Assert.Equal("2031-02", carried.GetProperty("month").GetString());
        Assert.Equal("2031-01", carried.GetProperty("openedMonth").GetString());
        Assert.Equal(1, carried.GetProperty("carryOvers").GetInt32());
        Assert.True(carried.GetProperty("version").GetInt32() > open.GetProperty("version").GetInt32());
        Assert.Equal("2031-01-31", carried.GetProperty("deadline").GetString());
        Assert.Equal(["Create", "CarryOver"], carried.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("action").GetString()));
        Assert.Equal("2031-01", (await GetAsync(community, Id(closed))).GetProperty("month").GetString());

        // Idempotent: a second run the same month changes nothing.
        await RunJobAsync(clock);
        var again = await GetAsync(community, Id(open));
        Assert.Equal(1, again.GetProperty("carryOvers").GetInt32());
        Assert.Single(again.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("action").GetString() == "CarryOver");

        // The month's list filter follows the move; a version seen before the move is stale.
        var february = await ReadAsync(community.GetAsync($"/api/v1/lists/items?month=2031-02&q={open.GetProperty("title").GetString()}", Ct), HttpStatusCode.OK);
        Assert.Equal(1, february.GetProperty("total").GetInt32());
        await CloseAsync(community, open, "用旧版本销号", HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Two_instances_rolling_over_at_once_carry_each_item_exactly_once()
    {
        var places = await _api.PlacesAsync();
        using var commander = await app.ClientAsAsync("commander");
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(Id(await CreateAsync(commander, Need(Unique($"并发结转{i}"), i % 2 == 0 ? places.Community1 : places.Community2, month: "2032-06", deadline: "2032-06-30"))));
        }

        var clock = new FakeTimeProvider(new DateTimeOffset(2032, 7, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        var runs = await Task.WhenAll(RunJobAsync(clock), RunJobAsync(clock));
        Assert.True(runs.Sum() >= ids.Count);
        foreach (var id in ids)
        {
            var item = await GetAsync(commander, id);
            Assert.Equal("2032-07", item.GetProperty("month").GetString());
            Assert.Equal(1, item.GetProperty("carryOvers").GetInt32());
            Assert.Single(item.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("action").GetString() == "CarryOver");
        }
    }
}

public sealed class ListRollOverTests_Sqlite(SqliteApp app) : ListRollOverTests(app), IClassFixture<SqliteApp>;

public sealed class ListRollOverTests_Postgres(PostgresApp app) : ListRollOverTests(app), IClassFixture<PostgresApp>;
