using Jiexin.Data;
using Jiexin.Modules.Analytics.Domain;
using Jiexin.Modules.Analytics.Figures;
using Jiexin.Modules.Assessment.Contracts;
using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Disputes.Contracts;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Modules.Warnings.Contracts;
using Jiexin.Platform.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Analytics.MonthlyReport;

/// <summary>A rate as numerator/denominator; <see cref="Value"/> null when there was nothing to rate.</summary>
public sealed record Rate(long Numerator, long Denominator)
{
    public double? Value => Denominator == 0 ? null : Math.Round((double)Numerator / Denominator, 4);
}

/// <summary>Closed events by the tier that resolved them, and the two rates of 小事不出村、大事不出镇.</summary>
public sealed record TierFunnel(long Grid, long Community, long Street, long AboveStreet)
{
    /// <summary>小事不出村: resolved in the grid or the village/community.</summary>
    public Rate InVillage => new(Grid + Community, Grid + Community + Street + AboveStreet);

    /// <summary>大事不出镇: resolved inside the subdistrict (not pushed above it).</summary>
    public Rate InTown => new(Grid + Community + Street, Grid + Community + Street + AboveStreet);
}

/// <summary>One 大类: intake this month, the month before, and the same month a year before; changes as ratios.</summary>
public sealed record CategoryLine(string Code, string Name, long Intake, long PreviousMonth, long LastYear)
{
    public double? MonthOnMonth => PreviousMonth == 0 ? null : Math.Round((double)(Intake - PreviousMonth) / PreviousMonth, 4);

    public double? YearOnYear => LastYear == 0 ? null : Math.Round((double)(Intake - LastYear) / LastYear, 4);
}

/// <summary>One community (street report) or grid (community report): intake and closed in the month, open and overdue at its end.</summary>
public sealed record UnitLine(Guid Id, string Name, long Intake, long Closed, long Open, long Overdue);

public sealed record DisputeSection(int Received, int Closed, int Successful, int Failed, int Referred)
{
    /// <summary>调解成功率: of the cases closed in the month.</summary>
    public Rate SuccessRate => new(Successful, Closed);
}

public sealed record RankLine(string Name, double? Score, int? Rank);

/// <summary>考核: departments (street report) or the community's grids (community report), best and worst; the community's own rank.</summary>
public sealed record AssessmentSection(bool IsClosed, string UnitsLabel, int RankedCount, IReadOnlyList<RankLine> Top, IReadOnlyList<RankLine> Bottom, RankLine? Own, int? OwnRankedCount);

public sealed record NamedCount(string Name, int Count);

public sealed record WarningLine(string Kind, string Severity, string Title, DateTime RaisedAt, string Status);

public sealed record WarningSection(int Total, int Red, int Orange, int Yellow, IReadOnlyList<NamedCount> ByKind, IReadOnlyList<WarningLine> Top);

/// <summary>
/// Every figure of one month's report for one scope, as computed at <see cref="ComputedAt"/>. This record is also the
/// finalised snapshot (stored as JSON): what was signed is what prints later.
/// </summary>
public sealed record ReportFigures(
    string Month,
    string ScopeName,
    DateTime ComputedAt,
    bool MonthComplete,
    long Intake,
    long Closed,
    long OpenAtMonthEnd,
    long OverdueAtMonthEnd,
    long PreviousMonthIntake,
    long LastYearIntake,
    Rate OnTimeCompletion,
    Rate Satisfaction,
    TierFunnel Tiers,
    IReadOnlyList<CategoryLine> TopCategories,
    string UnitsLabel,
    IReadOnlyList<UnitLine> ByUnit,
    DisputeSection Disputes,
    AssessmentSection Assessment,
    WarningSection Warnings);

/// <summary>Whose report: the street (<see cref="CommunityId"/> empty) or one community.</summary>
public readonly record struct ReportScope(ReportScopeKind Kind, Guid CommunityId)
{
    public static readonly ReportScope Street = new(ReportScopeKind.Street, Guid.Empty);

    public Guid? CommunityOrNull => Kind == ReportScopeKind.Community ? CommunityId : null;
}

/// <summary>
/// Computes a month's figures from the folded month buckets of the scope plus the deltas not folded yet (never the
/// events table), and the other modules' contracts: assessment (on-time completion, satisfaction, ranks), disputes,
/// warnings.
/// </summary>
public sealed class MonthlyReportFigures(
    JiexinDbContext db,
    ITerritoryLookup territory,
    ICategoryDirectory categories,
    IAssessmentFigures assessment,
    IDisputeFigures disputes,
    IWarningFigures warnings,
    TimeProvider clock)
{
    public const int TopCategoryCount = 10;

    private const int RankedShown = 3;

    /// <remarks>
    /// Buckets and unfolded deltas are read in one snapshot: read apart, a fold committed between them lost its deltas
    /// from the figures (a Chromium test saw intake 2 right after three reports).
    /// </remarks>
    public Task<ReportFigures> ComputeAsync(string month, ReportScope scope, CancellationToken ct) =>
        ReadSnapshot.ReadAsync(db, t => ComputeInSnapshotAsync(month, scope, t), ct);

    private async Task<ReportFigures> ComputeInSnapshotAsync(string month, ReportScope scope, CancellationToken ct)
    {
        var first = ReportMonths.FirstDay(month);
        int m = first.DayNumber, prev = first.AddMonths(-1).DayNumber, lastYear = first.AddMonths(-12).DayNumber;
        var end = first.AddMonths(1).DayNumber - 1;
        var (kind, id) = scope.Kind == ReportScopeKind.Street ? (FigureScope.All, Guid.Empty) : (FigureScope.Community, scope.CommunityId);
        FigureMeasure[] flows = [FigureMeasure.Intake, FigureMeasure.Closed];
        FigureMeasure[] states = [FigureMeasure.Open, FigureMeasure.Overdue];
        int[] months = [m, prev, lastYear];

        // Flows (intake, closed) of this month, the month before and a year before: totals and breakdown lines.
        var flowRows = await db.Set<EventFigureBucket>().AsNoTracking()
            .Where(x => x.Grain == FigureGrain.Month && x.ScopeKind == kind && x.ScopeId == id && Enumerable.Contains(months, x.Day)
                        && Enumerable.Contains(flows, x.Measure) && x.Dimension != FigureDimension.Department)
            .Select(x => new { x.Dimension, x.Measure, x.Day, x.Value, x.Tier, x.Count })
            .ToListAsync(ct);
        // Open/overdue buckets are keyed by report day and hold only work open now: summing every month up to this one
        // gives the events reported by the month's end that are still open (overdue) now.
        var stateRows = await db.Set<EventFigureBucket>().AsNoTracking()
            .Where(x => x.Grain == FigureGrain.Month && x.ScopeKind == kind && x.ScopeId == id && x.Day <= m
                        && Enumerable.Contains(states, x.Measure) && (x.Dimension == FigureDimension.Total || x.Dimension == FigureDimension.Community))
            .GroupBy(x => new { x.Dimension, x.Value, x.Measure })
            .Select(g => new { g.Key.Dimension, g.Key.Value, g.Key.Measure, Count = g.Sum(x => x.Count) })
            .ToListAsync(ct);

        var flowTotals = new Dictionary<(int Month, FigureMeasure Measure, short Tier), long>();
        var categoryIntake = new Dictionary<(int Month, string Code), long>();
        var units = new Dictionary<(Guid Unit, FigureMeasure Measure), long>();
        var stateTotals = new Dictionary<FigureMeasure, long>();
        static void Add<TKey>(Dictionary<TKey, long> into, TKey key, long count) where TKey : notnull =>
            into[key] = into.GetValueOrDefault(key) + count;

        foreach (var r in flowRows)
        {
            switch (r.Dimension)
            {
                case FigureDimension.Total:
                    Add(flowTotals, (r.Day, r.Measure, r.Measure == FigureMeasure.Closed ? r.Tier : (short)-1), r.Count);
                    break;
                case FigureDimension.Category when r.Measure == FigureMeasure.Intake:
                    Add(categoryIntake, (r.Day, r.Value), r.Count);
                    break;
                case FigureDimension.Community when r.Day == m && scope.Kind == ReportScopeKind.Street && Guid.TryParse(r.Value, out var c):
                    Add(units, (c, r.Measure), r.Count);
                    break;
            }
        }

        foreach (var r in stateRows)
        {
            if (r.Dimension == FigureDimension.Total)
            {
                Add(stateTotals, r.Measure, r.Count);
            }
            else if (scope.Kind == ReportScopeKind.Street && Guid.TryParse(r.Value, out var c))
            {
                Add(units, (c, r.Measure), r.Count);
            }
        }

        // A community's report breaks down by its grids: the grid scopes' totals.
        var grids = scope.Kind == ReportScopeKind.Community ? territory.GridsOf(scope.CommunityId) : [];
        if (grids.Count > 0)
        {
            var gridIds = grids.Select(g => g.Id).ToArray();
            foreach (var r in await db.Set<EventFigureBucket>().AsNoTracking()
                         .Where(x => x.Grain == FigureGrain.Month && x.ScopeKind == FigureScope.Grid && Enumerable.Contains(gridIds, x.ScopeId)
                                     && x.Dimension == FigureDimension.Total
                                     && ((Enumerable.Contains(flows, x.Measure) && x.Day == m) || (Enumerable.Contains(states, x.Measure) && x.Day <= m)))
                         .GroupBy(x => new { x.ScopeId, x.Measure })
                         .Select(g => new { g.Key.ScopeId, g.Key.Measure, Count = g.Sum(x => x.Count) })
                         .ToListAsync(ct))
            {
                Add(units, (r.ScopeId, r.Measure), r.Count);
            }
        }

        // Deltas not folded yet (few rows, full detail), in the scope, up to the month's end.
        var deltas = db.Set<EventFigureDelta>().AsNoTracking().Where(x => x.Day <= end);
        if (scope.Kind == ReportScopeKind.Community)
        {
            deltas = deltas.Where(x => x.CommunityId == scope.CommunityId);
        }

        foreach (var d in await deltas
                     .Where(x => Enumerable.Contains(states, x.Measure) || x.Day >= lastYear)
                     .GroupBy(x => new { x.Measure, x.Day, x.Category, x.CommunityId, x.GridId, x.Tier })
                     .Select(g => new { g.Key.Measure, g.Key.Day, g.Key.Category, g.Key.CommunityId, g.Key.GridId, g.Key.Tier, Count = g.Sum(x => (long)x.Delta) })
                     .ToListAsync(ct))
        {
            var unit = scope.Kind == ReportScopeKind.Street ? d.CommunityId : d.GridId;
            if (d.Measure is FigureMeasure.Open or FigureMeasure.Overdue)
            {
                Add(stateTotals, d.Measure, d.Count);
                Add(units, (unit, d.Measure), d.Count);
                continue;
            }

            var monthOf = FigureKey.MonthOf(d.Day);
            if (!months.Contains(monthOf))
            {
                continue;
            }

            Add(flowTotals, (monthOf, d.Measure, d.Measure == FigureMeasure.Closed ? d.Tier : (short)-1), d.Count);
            if (d.Measure == FigureMeasure.Intake)
            {
                Add(categoryIntake, (monthOf, d.Category), d.Count);
            }

            if (monthOf == m)
            {
                Add(units, (unit, d.Measure), d.Count);
            }
        }

        long Flow(int month, FigureMeasure measure) => flowTotals.Where(t => t.Key.Month == month && t.Key.Measure == measure).Sum(t => t.Value);
        long Tier(short tier) => flowTotals.GetValueOrDefault((m, FigureMeasure.Closed, tier));

        var categoryNames = categories.Groups.ToDictionary(g => g.Code, g => g.Name);
        var topCategories = categoryIntake.Where(c => c.Key.Month == m && c.Value > 0)
            .Select(c => new CategoryLine(
                c.Key.Code,
                c.Key.Code.Length == 0 ? "未分类" : categoryNames.GetValueOrDefault(c.Key.Code, c.Key.Code),
                c.Value,
                categoryIntake.GetValueOrDefault((prev, c.Key.Code)),
                categoryIntake.GetValueOrDefault((lastYear, c.Key.Code))))
            .OrderByDescending(c => c.Intake).ThenBy(c => c.Code, StringComparer.Ordinal)
            .Take(TopCategoryCount)
            .ToList();

        var unitList = scope.Kind == ReportScopeKind.Street ? territory.Communities : grids;
        var byUnit = unitList
            .Select(u => new UnitLine(u.Id, u.Name,
                units.GetValueOrDefault((u.Id, FigureMeasure.Intake)), units.GetValueOrDefault((u.Id, FigureMeasure.Closed)),
                units.GetValueOrDefault((u.Id, FigureMeasure.Open)), units.GetValueOrDefault((u.Id, FigureMeasure.Overdue))))
            .ToList();

        var (fromUtc, toUtc) = ReportMonths.Bounds(month);
        var assessed = await assessment.GetMonthAsync(month, ct);
        var (onTime, satisfaction) = Rates(assessed, scope);
        var disputeCounts = await disputes.CountAsync(fromUtc, toUtc, scope.CommunityOrNull, ct);
        var raised = await warnings.CountAsync(fromUtc, toUtc, scope.CommunityOrNull, 10, ct);

        return new ReportFigures(
            month,
            ScopeName(scope),
            clock.GetUtcNow().UtcDateTime,
            ChinaTime.Today(clock).DayNumber > end,
            Flow(m, FigureMeasure.Intake),
            Flow(m, FigureMeasure.Closed),
            stateTotals.GetValueOrDefault(FigureMeasure.Open),
            stateTotals.GetValueOrDefault(FigureMeasure.Overdue),
            Flow(prev, FigureMeasure.Intake),
            Flow(lastYear, FigureMeasure.Intake),
            onTime,
            satisfaction,
            new TierFunnel(Tier(0), Tier(1), Tier(2), Tier(3)),
            topCategories,
            scope.Kind == ReportScopeKind.Street ? "村社区" : "网格",
            byUnit,
            new DisputeSection(disputeCounts.Received, disputeCounts.Closed, disputeCounts.Successful, disputeCounts.Failed, disputeCounts.Referred),
            AssessmentOf(assessed, scope),
            new WarningSection(raised.Total, raised.Red, raised.Orange, raised.Yellow,
                [.. raised.ByKind.Select(k => new NamedCount(k.Key, k.Value))],
                [.. raised.Top.Select(w => new WarningLine(w.KindName, w.SeverityName, w.Title, w.RaisedAt, w.StatusName))]));
    }

    public string ScopeName(ReportScope scope) => scope.Kind == ReportScopeKind.Street
        ? territory.Street?.Name ?? "街道"
        : territory.Communities.FirstOrDefault(c => c.Id == scope.CommunityId)?.Name ?? "村社区";

    /// <summary>
    /// 按期办结率 (handled by the deadline of all handled or overdue, as assessment counts it) and 满意率 (4–5 stars of
    /// rated): the street sums departments and communities (a community's row includes its grids); a community its row.
    /// </summary>
    private static (Rate OnTime, Rate Satisfaction) Rates(AssessmentMonthFigures assessed, ReportScope scope)
    {
        var rows = scope.Kind == ReportScopeKind.Street
            ? assessed.Units.Where(u => u.Kind is OrgUnitKind.Department or OrgUnitKind.Community).ToList()
            : [.. assessed.Units.Where(u => u.Kind == OrgUnitKind.Community && u.Id == scope.CommunityId)];
        return (new Rate(rows.Sum(r => (long)r.HandledOnTime), rows.Sum(r => (long)r.Handled + r.OpenOverdue)),
            new Rate(rows.Sum(r => (long)r.Satisfied), rows.Sum(r => (long)r.Rated)));
    }

    private AssessmentSection AssessmentOf(AssessmentMonthFigures assessed, ReportScope scope)
    {
        if (scope.Kind == ReportScopeKind.Street)
        {
            var names = territory.Departments.ToDictionary(d => d.Id, d => d.ShortName.Length > 0 ? d.ShortName : d.Name);
            var ranked = assessed.Units.Where(u => u.Kind == OrgUnitKind.Department && u.Rank is not null)
                .Select(u => new RankLine(names.GetValueOrDefault(u.Id, u.Id.ToString()), u.Score, u.Rank)).OrderBy(u => u.Rank).ToList();
            return new AssessmentSection(assessed.IsClosed, "职能部门", ranked.Count, TopOf(ranked), BottomOf(ranked), null, null);
        }

        var gridNames = territory.GridsOf(scope.CommunityId).ToDictionary(g => g.Id, g => g.Name);
        var grids = assessed.Units.Where(u => u.Kind == OrgUnitKind.Grid && u.Rank is not null && gridNames.ContainsKey(u.Id))
            .Select(u => new RankLine(gridNames[u.Id], u.Score, u.Rank)).OrderBy(u => u.Rank).ToList();
        var own = assessed.Units.FirstOrDefault(u => u.Kind == OrgUnitKind.Community && u.Id == scope.CommunityId);
        return new AssessmentSection(assessed.IsClosed, "网格", grids.Count, TopOf(grids), BottomOf(grids),
            own is null ? null : new RankLine(ScopeName(scope), own.Score, own.Rank),
            assessed.Units.Count(u => u.Kind == OrgUnitKind.Community && u.Rank is not null));
    }

    private static List<RankLine> TopOf(List<RankLine> ranked) => [.. ranked.Take(RankedShown)];

    /// <summary>The last few, worst last, never repeating one already among the top.</summary>
    private static List<RankLine> BottomOf(List<RankLine> ranked) => [.. ranked.Skip(Math.Max(RankedShown, ranked.Count - RankedShown))];
}
