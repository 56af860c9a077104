using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Analytics.Domain;
using Jiexin.Modules.Analytics.Figures;
using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Calendar;
using Jiexin.Platform.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Analytics.Overview;

/// <summary>
/// 指挥中心 overview: intake, open, overdue and closed for today and the last 7/30/365 days, by 大类, community and
/// department, and the resolution-tier funnel — in the caller's scope. Read from the folded buckets (month buckets
/// for whole months, day buckets for the edges) plus the deltas not folded yet: exact, and a few small index ranges
/// whatever the number of events.
/// </summary>
public static class GetOverview
{
    public static readonly int[] Windows = [1, 7, 30, 365];

    private static readonly FigureDimension[] BreakdownDimensions = [FigureDimension.Category, FigureDimension.Community, FigureDimension.Department];

    private static readonly FigureDimension[] AllDimensions = [FigureDimension.Total, .. BreakdownDimensions];

    /// <summary>Days of the intake/closed trend line, today included.</summary>
    public const int TrendDays = 30;

    /// <summary>One breakdown line's sum; a named type so three range queries can be concatenated into one UNION ALL.</summary>
    private sealed class LineSum
    {
        public FigureDimension Dimension { get; init; }

        public string Value { get; init; } = "";

        public FigureMeasure Measure { get; init; }

        public long Count { get; init; }
    }

    /// <summary>Counts for today and the last 7, 30 and 365 days (China dates, today included); <c>Now</c>: all open work now.</summary>
    public sealed record Counts(long Today, long Days7, long Days30, long Days365, long? Now = null);

    /// <summary>Closed events by the tier that resolved them: 网格, 村社区, 街道, 街道以上.</summary>
    public sealed record Tiers(long Grid, long Community, long Street, long AboveStreet);

    public sealed record Period(int Days, DateOnly From, DateOnly To, long Intake, long Closed, long Open, long Overdue, Tiers ResolutionTiers);

    /// <summary>One line of a breakdown: intake and closed over <see cref="Overview.BreakdownDays"/>, open and overdue now.</summary>
    public sealed record Line(string Key, string Name, long Intake, long Closed, long Open, long Overdue);

    public sealed record DayPoint(DateOnly Day, long Intake, long Closed);

    public sealed record Overview(
        DateTime AsOf,
        DateOnly Today,
        Counts Intake,
        Counts Open,
        Counts Overdue,
        Counts Closed,
        Tiers ResolutionTiers,
        int ResolutionTiersDays,
        IReadOnlyList<Period> Periods,
        int BreakdownDays,
        IReadOnlyList<Line> ByCategory,
        IReadOnlyList<Line> ByCommunity,
        IReadOnlyList<Line> ByDepartment,
        IReadOnlyList<DayPoint> Trend);

    /// <summary>One window's sums: totals by (measure, tier) and, when asked, breakdown lines by (dimension, value, measure).</summary>
    public sealed class Sums
    {
        public Dictionary<(FigureMeasure Measure, short Tier), long> Totals { get; } = [];

        public Dictionary<(FigureDimension Dimension, string Value, FigureMeasure Measure), long> Lines { get; } = [];

        public long Total(FigureMeasure m) => Totals.Where(t => t.Key.Measure == m).Sum(t => t.Value);

        public long Tier(short tier) => Totals.GetValueOrDefault((FigureMeasure.Closed, tier));

        public void AddTotal(FigureMeasure m, short tier, long count) =>
            Totals[(m, m == FigureMeasure.Closed ? tier : (short)-1)] = Totals.GetValueOrDefault((m, m == FigureMeasure.Closed ? tier : (short)-1)) + count;

        public void AddLine(FigureDimension d, string value, FigureMeasure m, long count) =>
            Lines[(d, value, m)] = Lines.GetValueOrDefault((d, value, m)) + count;
    }

    public sealed class Handler(JiexinDbContext db, IOrgScope scopes, ITerritoryLookup territory, ICategoryDirectory categories, TimeProvider clock)
    {
        /// <summary>Null when the caller has no scope to see figures of.</summary>
        public async Task<Overview?> Handle(ClaimsPrincipal user, int? breakdownDays, CancellationToken ct)
        {
            var scope = scopes.FilterFor(user);
            var keys = ScopeKeys(scope);
            if (keys.Count == 0)
            {
                return null;
            }

            var today = ChinaTime.Today(clock).DayNumber;
            var days = breakdownDays is { } d && Windows.Contains(d) ? d : 30;
            var read = await ReadSnapshot.ReadAsync(db, t => ReadAsync(scope, keys, today, days, t), ct);
            var periods = Windows.Select(w => (Days: w, Sums: read.Windows[w])).ToList();
            var now = read.Now;
            var trend = read.Trend;

            Counts CountsOf(FigureMeasure m, long? all) => new(
                periods[0].Sums.Total(m), periods[1].Sums.Total(m), periods[2].Sums.Total(m), periods[3].Sums.Total(m), all);
            var breakdown = periods.First(p => p.Days == days).Sums;

            var categoryNames = categories.Groups.ToDictionary(g => g.Code, g => g.Name);
            var communityNames = territory.Communities.ToDictionary(c => c.Id.ToString(), c => c.Name);
            var departmentNames = territory.Departments.ToDictionary(c => c.Id.ToString(), c => c.ShortName);

            return new Overview(
                clock.GetUtcNow().UtcDateTime,
                DateOnly.FromDayNumber(today),
                CountsOf(FigureMeasure.Intake, null),
                CountsOf(FigureMeasure.Open, now.Total(FigureMeasure.Open)),
                CountsOf(FigureMeasure.Overdue, now.Total(FigureMeasure.Overdue)),
                CountsOf(FigureMeasure.Closed, null),
                TiersOf(periods[^1].Sums),
                365,
                [.. periods.Select(p => new Period(p.Days, DateOnly.FromDayNumber(today - p.Days + 1), DateOnly.FromDayNumber(today),
                    p.Sums.Total(FigureMeasure.Intake), p.Sums.Total(FigureMeasure.Closed), p.Sums.Total(FigureMeasure.Open),
                    p.Sums.Total(FigureMeasure.Overdue), TiersOf(p.Sums)))],
                days,
                Lines(FigureDimension.Category, breakdown, now, k => k.Length == 0 ? Text.T("未分类", "Unclassified") : categoryNames.GetValueOrDefault(k, k)),
                Lines(FigureDimension.Community, breakdown, now, k => k.Length == 0 ? Text.T("未定位", "No place") : communityNames.GetValueOrDefault(k, k)),
                Lines(FigureDimension.Department, breakdown, now, k => k.Length == 0 ? Text.T("未派部门", "No department") : departmentNames.GetValueOrDefault(k, k)),
                trend);
        }

        /// <summary>
        /// The bucket scopes that make up the caller's scope, without overlap: the street; else its communities (each
        /// with its grids); else its grids; else its departments.
        /// </summary>
        private static List<(FigureScope Kind, Guid Id)> ScopeKeys(ScopeFilter scope) =>
            scope.AllTerritory ? [(FigureScope.All, Guid.Empty)]
            : scope.CommunityIds.Length > 0 ? [.. scope.CommunityIds.Select(id => (FigureScope.Community, id))]
            : scope.GridIds.Length > 0 ? [.. scope.GridIds.Select(id => (FigureScope.Grid, id))]
            : [.. scope.DepartmentIds.Select(id => (FigureScope.Department, id))];

        private static Tiers TiersOf(Sums sums) => new(sums.Tier(0), sums.Tier(1), sums.Tier(2), sums.Tier(3));

        private static List<Line> Lines(FigureDimension dimension, Sums flows, Sums now, Func<string, string> name)
        {
            var values = flows.Lines.Keys.Concat(now.Lines.Keys).Where(k => k.Dimension == dimension).Select(k => k.Value).Distinct();
            return [.. values
                .Select(v => new Line(
                    v,
                    name(v),
                    flows.Lines.GetValueOrDefault((dimension, v, FigureMeasure.Intake)),
                    flows.Lines.GetValueOrDefault((dimension, v, FigureMeasure.Closed)),
                    now.Lines.GetValueOrDefault((dimension, v, FigureMeasure.Open)),
                    now.Lines.GetValueOrDefault((dimension, v, FigureMeasure.Overdue))))
                .Where(l => l.Intake != 0 || l.Closed != 0 || l.Open != 0 || l.Overdue != 0)
                .OrderByDescending(l => l.Intake).ThenByDescending(l => l.Open)];
        }

        private sealed record Read(Dictionary<int, Sums> Windows, Sums Now, List<DayPoint> Trend);

        /// <summary>
        /// Everything the overview shows in four queries, whatever the scope or windows (each round trip costs a few ms on a
        /// busy server, so fewer beat smaller): (1) the day totals of the last 365 days — every window's totals and the
        /// trend; (2) the breakdown window's lines — month buckets for its whole months, day buckets for its edges, in one
        /// UNION ALL; (3) open and overdue now — month buckets, which cover every report day up to today; (4) the deltas
        /// not folded yet, at full detail, filtered by the caller's scope directly. The caller runs it in one snapshot: a fold
        /// committed between (1)–(3) and (4) would drop its deltas from every figure.
        /// </summary>
        private async Task<Read> ReadAsync(ScopeFilter scope, List<(FigureScope Kind, Guid Id)> keys, int today, int lineDays, CancellationToken ct)
        {
            var kind = keys[0].Kind;
            var ids = keys.Select(k => k.Id).ToArray();
            FigureMeasure[] flows = [FigureMeasure.Intake, FigureMeasure.Closed, FigureMeasure.Open, FigureMeasure.Overdue];
            FigureMeasure[] current = [FigureMeasure.Open, FigureMeasure.Overdue];
            var first = today - Windows.Max() + 1;
            var trendFrom = today - TrendDays + 1;
            var windows = Windows.ToDictionary(w => w, _ => new Sums());
            var now = new Sums();
            var trend = new Dictionary<(int Day, FigureMeasure Measure), long>();
            var buckets = db.Set<EventFigureBucket>().AsNoTracking().Where(x => x.ScopeKind == kind && Enumerable.Contains(ids, x.ScopeId));

            void AddFlow(FigureMeasure measure, short tier, int day, long count)
            {
                foreach (var w in Windows)
                {
                    if (day > today - w)
                    {
                        windows[w].AddTotal(measure, tier, count);
                    }
                }

                if (day >= trendFrom && measure is FigureMeasure.Intake or FigureMeasure.Closed)
                {
                    trend[(day, measure)] = trend.GetValueOrDefault((day, measure)) + count;
                }
            }

            // (1) Rows, not groups: with one scope key each row is already one (measure, tier, day).
            foreach (var x in await buckets
                         .Where(x => x.Grain == FigureGrain.Day && x.Dimension == FigureDimension.Total
                                     && Enumerable.Contains(flows, x.Measure) && x.Day >= first && x.Day <= today)
                         .Select(x => new { x.Measure, x.Tier, x.Day, x.Count })
                         .ToListAsync(ct))
            {
                AddFlow(x.Measure, x.Tier, x.Day, x.Count);
            }

            // (2) One to three ranges, concatenated (three query shapes, each cached). Dimensions and measures are listed,
            // never "<> Total": listed values let the index seek to each (dimension, measure, day range) instead of
            // walking every breakdown row of the scope.
            IQueryable<LineSum>? lineQuery = null;
            foreach (var (grain, from, to) in Ranges(today - lineDays + 1, today))
            {
                var range = buckets
                    .Where(x => x.Grain == grain && Enumerable.Contains(BreakdownDimensions, x.Dimension) && Enumerable.Contains(flows, x.Measure) && x.Day >= from && x.Day <= to)
                    .GroupBy(x => new { x.Dimension, x.Value, x.Measure })
                    .Select(g => new LineSum { Dimension = g.Key.Dimension, Value = g.Key.Value, Measure = g.Key.Measure, Count = g.Sum(x => x.Count) });
                lineQuery = lineQuery is null ? range : lineQuery.Concat(range);
            }

            var lineWindow = windows[lineDays];
            foreach (var l in await lineQuery!.ToListAsync(ct))
            {
                lineWindow.AddLine(l.Dimension, l.Value, l.Measure, l.Count);
            }

            // (3) Open/overdue buckets exist only while work is open; a month bucket holds every report day of its month.
            foreach (var x in await buckets
                         .Where(x => x.Grain == FigureGrain.Month && Enumerable.Contains(AllDimensions, x.Dimension) && Enumerable.Contains(current, x.Measure) && x.Day <= today)
                         .GroupBy(x => new { x.Dimension, x.Value, x.Measure, x.Tier })
                         .Select(g => new { g.Key.Dimension, g.Key.Value, g.Key.Measure, g.Key.Tier, Count = g.Sum(x => x.Count) })
                         .ToListAsync(ct))
            {
                if (x.Dimension == FigureDimension.Total)
                {
                    now.AddTotal(x.Measure, x.Tier, x.Count);
                }
                else
                {
                    now.AddLine(x.Dimension, x.Value, x.Measure, x.Count);
                }
            }

            // (4) Deltas not folded yet: few rows.
            foreach (var x in await Scoped(db.Set<EventFigureDelta>().AsNoTracking(), scope)
                         .Where(x => Enumerable.Contains(flows, x.Measure) && x.Day <= today)
                         .GroupBy(x => new { x.Measure, x.Category, x.CommunityId, x.DepartmentId, x.Tier, x.Day })
                         .Select(g => new { g.Key.Measure, g.Key.Category, g.Key.CommunityId, g.Key.DepartmentId, g.Key.Tier, g.Key.Day, Count = g.Sum(x => (long)x.Delta) })
                         .ToListAsync(ct))
            {
                var community = x.CommunityId == Guid.Empty ? "" : x.CommunityId.ToString();
                var department = x.DepartmentId == Guid.Empty ? "" : x.DepartmentId.ToString();
                if (x.Day >= first)
                {
                    AddFlow(x.Measure, x.Tier, x.Day, x.Count);
                    if (x.Day > today - lineDays)
                    {
                        AddLines(lineWindow, x.Measure, x.Category, community, department, x.Count);
                    }
                }

                if (x.Measure is FigureMeasure.Open or FigureMeasure.Overdue)
                {
                    now.AddTotal(x.Measure, x.Tier, x.Count);
                    AddLines(now, x.Measure, x.Category, community, department, x.Count);
                }
            }

            return new Read(
                windows,
                now,
                [.. Enumerable.Range(trendFrom, TrendDays).Select(day => new DayPoint(
                    DateOnly.FromDayNumber(day),
                    trend.GetValueOrDefault((day, FigureMeasure.Intake)),
                    trend.GetValueOrDefault((day, FigureMeasure.Closed))))]);
        }

        private static void AddLines(Sums sums, FigureMeasure measure, string category, string community, string department, long count)
        {
            sums.AddLine(FigureDimension.Category, category, measure, count);
            sums.AddLine(FigureDimension.Community, community, measure, count);
            sums.AddLine(FigureDimension.Department, department, measure, count);
        }

        /// <summary>Days [from, to] as month buckets for the whole months inside and day buckets for the edges.</summary>
        private static List<(FigureGrain Grain, int From, int To)> Ranges(int from, int to)
        {
            var ranges = new List<(FigureGrain Grain, int From, int To)>();
            var firstWholeMonth = DateOnly.FromDayNumber(from).Day == 1 ? from : NextMonth(from);
            var afterWholeMonths = FigureKey.MonthOf(to + 1);
            if (firstWholeMonth < afterWholeMonths)
            {
                ranges.Add((FigureGrain.Month, firstWholeMonth, afterWholeMonths - 1));
                if (from < firstWholeMonth)
                {
                    ranges.Add((FigureGrain.Day, from, firstWholeMonth - 1));
                }

                if (afterWholeMonths <= to)
                {
                    ranges.Add((FigureGrain.Day, afterWholeMonths, to));
                }
            }
            else
            {
                ranges.Add((FigureGrain.Day, from, to));
            }

            return ranges;
        }

        private static int NextMonth(int day)
        {
            var d = DateOnly.FromDayNumber(day);
            return new DateOnly(d.Year, d.Month, 1).AddMonths(1).DayNumber;
        }

        /// <summary>A delta is in scope when its community, grid or department is (a community sees its own, a department what it holds).</summary>
        private static IQueryable<EventFigureDelta> Scoped(IQueryable<EventFigureDelta> rows, ScopeFilter scope)
        {
            if (scope.AllTerritory)
            {
                return rows;
            }

            var keys = ScopeKeys(scope);
            var communities = keys.Where(k => k.Kind == FigureScope.Community).Select(k => k.Id).ToArray();
            var grids = keys.Where(k => k.Kind == FigureScope.Grid).Select(k => k.Id).ToArray();
            var departments = keys.Where(k => k.Kind == FigureScope.Department).Select(k => k.Id).ToArray();
            return rows.Where(x => Enumerable.Contains(communities, x.CommunityId) || Enumerable.Contains(grids, x.GridId) || Enumerable.Contains(departments, x.DepartmentId));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder group) =>
        group.MapGet("/overview", async Task<Results<Ok<Overview>, ForbidHttpResult>> (int? days, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.Handle(user, days, ct) is { } overview ? TypedResults.Ok(overview) : TypedResults.Forbid())
            .RequireAuthorization(Policies.Staff)
            .WithName("Analytics.Overview");
}
