using System.Globalization;
using Jiexin.Data;
using Jiexin.Modules.Assessment.Domain;
using Jiexin.Modules.Events.Contracts;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Assessment.Scoring;

/// <summary>One month's results of every unit, with the rule set that scored them.</summary>
public sealed record MonthResults(string Month, bool IsClosed, DateTime? ClosedAt, AssessmentRuleSet Rules, IReadOnlyList<AssessmentResult> Rows)
{
    public IEnumerable<AssessmentResult> OfKind(OrgUnitKind kind) => Rows.Where(r => r.UnitKind == kind);

    public int RankedCount(OrgUnitKind kind) => Rows.Count(r => r.UnitKind == kind && r.Rank is not null);
}

/// <summary>
/// Months of assessment: a closed month is read from its snapshot; any other month (the current one, or a past one not
/// closed yet) is computed live from <see cref="IAssessmentSource"/> with the current rules. Closing snapshots once.
/// </summary>
public sealed class AssessmentMonths(JiexinDbContext db, IAssessmentSource source, ITerritoryLookup territory, TimeProvider clock)
{
    public static bool TryParse(string? text, out string month)
    {
        month = "";
        if (text is null || !DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) || d.Year < 2000 || d.Year > 2100)
        {
            return false;
        }

        month = d.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>The China-time month as a UTC range.</summary>
    public static (DateTime From, DateTime To) Bounds(string month)
    {
        var first = DateTime.ParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture);
        return (ChinaTime.ToUtc(first), ChinaTime.ToUtc(first.AddMonths(1)));
    }

    public static string MonthOf(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public string CurrentMonth => MonthOf(ChinaTime.Today(clock));

    /// <summary>The months from <paramref name="count"/> − 1 before the current one up to it, oldest first.</summary>
    public IReadOnlyList<string> LastMonths(int count)
    {
        var today = ChinaTime.Today(clock);
        var first = new DateOnly(today.Year, today.Month, 1);
        return [.. Enumerable.Range(0, count).Select(i => MonthOf(first.AddMonths(i - count + 1)))];
    }

    public bool IsFuture(string month) => string.CompareOrdinal(month, CurrentMonth) > 0;

    public async Task<AssessmentRuleSet> CurrentRulesAsync(CancellationToken ct) =>
        await db.Set<AssessmentRuleSet>().AsNoTracking().OrderByDescending(r => r.Number).FirstOrDefaultAsync(ct)
        ?? AssessmentRuleDefaults.Create(0, DateTime.UnixEpoch);

    /// <summary>Months read in this scope (a request or one page action): an export reads each kind of the same month.</summary>
    private readonly Dictionary<string, MonthResults> _read = [];

    public async Task<MonthResults> GetAsync(string month, CancellationToken ct)
    {
        if (_read.TryGetValue(month, out var known))
        {
            return known;
        }

        var results = await ReadAsync(month, ct);
        _read[month] = results;
        return results;
    }

    private async Task<MonthResults> ReadAsync(string month, CancellationToken ct)
    {
        var closed = await db.Set<AssessmentMonth>().AsNoTracking().SingleOrDefaultAsync(m => m.Month == month, ct);
        if (closed is not null)
        {
            var rules = await db.Set<AssessmentRuleSet>().AsNoTracking().SingleAsync(r => r.Id == closed.RuleSetId, ct);
            var rows = await db.Set<AssessmentResult>().AsNoTracking().Where(r => r.Month == month).ToListAsync(ct);
            return new(month, true, closed.ClosedAt, rules, rows);
        }

        var current = await CurrentRulesAsync(ct);
        return new(month, false, null, current, await ComputeAsync(month, current, ct));
    }

    /// <summary>Closes (封存) a month that has ended; false when it was closed already (by anyone, any instance).</summary>
    public async Task<bool> CloseAsync(string month, string? closedByName, CancellationToken ct)
    {
        _read.Remove(month);
        if (await db.Set<AssessmentMonth>().AnyAsync(m => m.Month == month, ct))
        {
            return false;
        }

        var rules = await db.Set<AssessmentRuleSet>().OrderByDescending(r => r.Number).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException("No assessment rule set: the seeder runs at start-up.");
        var rows = await ComputeAsync(month, rules, ct);
        db.Add(new AssessmentMonth { Month = month, RuleSetId = rules.Id, ClosedAt = clock.GetUtcNow().UtcDateTime, ClosedByName = closedByName });
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var row in rows)
        {
            row.Id = Guid.CreateVersion7(now);
            db.Add(row);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance (or the job and the button) closed it first: its snapshot stands.
            db.ChangeTracker.Clear();
            if (await db.Set<AssessmentMonth>().AnyAsync(m => m.Month == month, ct))
            {
                return false;
            }

            throw;
        }
    }

    private async Task<List<AssessmentResult>> ComputeAsync(string month, AssessmentRuleSet rules, CancellationToken ct)
    {
        var (from, to) = Bounds(month);
        var counts = await source.CountAsync(new AssessmentPeriod(from, to, clock.GetUtcNow().UtcDateTime, TimeSpan.FromHours(rules.ResponseWorkingHours)), ct);
        var byUnit = counts.ToDictionary(c => (c.Kind, c.Id));
        AssessmentUnitCounts? Of(OrgUnitKind kind, Guid id) => byUnit.GetValueOrDefault((kind, id));

        var rows = new List<AssessmentResult>();
        foreach (var d in territory.Departments)
        {
            var row = New(month, OrgUnitKind.Department, d.Id);
            if (Of(OrgUnitKind.Department, d.Id) is { } c)
            {
                Add(row, c, OrgUnitKind.Department);
            }

            rows.Add(row);
        }

        foreach (var community in territory.Communities)
        {
            var communityRow = New(month, OrgUnitKind.Community, community.Id);
            if (Of(OrgUnitKind.Community, community.Id) is { } own)
            {
                Add(communityRow, own, OrgUnitKind.Community);
            }

            foreach (var grid in territory.GridsOf(community.Id))
            {
                var gridRow = New(month, OrgUnitKind.Grid, grid.Id);
                if (Of(OrgUnitKind.Grid, grid.Id) is { } c)
                {
                    Add(gridRow, c, OrgUnitKind.Grid);
                    // A community answers for its grids' work as well as its own (小事不出村).
                    Add(communityRow, c, OrgUnitKind.Community);
                }

                rows.Add(gridRow);
            }

            rows.Add(communityRow);
        }

        foreach (var kind in new[] { OrgUnitKind.Department, OrgUnitKind.Community, OrgUnitKind.Grid })
        {
            var ofKind = rows.Where(r => r.UnitKind == kind).ToList();
            foreach (var row in ofKind)
            {
                row.Score = AssessmentScoring.Score(AssessmentScoring.Measures(kind, row, rules));
            }

            AssessmentScoring.Rank(ofKind);
        }

        return rows;
    }

    private static AssessmentResult New(string month, OrgUnitKind kind, Guid id) => new() { Month = month, UnitKind = kind, UnitId = id };

    private static void Add(AssessmentResult row, AssessmentUnitCounts c, OrgUnitKind assessedAs)
    {
        row.Dispatched += c.Dispatched;
        row.AcceptedInTime += c.AcceptedInTime;
        row.Returned += c.Returned;
        row.Handled += c.Handled;
        row.HandledOnTime += c.HandledOnTime;
        row.OpenOverdue += c.OpenOverdue;
        row.Summoned += c.Summoned;
        row.CheckedInOnTime += c.CheckedInOnTime;
        row.FeedbackDue += c.FeedbackDue;
        row.Rated += c.Rated;
        row.Satisfied += c.Satisfied;
        row.Reported += c.Reported;
        row.Discovered += c.Discovered;
        row.Closed += c.Closed;
        // Inside the tier: the grid's own for a grid; the grid's or the community's for a community.
        row.ClosedInTier += assessedAs == OrgUnitKind.Grid ? c.ClosedAtGrid : c.ClosedAtGrid + c.ClosedAtCommunity;
    }
}
