using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Warnings;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Disputes.Screening;
using Jiexin.Modules.Territory.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.Disputes.DisputeApi;

namespace Jiexin.IntegrationTests.Modules.Disputes.Screening;

/// <summary>
/// 排查: rounds opened per grid and period (idempotent), the grid worker's record (risk rated by the stated rules, or none
/// found), scope, bad input, completion and overdue on the fake clock, and a risk turned into a case.
/// </summary>
public abstract class ScreeningTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly WarningsApi _api = new(app);

    private Task<int> OpenAllAsync() => app.WithScopeAsync(sp => sp.GetRequiredService<OpenRounds.Handler>().OpenAllAsync(Ct));

    private Task<List<(Guid Grid, Guid Community)>> GridsAsync() => app.WithScopeAsync(sp =>
    {
        var t = sp.GetRequiredService<ITerritoryLookup>();
        return Task.FromResult(t.Communities.SelectMany(c => t.GridsOf(c.Id).Select(g => (g.Id, c.Id))).ToList());
    });

    private static async Task<JsonElement> RoundOfAsync(HttpClient staff, Guid grid, string? period = null)
    {
        var page = await OkAsync(staff.GetAsync($"/api/v1/disputes/screening/rounds?gridId={grid}{(period is null ? "" : $"&period={period}")}", Ct));
        return Assert.Single(page.GetProperty("items").EnumerateArray().ToList());
    }

    private static object Risk(string description, int people = 2, string type = "neighbour", decimal? amount = null, bool vulnerable = false) =>
        new { description = $"{description} {Guid.NewGuid():N}"[..Math.Min(description.Length + 9, 1000)], parties = $"张某与李某{Guid.NewGuid():N}"[..12], peopleCount = people, place = "3 号楼 2 单元", disputeType = type, amount, vulnerablePeople = vulnerable };

    [Fact]
    public async Task The_job_opens_one_round_per_grid_and_period_however_often_it_runs()
    {
        app.RequireAvailable();
        var grids = await GridsAsync();
        await OpenAllAsync();
        Assert.Equal(0, await OpenAllAsync()); // a second run (or a second instance) opens nothing more

        var now = _api.Clock.GetUtcNow().UtcDateTime;
        var (start, end, due) = ScreeningPeriods.At(now, 7);
        Assert.Equal(DayOfWeek.Monday, start.DayOfWeek);
        Assert.Equal(start.AddDays(6), end);
        var rounds = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<ScreeningRound>().AsNoTracking()
            .Where(r => r.PeriodStart == start).ToListAsync(Ct));
        Assert.Equal(grids.Select(g => g.Grid).Order(), rounds.Select(r => r.GridId).Order());
        Assert.All(rounds, r => Assert.Equal(due, r.DueAt));
        Assert.All(rounds, r => Assert.Equal(grids.Single(g => g.Grid == r.GridId).Community, r.CommunityId));

        // The unique (grid, period) key is what keeps a racing instance from opening a second one.
        var first = rounds[0];
        var duplicate = await Record.ExceptionAsync(() => app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            db.Add(new ScreeningRound { Id = Guid.NewGuid(), GridId = first.GridId, CommunityId = first.CommunityId, PeriodStart = start, PeriodEnd = end, DueAt = due, CreatedAt = now });
            return await db.SaveChangesAsync(Ct);
        }));
        Assert.IsType<DbUpdateException>(duplicate);
    }

    [Fact]
    public async Task Grid_worker_records_a_risk_rated_by_the_stated_rules_and_cannot_then_report_none_found()
    {
        app.RequireAvailable();
        using var grid = await _api.LoginAsync("grid01");
        var round = await OkAsync(grid.GetAsync("/api/v1/disputes/screening/rounds/current", Ct));
        var roundId = Id(round);

        // 扬言 (+4), vulnerable people (+2): red.
        var red = await ReadAsync(grid.PostAsJsonAsync($"/api/v1/disputes/screening/rounds/{roundId}/risks",
            Risk("两户因漏水争执，一方扬言要砸门", vulnerable: true), Ct), HttpStatusCode.Created);
        Assert.Equal("Red", red.GetProperty("risk").GetString());
        Assert.Contains("扬言", red.GetProperty("riskReasons").GetString());
        Assert.Contains("弱势群体", red.GetProperty("riskReasons").GetString());

        // Five people (+2) and 100 000 yuan (+2): orange; two people and nothing else: no risk level.
        var orange = await ReadAsync(grid.PostAsJsonAsync($"/api/v1/disputes/screening/rounds/{roundId}/risks",
            Risk("工地拖欠工资，工人讨薪", people: 5, type: "labour", amount: 100_000m), Ct), HttpStatusCode.Created);
        Assert.Equal("Orange", orange.GetProperty("risk").GetString());
        var none = await ReadAsync(grid.PostAsJsonAsync($"/api/v1/disputes/screening/rounds/{roundId}/risks", Risk("邻居停车位小摩擦"), Ct), HttpStatusCode.Created);
        Assert.Equal("None", none.GetProperty("risk").GetString());

        round = await OkAsync(grid.GetAsync($"/api/v1/disputes/screening/rounds/{roundId}", Ct));
        Assert.Equal("RisksFound", round.GetProperty("status").GetString());
        Assert.Equal("Done", round.GetProperty("completion").GetString());
        Assert.True(round.GetProperty("risks").GetArrayLength() >= 3);
        var conflict = await ReadAsync(grid.PostAsJsonAsync($"/api/v1/disputes/screening/rounds/{roundId}/none-found",
            new { version = round.GetProperty("version").GetInt32() }, Ct), HttpStatusCode.Conflict);
        Assert.Contains("已登记隐患", conflict.GetProperty("detail").GetString());

        // The same parties again within a year: 重复纠纷 adds to the level.
        var parties = red.GetProperty("parties").GetString();
        var repeat = await ReadAsync(grid.PostAsJsonAsync($"/api/v1/disputes/screening/rounds/{roundId}/risks",
            new { description = "又因漏水吵架", parties, peopleCount = 2, place = "3 号楼", disputeType = "neighbour" }, Ct), HttpStatusCode.Created);
        Assert.Equal("Yellow", repeat.GetProperty("risk").GetString());
        Assert.Contains("重复纠纷", repeat.GetProperty("riskReasons").GetString());
    }

    [Fact]
    public async Task Scope_grid_worker_their_grid_community_staff_their_community_commander_all()
    {
        app.RequireAvailable();
        await OpenAllAsync();
        var grids = await GridsAsync();
        var communityOfGrid01 = await _api.CommunityOfAsync("community01");
        using var gridWorker = await _api.LoginAsync("grid01");
        using var community = await _api.LoginAsync("community01");
        using var commander = await _api.LoginAsync("commander");
        using var resident = await _api.LoginAsync("resident01");
        var mine = Id(await OkAsync(gridWorker.GetAsync("/api/v1/disputes/screening/rounds/current", Ct)));
        var neighbourGrid = grids.First(g => g.Community == communityOfGrid01 && g.Grid != grids.First(x => x.Community == communityOfGrid01).Grid).Grid;
        var elsewhere = grids.First(g => g.Community != communityOfGrid01).Grid;
        var neighbourRound = Id(await RoundOfAsync(commander, neighbourGrid));
        var elsewhereRound = Id(await RoundOfAsync(commander, elsewhere));

        var gridList = await OkAsync(gridWorker.GetAsync("/api/v1/disputes/screening/rounds?pageSize=100", Ct));
        Assert.Equal([mine], gridList.GetProperty("items").EnumerateArray().Select(Id));
        await ReadAsync(gridWorker.GetAsync($"/api/v1/disputes/screening/rounds/{neighbourRound}", Ct), HttpStatusCode.NotFound);
        await ReadAsync(gridWorker.PostAsJsonAsync($"/api/v1/disputes/screening/rounds/{neighbourRound}/risks", Risk("越界登记的隐患"), Ct), HttpStatusCode.NotFound);

        var communityList = await OkAsync(community.GetAsync("/api/v1/disputes/screening/rounds?pageSize=100", Ct));
        var seen = communityList.GetProperty("items").EnumerateArray().ToList();
        Assert.All(seen, r => Assert.Equal(communityOfGrid01, r.GetProperty("communityId").GetGuid()));
        Assert.Contains(neighbourRound, seen.Select(Id));
        Assert.Equal(grids.Count(g => g.Community == communityOfGrid01), communityList.GetProperty("tally").GetProperty("total").GetInt32());
        await ReadAsync(community.GetAsync($"/api/v1/disputes/screening/rounds/{elsewhereRound}", Ct), HttpStatusCode.NotFound);

        var all = await OkAsync(commander.GetAsync("/api/v1/disputes/screening/rounds?pageSize=100", Ct));
        Assert.Equal(grids.Count, all.GetProperty("tally").GetProperty("total").GetInt32());
        await OkAsync(commander.GetAsync($"/api/v1/disputes/screening/rounds/{elsewhereRound}", Ct));

        await ReadAsync(resident.GetAsync("/api/v1/disputes/screening/rounds", Ct), HttpStatusCode.Forbidden);
        await ReadAsync(community.GetAsync("/api/v1/disputes/screening/rounds/current", Ct), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_list_shows_rounds_in_the_territorys_order_pending_first_and_pages_through_that_order()
    {
        app.RequireAvailable();
        await OpenAllAsync();
        var grids = await GridsAsync();
        var place = grids.Select((g, i) => (g.Grid, i)).ToDictionary(x => x.Grid, x => x.i);
        using var commander = await _api.LoginAsync("commander");

        var all = (await OkAsync(commander.GetAsync("/api/v1/disputes/screening/rounds?pageSize=100", Ct)))
            .GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(grids.Count, all.Count);
        var expected = all
            .OrderBy(r => r.GetProperty("status").GetString() == "Pending" ? 0 : 1)
            .ThenBy(r => place[r.GetProperty("gridId").GetGuid()])
            .Select(Id).ToList();
        Assert.Equal(expected, all.Select(Id));

        // Pages of 4 follow the same order, with nothing repeated or skipped.
        var paged = new List<Guid>();
        for (var page = 1; page <= (grids.Count + 3) / 4; page++)
        {
            var body = await OkAsync(commander.GetAsync($"/api/v1/disputes/screening/rounds?pageSize=4&page={page}", Ct));
            Assert.Equal(grids.Count, body.GetProperty("total").GetInt32());
            paged.AddRange(body.GetProperty("items").EnumerateArray().Select(Id));
        }

        Assert.Equal(expected, paged);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field()
    {
        app.RequireAvailable();
        using var grid = await _api.LoginAsync("grid01");
        var roundId = Id(await OkAsync(grid.GetAsync("/api/v1/disputes/screening/rounds/current", Ct)));
        var url = $"/api/v1/disputes/screening/rounds/{roundId}/risks";
        (object Body, string Field)[] cases =
        [
            (new { description = "短", parties = "张某", peopleCount = 2, place = "村口", disputeType = "neighbour" }, "description"),
            (new { description = "邻里矛盾较深", parties = "", peopleCount = 2, place = "村口", disputeType = "neighbour" }, "parties"),
            (new { description = "邻里矛盾较深", parties = "张某", peopleCount = 0, place = "村口", disputeType = "neighbour" }, "peopleCount"),
            (new { description = "邻里矛盾较深", parties = "张某", peopleCount = 2, place = " ", disputeType = "neighbour" }, "place"),
            (new { description = "邻里矛盾较深", parties = "张某", peopleCount = 2, place = "村口", disputeType = "no-such-type" }, "disputeType"),
            (new { description = "邻里矛盾较深", parties = "张某", peopleCount = 2, place = "村口", disputeType = "neighbour", amount = -1 }, "amount"),
        ];
        foreach (var (body, field) in cases)
        {
            var problem = await ReadAsync(grid.PostAsJsonAsync(url, body, Ct), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem}");
        }

        var noVersion = await ReadAsync(grid.PostAsJsonAsync($"/api/v1/disputes/screening/rounds/{roundId}/none-found", new { }, Ct), HttpStatusCode.BadRequest);
        Assert.True(noVersion.GetProperty("errors").TryGetProperty("version", out _));
        var badPeriod = await ReadAsync(grid.GetAsync("/api/v1/disputes/screening/rounds?period=next-week", Ct), HttpStatusCode.BadRequest);
        Assert.True(badPeriod.GetProperty("errors").TryGetProperty("period", out _));
        var badCompletion = await ReadAsync(grid.GetAsync("/api/v1/disputes/screening/rounds?completion=Maybe", Ct), HttpStatusCode.BadRequest);
        Assert.True(badCompletion.GetProperty("errors").TryGetProperty("completion", out _));
        await ReadAsync(grid.PostAsJsonAsync($"/api/v1/disputes/screening/rounds/{Guid.NewGuid()}/risks", Risk("不存在的排查"), Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task None_found_against_the_version_seen_then_a_late_round_is_overdue_on_the_clock()
    {
        app.RequireAvailable();
        await OpenAllAsync();
        var grids = await GridsAsync();
        var communities = grids.Select(g => g.Community).Distinct().ToList();
        // Grids of the last two communities: no other test of the class records there.
        var quiet = grids.Last(g => g.Community == communities[^1]).Grid;
        var late = grids.Last(g => g.Community == communities[^2]).Grid;
        using var commander = await _api.LoginAsync("commander");
        var round = await RoundOfAsync(commander, quiet);
        Assert.Equal("NotDone", round.GetProperty("completion").GetString());
        var stale = await ReadAsync(commander.PostAsJsonAsync($"/api/v1/disputes/screening/rounds/{Id(round)}/none-found",
            new { version = round.GetProperty("version").GetInt32() + 1 }, Ct), HttpStatusCode.Conflict);
        Assert.Equal("Pending", stale.GetProperty("current").GetProperty("status").GetString());
        var done = await OkAsync(commander.PostAsJsonAsync($"/api/v1/disputes/screening/rounds/{Id(round)}/none-found",
            new { version = round.GetProperty("version").GetInt32() }, Ct));
        Assert.Equal("NoneFound", done.GetProperty("status").GetString());
        Assert.Equal("指挥中心值班员", done.GetProperty("completedByName").GetString());

        var period = round.GetProperty("periodStart").GetString();
        var lateRound = await RoundOfAsync(commander, late, period);
        Assert.Equal("NotDone", lateRound.GetProperty("completion").GetString());

        // Past the end of the period: the round nobody reported on is 超期; the one reported stays done.
        _api.Clock.SetUtcNow(new DateTimeOffset(lateRound.GetProperty("dueAt").GetDateTime().AddMinutes(1)));
        using var later = await _api.LoginAsync("commander");
        var overdue = await OkAsync(later.GetAsync($"/api/v1/disputes/screening/rounds?period={period}&completion=Overdue&pageSize=100", Ct));
        Assert.Contains(Id(lateRound), overdue.GetProperty("items").EnumerateArray().Select(Id));
        Assert.DoesNotContain(Id(round), overdue.GetProperty("items").EnumerateArray().Select(Id));
        Assert.Equal("NoneFound", (await RoundOfAsync(later, quiet, period)).GetProperty("completion").GetString());
        Assert.True(overdue.GetProperty("tally").GetProperty("overdue").GetInt32() >= 1);

        // The new period has begun: a fresh round for every grid.
        Assert.NotEqual(period, (await RoundOfAsync(later, late)).GetProperty("periodStart").GetString());
    }

    [Fact]
    public async Task Community_staff_turn_a_risk_into_a_case_once()
    {
        app.RequireAvailable();
        using var grid = await _api.LoginAsync("grid01");
        using var community = await _api.LoginAsync("community01");
        var roundId = Id(await OkAsync(grid.GetAsync("/api/v1/disputes/screening/rounds/current", Ct)));
        var risk = await ReadAsync(grid.PostAsJsonAsync($"/api/v1/disputes/screening/rounds/{roundId}/risks",
            Risk("宅基地边界争执，双方多次口角", people: 4, type: "housing_land", vulnerable: true), Ct), HttpStatusCode.Created);
        var riskId = Id(risk);

        await ReadAsync(grid.PostAsJsonAsync($"/api/v1/disputes/screening/risks/{riskId}/intake", new { }, Ct), HttpStatusCode.Forbidden);
        var created = await ReadAsync(community.PostAsJsonAsync($"/api/v1/disputes/screening/risks/{riskId}/intake", new { }, Ct), HttpStatusCode.Created);
        var dispute = await OkAsync(community.GetAsync($"/api/v1/disputes/{Id(created)}", Ct));
        Assert.Equal("GridDiscovery", dispute.GetProperty("channel").GetString());
        Assert.Equal(4, dispute.GetProperty("peopleCount").GetInt32());
        Assert.Contains(risk.GetProperty("description").GetString()!, dispute.GetProperty("description").GetString());
        Assert.Equal(risk.GetProperty("parties").GetString(), dispute.GetProperty("parties")[0].GetProperty("name").GetString());
        // Rated on the same facts as the risk: the vulnerable people count in the case too (yellow, not none).
        Assert.Equal("Yellow", risk.GetProperty("risk").GetString());
        Assert.Equal("Yellow", dispute.GetProperty("risk").GetString());
        Assert.Contains("弱势群体", dispute.GetProperty("riskReasons").GetString());

        var again = await ReadAsync(community.PostAsJsonAsync($"/api/v1/disputes/screening/risks/{riskId}/intake", new { }, Ct), HttpStatusCode.Conflict);
        Assert.Equal(Id(created), again.GetProperty("existingId").GetGuid());
        var round = await OkAsync(community.GetAsync($"/api/v1/disputes/screening/rounds/{roundId}", Ct));
        var linked = round.GetProperty("risks").EnumerateArray().Single(r => Id(r) == riskId);
        Assert.Equal(Id(created), linked.GetProperty("disputeId").GetGuid());
        Assert.Equal(created.GetProperty("caseNumber").GetString(), linked.GetProperty("disputeCaseNumber").GetString());
    }
}

public sealed class ScreeningTests_Sqlite(WarningsSqliteApp app) : ScreeningTests(app), IClassFixture<WarningsSqliteApp>;

public sealed class ScreeningTests_Postgres(WarningsPostgresApp app) : ScreeningTests(app), IClassFixture<WarningsPostgresApp>;
