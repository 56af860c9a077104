using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Analytics.Domain;
using Jiexin.Modules.Analytics.Figures;
using Jiexin.Modules.Events.Deadlines;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Territory.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Analytics.Overview;

/// <summary>
/// 指挥中心 overview on each provider: figures of known events through the real intake and actions (tier funnel,
/// overdue from the 红牌 job's bulk claim), the caller's scope, a resident refused — and the honesty check: the kept
/// aggregates equal a naive GROUP BY over the raw events table, folded or not.
/// Tests in a class share one database: they assert differences around their own events, or the whole against the raw table.
/// </summary>
public abstract class OverviewTests(JiexinApp app)
{
    private const string Overview = "/api/v1/analytics/overview";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> OverviewAsync(string user, int? days = null)
    {
        using var client = await app.ClientAsAsync(user);
        var response = await client.GetAsync(days is null ? Overview : $"{Overview}?days={days}", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The demo grid of grid01 (first grid of the first community), as a point inside it.</summary>
    private async Task<(double Lat, double Lng)> PointInGrid01Async()
    {
        var gridId = await app.WithScopeAsync(sp =>
        {
            var territory = sp.GetRequiredService<ITerritoryLookup>();
            return Task.FromResult(territory.GridsOf(territory.Communities[0].Id)[0].Id);
        });
        using var commander = await app.ClientAsAsync("commander");
        var grids = JsonNode.Parse(await commander.GetStringAsync("/api/v1/territory/grids", Ct))!;
        var feature = grids["features"]!.AsArray().First(f => Guid.Parse((string)f!["id"]!) == gridId)!;
        var geometry = feature["geometry"]!;
        var ring = ((string?)geometry["type"] == "MultiPolygon" ? geometry["coordinates"]![0]![0] : geometry["coordinates"]![0])!.AsArray();
        var points = ring.Take(ring.Count - 1).Select(p => (Lng: (double)p![0]!, Lat: (double)p[1]!)).ToList();
        return (points.Average(p => p.Lat), points.Average(p => p.Lng));
    }

    private static async Task<JsonElement> ReportAsync(HttpClient client, string description, (double Lat, double Lng) at)
    {
        var response = await client.PostAsJsonAsync("/api/v1/events", new { description = $"{description} {Guid.NewGuid():N}", latitude = at.Lat, longitude = at.Lng }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<JsonElement> ActAsync(HttpClient client, JsonElement e, string action, object? extra = null)
    {
        var body = JsonSerializer.SerializeToNode(extra ?? new { })!.AsObject();
        body["version"] = e.GetProperty("version").GetInt32();
        var response = await client.PostAsJsonAsync($"/api/v1/events/{e.GetProperty("id").GetGuid()}/actions/{action}", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private Task<Guid> DepartmentAsync(string shortName) =>
        app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<ITerritoryLookup>().FindDepartmentByShortName(shortName)!.Id));

    private Task<int> FoldAsync() => app.WithScopeAsync(sp => sp.GetRequiredService<FoldEventFiguresJob>().RunOnceAsync(Ct));

    /// <summary>Puts the event's deadline in the past and lets the 红牌 job mark it (its bulk UPDATE path).</summary>
    private async Task MakeOverdueAsync(JsonElement e)
    {
        var id = e.GetProperty("id").GetGuid();
        await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Event>().Where(x => x.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.DueAt, DateTime.UtcNow.AddHours(-1)), Ct));
        await app.WithScopeAsync(sp => sp.GetRequiredService<MarkDeadlineWarningsJob>().RunOnceAsync(Ct));
    }

    /// <summary>A grid worker's own event handled and closed in the grid (tier 网格); a department's (tier 街道).</summary>
    private async Task<(JsonElement Open, JsonElement AtDepartment, JsonElement ClosedInGrid, JsonElement ClosedByDepartment, JsonElement Rejected)> KnownEventsAsync()
    {
        var at = await PointInGrid01Async();
        using var resident = await app.ClientAsAsync("resident01");
        using var commander = await app.ClientAsAsync("commander");
        using var grid = await app.ClientAsAsync("grid01");
        using var department = await app.ClientAsAsync("dept-cg");
        var cg = await DepartmentAsync("城管");

        var open = await ReportAsync(resident, "楼道里堆满杂物，影响通行", at);
        var atDepartment = await ActAsync(commander, await ReportAsync(resident, "路灯不亮了，晚上很黑", at), "Dispatch", new { assigneeKind = "Department", assigneeId = cg });

        var inGrid = await ActAsync(grid, await ReportAsync(resident, "小区门口垃圾满了没人清", at), "SelfHandle");
        inGrid = await ActAsync(grid, inGrid, "Handle", new { note = "已清理" });
        inGrid = await ActAsync(grid, inGrid, "VerifyPass");
        inGrid = await ActAsync(grid, inGrid, "Close");

        var byDepartment = await ActAsync(commander, await ReportAsync(resident, "井盖缺失很危险", at), "Dispatch", new { assigneeKind = "Department", assigneeId = cg });
        byDepartment = await ActAsync(department, byDepartment, "Accept");
        byDepartment = await ActAsync(department, byDepartment, "Handle", new { note = "已补装井盖" });
        byDepartment = await ActAsync(grid, byDepartment, "VerifyPass");
        byDepartment = await ActAsync(grid, byDepartment, "Close");

        var rejected = await ActAsync(commander, await ReportAsync(resident, "咨询一下天气", at), "Reject", new { note = "不属于受理范围" });
        await MakeOverdueAsync(open);
        return (open, atDepartment, inGrid, byDepartment, rejected);
    }

    private static long At(JsonElement o, string measure, string window) => o.GetProperty(measure).GetProperty(window).GetInt64();

    private static long Tier(JsonElement o, string tier) => o.GetProperty("resolutionTiers").GetProperty(tier).GetInt64();

    [Fact]
    public async Task Known_events_give_exact_figures_and_the_tier_funnel_in_each_callers_scope()
    {
        var street = await OverviewAsync("commander");
        var leader = await OverviewAsync("leader");
        var community = await OverviewAsync("community01");
        var department = await OverviewAsync("dept-cg");

        var known = await KnownEventsAsync();
        Assert.Equal("Closed", known.ClosedInGrid.GetProperty("status").GetString());
        Assert.Equal("Closed", known.ClosedByDepartment.GetProperty("status").GetString());

        var street2 = await OverviewAsync("commander");
        var leader2 = await OverviewAsync("leader");
        var community2 = await OverviewAsync("community01");
        var department2 = await OverviewAsync("dept-cg");

        foreach (var (before, after) in new[] { (street, street2), (leader, leader2), (community, community2) })
        {
            Assert.Equal(5, At(after, "intake", "days7") - At(before, "intake", "days7"));
            Assert.Equal(5, At(after, "intake", "days365") - At(before, "intake", "days365"));
            Assert.Equal(2, At(after, "open", "now") - At(before, "open", "now"));
            Assert.Equal(2, At(after, "open", "days7") - At(before, "open", "days7"));
            Assert.Equal(1, At(after, "overdue", "now") - At(before, "overdue", "now"));
            Assert.Equal(2, At(after, "closed", "days7") - At(before, "closed", "days7"));
            Assert.Equal(1, Tier(after, "grid") - Tier(before, "grid"));
            Assert.Equal(0, Tier(after, "community") - Tier(before, "community"));
            Assert.Equal(1, Tier(after, "street") - Tier(before, "street"));
            Assert.Equal(0, Tier(after, "aboveStreet") - Tier(before, "aboveStreet"));
        }

        // The department sees what it holds: the dispatched open one and the one it resolved.
        Assert.Equal(2, At(department2, "intake", "days7") - At(department, "intake", "days7"));
        Assert.Equal(1, At(department2, "open", "now") - At(department, "open", "now"));
        Assert.Equal(0, At(department2, "overdue", "now") - At(department, "overdue", "now"));
        Assert.Equal(1, At(department2, "closed", "days7") - At(department, "closed", "days7"));
        Assert.Equal(1, Tier(department2, "street") - Tier(department, "street"));
        Assert.Equal(0, Tier(department2, "grid") - Tier(department, "grid"));

        // Breakdown by department names 城管 with the two.
        long CgIntake(JsonElement o) => o.GetProperty("byDepartment").EnumerateArray()
            .Where(l => l.GetProperty("name").GetString() == "城管").Select(l => l.GetProperty("intake").GetInt64()).FirstOrDefault();
        Assert.Equal(2, CgIntake(street2) - CgIntake(street));
    }

    [Fact]
    public async Task A_resident_is_refused()
    {
        using var resident = await app.ClientAsAsync("resident01");
        var response = await resident.GetAsync(Overview, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Overview, Ct)).StatusCode);
    }

    [Fact]
    public async Task Aggregates_equal_a_naive_group_by_over_the_raw_events_folded_or_not()
    {
        await KnownEventsAsync();
        await Compare();
        Assert.True(await FoldAsync() > 0);
        await Compare();

        // More changes after the fold: reopen a closed one, then half folded, half in deltas.
        using var commander = await app.ClientAsAsync("commander");
        var known = await KnownEventsAsync();
        await ActAsync(commander, known.ClosedInGrid, "Reopen", new { note = "居民反映问题复发" });
        await Compare();
        await FoldAsync();
        await FoldAsync(); // idempotent: nothing left to fold twice
        await Compare();
    }

    [Fact]
    public async Task Two_folds_at_once_count_every_delta_once()
    {
        // SQLite reads the deltas before it takes the write lock, so both folds may read the same rows: the one whose
        // delete finds them gone must undo its bucket writes and read again. PostgreSQL serialises them with a lock.
        await KnownEventsAsync();
        await KnownEventsAsync();
        var pending = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<EventFigureDelta>().CountAsync(Ct));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var folds = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            await gate.Task;
            return await FoldAsync();
        }, Ct)).ToList();
        gate.SetResult();
        var folded = await Task.WhenAll(folds);
        Assert.True(pending > 0);
        Assert.Equal(pending, folded.Sum());
        await Compare();
        Assert.Equal(0, await FoldAsync());
    }

    [Fact]
    public async Task A_fold_in_ranges_of_a_few_ids_folds_every_delta_once()
    {
        // SQLite folds at most RangeIds ids per transaction (PostgreSQL ignores it): three ids a range takes the loop
        // over many ranges, each summed by the database and deleted by id range.
        await KnownEventsAsync();
        var pending = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<EventFigureDelta>().CountAsync(Ct));
        Assert.True(pending > 6, $"only {pending} deltas");
        var folded = await app.WithScopeAsync(sp => new FoldEventFiguresJob(sp.GetRequiredService<JiexinDbContext>()) { RangeIds = 3 }.RunOnceAsync(Ct));
        Assert.Equal(pending, folded);
        await Compare();
        Assert.Equal(0, await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<EventFigureDelta>().CountAsync(Ct)));
    }

    [Fact]
    public async Task Windows_breakdowns_and_trend_over_backdated_events_equal_a_naive_group_by()
    {
        // Spread known events over the last 400 days so windows cut months (month buckets inside, day buckets at the
        // edges), then rebuild the buckets from the raw table as `demo generate` does.
        var known = await KnownEventsAsync();
        await KnownEventsAsync();
        int[] ago = [0, 2, 6, 7, 13, 29, 30, 31, 45, 62, 100, 200, 364, 365, 400];
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            var i = 0;
            foreach (var e in await db.Set<Event>().OrderBy(e => e.Id).ToListAsync(Ct))
            {
                var shift = TimeSpan.FromDays(ago[i++ % ago.Length]);
                var entry = db.Entry(e);
                entry.Property(x => x.CreatedAt).CurrentValue = e.CreatedAt - shift;
                entry.Property(x => x.ClosedAt).CurrentValue = e.ClosedAt - shift;
            }

            return await db.SaveChangesAsync(Ct);
        });

        await app.WithScopeAsync(sp => sp.GetRequiredService<EventFiguresRebuild>().RunAsync(Ct));
        foreach (var days in new[] { 7, 30, 365 })
        {
            await Compare(days);
        }

        // A change after the rebuild lands in the deltas (today) and is counted with the buckets.
        using var commander = await app.ClientAsAsync("commander");
        var current = await commander.GetFromJsonAsync<JsonElement>($"/api/v1/events/{known.ClosedInGrid.GetProperty("id").GetGuid()}", Ct);
        await ActAsync(commander, current, "Reopen", new { note = "居民反映问题复发" });
        await Compare(365);
    }

    /// <summary>The overview (all territory) against counts written naively over the raw table, for every window.</summary>
    private async Task Compare(int breakdownDays = 30)
    {
        var overview = await OverviewAsync("commander", breakdownDays);
        var today = DateOnly.Parse(overview.GetProperty("today").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var events = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Event>().AsNoTracking()
            .Select(e => new { e.CreatedAt, e.Status, e.Warning, e.ClosedAt, e.ResolvedTier, e.CategoryCode }).ToListAsync(Ct));
        static DateOnly China(DateTime utc) => DateOnly.FromDateTime(DateTime.SpecifyKind(utc, DateTimeKind.Utc).AddHours(8));
        bool IsOpen(EventStatus s) => s is not (EventStatus.Closed or EventStatus.Merged or EventStatus.Rejected);
        foreach (var (window, days) in new[] { ("today", 1), ("days7", 7), ("days30", 30), ("days365", 365) })
        {
            var from = today.AddDays(1 - days);
            var reported = events.Where(e => China(e.CreatedAt) >= from && China(e.CreatedAt) <= today).ToList();
            var closed = events.Where(e => e.Status == EventStatus.Closed && China(e.ClosedAt!.Value) >= from && China(e.ClosedAt.Value) <= today).ToList();
            Assert.Equal(reported.Count, At(overview, "intake", window));
            Assert.Equal(reported.Count(e => IsOpen(e.Status)), At(overview, "open", window));
            Assert.Equal(reported.Count(e => IsOpen(e.Status) && e.Warning == DeadlineWarning.Overdue), At(overview, "overdue", window));
            Assert.Equal(closed.Count, At(overview, "closed", window));
            if (days == 365)
            {
                Assert.Equal(closed.Count(e => e.ResolvedTier == ResolutionTier.Grid), Tier(overview, "grid"));
                Assert.Equal(closed.Count(e => e.ResolvedTier == ResolutionTier.Community), Tier(overview, "community"));
                Assert.Equal(closed.Count(e => e.ResolvedTier == ResolutionTier.Street), Tier(overview, "street"));
                Assert.Equal(closed.Count(e => e.ResolvedTier == ResolutionTier.AboveStreet), Tier(overview, "aboveStreet"));
            }
        }

        Assert.Equal(events.Count(e => IsOpen(e.Status)), At(overview, "open", "now"));
        Assert.Equal(events.Count(e => IsOpen(e.Status) && e.Warning == DeadlineWarning.Overdue), At(overview, "overdue", "now"));
        // By 大类 over the breakdown window: intake and closed per first two digits of the 小类; open and overdue now.
        Assert.Equal(breakdownDays, overview.GetProperty("breakdownDays").GetInt32());
        var fromLines = today.AddDays(1 - breakdownDays);
        static string Group(string? code) => code is { Length: >= 2 } c ? c[..2] : "";
        var lines = overview.GetProperty("byCategory").EnumerateArray().ToList();
        Dictionary<string, long> Kept(string measure) => lines.Where(l => l.GetProperty(measure).GetInt64() != 0)
            .ToDictionary(l => l.GetProperty("key").GetString()!, l => l.GetProperty(measure).GetInt64());
        static Dictionary<string, long> Naive<T>(IEnumerable<T> xs, Func<T, string> key) => xs.GroupBy(key).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(Naive(events.Where(e => China(e.CreatedAt) >= fromLines && China(e.CreatedAt) <= today), e => Group(e.CategoryCode)).OrderBy(p => p.Key), Kept("intake").OrderBy(p => p.Key));
        Assert.Equal(Naive(events.Where(e => e.Status == EventStatus.Closed && China(e.ClosedAt!.Value) >= fromLines && China(e.ClosedAt.Value) <= today), e => Group(e.CategoryCode)).OrderBy(p => p.Key),
            Kept("closed").OrderBy(p => p.Key));
        Assert.Equal(Naive(events.Where(e => IsOpen(e.Status)), e => Group(e.CategoryCode)).OrderBy(p => p.Key), Kept("open").OrderBy(p => p.Key));

        // The 30-day trend: intake and closed per day.
        foreach (var point in overview.GetProperty("trend").EnumerateArray())
        {
            var day = DateOnly.Parse(point.GetProperty("day").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(events.Count(e => China(e.CreatedAt) == day), point.GetProperty("intake").GetInt64());
            Assert.Equal(events.Count(e => e.Status == EventStatus.Closed && China(e.ClosedAt!.Value) == day), point.GetProperty("closed").GetInt64());
        }
    }
}

public sealed class OverviewTests_Sqlite(SqliteApp app) : OverviewTests(app), IClassFixture<SqliteApp>;

public sealed class OverviewTests_Postgres(PostgresApp app) : OverviewTests(app), IClassFixture<PostgresApp>;
