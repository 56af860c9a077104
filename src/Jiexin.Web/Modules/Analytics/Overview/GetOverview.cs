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

    /// <summary>Summed counts of one key shape (no day): what one window's queries return.</summary>
    public sealed record Sum(FigureMeasure Measure, string Category, Guid CommunityId, Guid DepartmentId, short Tier, long Count);

    public sealed class Handler(JiexinDbContext db, IOrgScope scopes, ITerritoryLookup territory, ICategoryDirectory categories, TimeProvider clock)
    {
        /// <summary>Null when the caller has no scope to see figures of.</summary>
        public async Task<Overview?> Handle(ClaimsPrincipal user, int? breakdownDays, CancellationToken ct)
        {
            var scope = scopes.FilterFor(user);
            if (scope.IsEmpty)
            {
                return null;
            }

            var today = ChinaTime.Today(clock).DayNumber;
            var days = breakdownDays is { } d && Windows.Contains(d) ? d : 30;
            FigureMeasure[] flows = [FigureMeasure.Intake, FigureMeasure.Closed, FigureMeasure.Open, FigureMeasure.Overdue];

            var periods = new List<(int Days, List<Sum> Sums)>();
            foreach (var window in Windows)
            {
                periods.Add((window, await SumAsync(scope, flows, today - window + 1, today, ct)));
            }

            // Open and overdue now: every open event whatever its report day (these buckets only exist while work is open).
            var now = await SumAsync(scope, [FigureMeasure.Open, FigureMeasure.Overdue], 1, today, ct);
            var trend = await TrendAsync(scope, today - 29, today, ct);

            long Total(List<Sum> sums, FigureMeasure m) => sums.Where(s => s.Measure == m).Sum(s => s.Count);
            Counts CountsOf(FigureMeasure m, long? all) => new(
                Total(periods[0].Sums, m), Total(periods[1].Sums, m), Total(periods[2].Sums, m), Total(periods[3].Sums, m), all);
            var year = periods[^1].Sums;
            var breakdown = periods.First(p => p.Days == days).Sums.Where(s => s.Measure is FigureMeasure.Intake or FigureMeasure.Closed).Concat(now).ToList();

            var categoryNames = categories.Groups.ToDictionary(g => g.Code, g => g.Name);
            var communityNames = territory.Communities.ToDictionary(c => c.Id, c => c.Name);
            var departmentNames = territory.Departments.ToDictionary(c => c.Id, c => c.ShortName);

            return new Overview(
                clock.GetUtcNow().UtcDateTime,
                DateOnly.FromDayNumber(today),
                CountsOf(FigureMeasure.Intake, null),
                CountsOf(FigureMeasure.Open, Total(now, FigureMeasure.Open)),
                CountsOf(FigureMeasure.Overdue, Total(now, FigureMeasure.Overdue)),
                CountsOf(FigureMeasure.Closed, null),
                TiersOf(year),
                365,
                [.. periods.Select(p => new Period(p.Days, DateOnly.FromDayNumber(today - p.Days + 1), DateOnly.FromDayNumber(today),
                    Total(p.Sums, FigureMeasure.Intake), Total(p.Sums, FigureMeasure.Closed), Total(p.Sums, FigureMeasure.Open),
                    Total(p.Sums, FigureMeasure.Overdue), TiersOf(p.Sums)))],
                days,
                Lines(breakdown, s => s.Category, k => k.Length == 0 ? Text.T("未分类", "Unclassified") : categoryNames.GetValueOrDefault(k, k)),
                Lines(breakdown, s => s.CommunityId, k => k == Guid.Empty ? Text.T("未定位", "No place") : communityNames.GetValueOrDefault(k, k.ToString())),
                Lines(breakdown, s => s.DepartmentId, k => k == Guid.Empty ? Text.T("未派部门", "No department") : departmentNames.GetValueOrDefault(k, k.ToString())),
                trend);
        }

        private static Tiers TiersOf(List<Sum> sums)
        {
            long Tier(short t) => sums.Where(s => s.Measure == FigureMeasure.Closed && s.Tier == t).Sum(s => s.Count);
            return new Tiers(Tier(0), Tier(1), Tier(2), Tier(3));
        }

        private static List<Line> Lines<TKey>(List<Sum> sums, Func<Sum, TKey> key, Func<TKey, string> name)
            where TKey : notnull =>
            [.. sums.GroupBy(key)
                .Select(g => new Line(
                    g.Key.ToString()!,
                    name(g.Key),
                    g.Where(s => s.Measure == FigureMeasure.Intake).Sum(s => s.Count),
                    g.Where(s => s.Measure == FigureMeasure.Closed).Sum(s => s.Count),
                    g.Where(s => s.Measure == FigureMeasure.Open).Sum(s => s.Count),
                    g.Where(s => s.Measure == FigureMeasure.Overdue).Sum(s => s.Count)))
                .Where(l => l.Intake != 0 || l.Closed != 0 || l.Open != 0 || l.Overdue != 0)
                .OrderByDescending(l => l.Intake).ThenByDescending(l => l.Open)];

        /// <summary>Sums over days [from, to]: month buckets for the whole months inside, day buckets for the edges, plus unfolded deltas.</summary>
        public async Task<List<Sum>> SumAsync(ScopeFilter scope, FigureMeasure[] measures, int from, int to, CancellationToken ct)
        {
            var sums = new List<Sum>();
            var firstWholeMonth = DateOnly.FromDayNumber(from).Day == 1 ? from : NextMonth(from);
            var afterWholeMonths = FigureKey.MonthOf(to + 1);
            if (firstWholeMonth < afterWholeMonths)
            {
                sums.AddRange(await BucketsAsync(scope, measures, FigureGrain.Month, firstWholeMonth, afterWholeMonths - 1, ct));
                if (from < firstWholeMonth)
                {
                    sums.AddRange(await BucketsAsync(scope, measures, FigureGrain.Day, from, firstWholeMonth - 1, ct));
                }

                if (afterWholeMonths <= to)
                {
                    sums.AddRange(await BucketsAsync(scope, measures, FigureGrain.Day, afterWholeMonths, to, ct));
                }
            }
            else
            {
                sums.AddRange(await BucketsAsync(scope, measures, FigureGrain.Day, from, to, ct));
            }

            sums.AddRange(await Scoped(db.Set<EventFigureDelta>().AsNoTracking(), scope)
                .Where(x => Enumerable.Contains(measures, x.Measure) && x.Day >= from && x.Day <= to)
                .GroupBy(x => new { x.Measure, x.Category, x.CommunityId, x.DepartmentId, x.Tier })
                .Select(g => new Sum(g.Key.Measure, g.Key.Category, g.Key.CommunityId, g.Key.DepartmentId, g.Key.Tier, g.Sum(x => (long)x.Delta)))
                .ToListAsync(ct));
            return sums;
        }

        private Task<List<Sum>> BucketsAsync(ScopeFilter scope, FigureMeasure[] measures, FigureGrain grain, int from, int to, CancellationToken ct) =>
            Scoped(db.Set<EventFigureBucket>().AsNoTracking(), scope)
                .Where(x => x.Grain == grain && Enumerable.Contains(measures, x.Measure) && x.Day >= from && x.Day <= to)
                .GroupBy(x => new { x.Measure, x.Category, x.CommunityId, x.DepartmentId, x.Tier })
                .Select(g => new Sum(g.Key.Measure, g.Key.Category, g.Key.CommunityId, g.Key.DepartmentId, g.Key.Tier, g.Sum(x => x.Count)))
                .ToListAsync(ct);

        private async Task<List<DayPoint>> TrendAsync(ScopeFilter scope, int from, int to, CancellationToken ct)
        {
            FigureMeasure[] measures = [FigureMeasure.Intake, FigureMeasure.Closed];
            var buckets = await Scoped(db.Set<EventFigureBucket>().AsNoTracking(), scope)
                .Where(x => x.Grain == FigureGrain.Day && Enumerable.Contains(measures, x.Measure) && x.Day >= from && x.Day <= to)
                .GroupBy(x => new { x.Measure, x.Day })
                .Select(g => new { g.Key.Measure, g.Key.Day, Count = g.Sum(x => x.Count) })
                .ToListAsync(ct);
            var deltas = await Scoped(db.Set<EventFigureDelta>().AsNoTracking(), scope)
                .Where(x => Enumerable.Contains(measures, x.Measure) && x.Day >= from && x.Day <= to)
                .GroupBy(x => new { x.Measure, x.Day })
                .Select(g => new { g.Key.Measure, g.Key.Day, Count = g.Sum(x => (long)x.Delta) })
                .ToListAsync(ct);
            var all = buckets.Concat(deltas).ToList();
            return [.. Enumerable.Range(from, to - from + 1).Select(day => new DayPoint(
                DateOnly.FromDayNumber(day),
                all.Where(x => x.Day == day && x.Measure == FigureMeasure.Intake).Sum(x => x.Count),
                all.Where(x => x.Day == day && x.Measure == FigureMeasure.Closed).Sum(x => x.Count)))];
        }

        private static int NextMonth(int day)
        {
            var d = DateOnly.FromDayNumber(day);
            return new DateOnly(d.Year, d.Month, 1).AddMonths(1).DayNumber;
        }

        /// <summary>A row is in scope when its community, grid or department is (a community sees its own, a department what it holds).</summary>
        private static IQueryable<EventFigureBucket> Scoped(IQueryable<EventFigureBucket> rows, ScopeFilter scope)
        {
            if (scope.AllTerritory)
            {
                return rows;
            }

            var (communities, grids, departments) = (scope.CommunityIds, scope.GridIds, scope.DepartmentIds);
            return rows.Where(x => Enumerable.Contains(communities, x.CommunityId) || Enumerable.Contains(grids, x.GridId) || Enumerable.Contains(departments, x.DepartmentId));
        }

        private static IQueryable<EventFigureDelta> Scoped(IQueryable<EventFigureDelta> rows, ScopeFilter scope)
        {
            if (scope.AllTerritory)
            {
                return rows;
            }

            var (communities, grids, departments) = (scope.CommunityIds, scope.GridIds, scope.DepartmentIds);
            return rows.Where(x => Enumerable.Contains(communities, x.CommunityId) || Enumerable.Contains(grids, x.GridId) || Enumerable.Contains(departments, x.DepartmentId));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder group) =>
        group.MapGet("/overview", async Task<Results<Ok<Overview>, ForbidHttpResult>> (int? days, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.Handle(user, days, ct) is { } overview ? TypedResults.Ok(overview) : TypedResults.Forbid())
            .RequireAuthorization(Policies.Staff)
            .WithName("Analytics.Overview");
}
