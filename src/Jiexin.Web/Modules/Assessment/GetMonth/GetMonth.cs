using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Assessment.Domain;
using Jiexin.Modules.Assessment.Scoring;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Assessment.GetMonth;

public sealed record RuleSetDto(
    Guid Id, int Number, int ResponseWorkingHours,
    int DepartmentResponse, int DepartmentOnTime, int DepartmentReturns, int DepartmentCheckIn, int DepartmentSatisfaction, int DepartmentFollowUp,
    int AreaDiscovery, int AreaInTier, int AreaOverdue, int AreaSatisfaction,
    string? Note, DateTime CreatedAt, string CreatedByName)
{
    public static RuleSetDto From(AssessmentRuleSet r) => new(
        r.Id, r.Number, r.ResponseWorkingHours,
        r.DepartmentResponse, r.DepartmentOnTime, r.DepartmentReturns, r.DepartmentCheckIn, r.DepartmentSatisfaction, r.DepartmentFollowUp,
        r.AreaDiscovery, r.AreaInTier, r.AreaOverdue, r.AreaSatisfaction, r.Note, r.CreatedAt, r.CreatedByName);
}

public sealed record AssessmentRowDto(
    OrgUnitKind UnitKind, Guid UnitId, string UnitName, string? ParentName, double? Score, int? Rank, int RankedCount,
    IReadOnlyList<MeasureResult> Measures, IReadOnlyList<string> Leaders);

/// <summary>One month, one kind of unit: <see cref="IsClosed"/> says whether it is the snapshot or computed live now.</summary>
public sealed record AssessmentMonthDto(string Month, OrgUnitKind Kind, bool IsClosed, DateTime? ClosedAt, RuleSetDto Rules, IReadOnlyList<AssessmentRowDto> Rows);

/// <summary>考核 of one month: the ranking of departments, communities or grids, in the caller's scope.</summary>
public static class GetMonth
{
    public enum Status
    {
        Ok,
        Forbidden,
        Invalid,
    }

    public sealed record Outcome(Status Status, AssessmentMonthDto? Month = null, string? Field = null, string? Message = null);

    public sealed class Handler(AssessmentMonths months, AssessmentAccess access, ITerritoryLookup territory, JiexinDbContext db)
    {
        public async Task<Outcome> Handle(string? month, string? kind, ClaimsPrincipal user, CancellationToken ct)
        {
            if (access.RowsFor(user) is not { } scope)
            {
                return new(Status.Forbidden, Message: "您没有可查看的考核范围。");
            }

            if (Validate(months, month, kind) is { } invalid)
            {
                return invalid;
            }

            var (m, k) = (Resolve(months, month), ParseKind(kind));
            var results = await months.GetAsync(m, ct);
            var leaders = await LeadersByUnitAsync(db, ct);
            var names = UnitNames(territory);
            var ranked = results.RankedCount(k);
            var rows = results.OfKind(k)
                .Where(r => AssessmentAccess.Sees(scope, r.UnitKind, r.UnitId))
                .Select(r => ToDto(r, results.Rules, ranked, names, leaders))
                .OrderBy(r => r.Rank ?? int.MaxValue).ThenBy(r => r.ParentName).ThenBy(r => r.UnitName)
                .ToList();
            return new(Status.Ok, new AssessmentMonthDto(m, k, results.IsClosed, results.ClosedAt, RuleSetDto.From(results.Rules), rows));
        }
    }

    internal static Outcome? Validate(AssessmentMonths months, string? month, string? kind)
    {
        if (!string.IsNullOrEmpty(month) && !AssessmentMonths.TryParse(month, out _))
        {
            return new(Status.Invalid, Field: "month", Message: "月份格式应为 yyyy-MM，例如 2026-11。");
        }

        if (!string.IsNullOrEmpty(month) && AssessmentMonths.TryParse(month, out var m) && months.IsFuture(m))
        {
            return new(Status.Invalid, Field: "month", Message: "不能查看尚未开始的月份。");
        }

        return string.IsNullOrEmpty(kind) || TryParseKind(kind, out _)
            ? null
            : new(Status.Invalid, Field: "kind", Message: "考核对象应为 Department（部门）、Community（村社区）或 Grid（网格）。");
    }

    internal static string Resolve(AssessmentMonths months, string? month) =>
        AssessmentMonths.TryParse(month, out var m) ? m : months.CurrentMonth;

    internal static bool TryParseKind(string? text, out OrgUnitKind kind) =>
        Enum.TryParse(text, ignoreCase: true, out kind) && kind is OrgUnitKind.Department or OrgUnitKind.Community or OrgUnitKind.Grid && !int.TryParse(text, out _);

    internal static OrgUnitKind ParseKind(string? text) => TryParseKind(text, out var k) ? k : OrgUnitKind.Department;

    internal static async Task<Dictionary<(OrgUnitKind, Guid), List<string>>> LeadersByUnitAsync(JiexinDbContext db, CancellationToken ct) =>
        (await db.Set<LeaderArea>().AsNoTracking().Select(a => new { a.UnitKind, a.UnitId, a.LeaderName }).ToListAsync(ct))
        .GroupBy(a => (a.UnitKind, a.UnitId))
        .ToDictionary(g => g.Key, g => g.Select(a => a.LeaderName).Order().ToList());

    /// <summary>(kind, id) → (name, parent name) for departments, communities and grids.</summary>
    internal static Dictionary<(OrgUnitKind, Guid), (string Name, string? Parent)> UnitNames(ITerritoryLookup territory)
    {
        var names = new Dictionary<(OrgUnitKind, Guid), (string, string?)>();
        foreach (var d in territory.Departments)
        {
            names[(OrgUnitKind.Department, d.Id)] = (d.ShortName.Length > 0 ? d.ShortName : d.Name, null);
        }

        foreach (var c in territory.Communities)
        {
            names[(OrgUnitKind.Community, c.Id)] = (c.Name, null);
            foreach (var g in territory.GridsOf(c.Id))
            {
                names[(OrgUnitKind.Grid, g.Id)] = (g.Name, c.Name);
            }
        }

        return names;
    }

    internal static AssessmentRowDto ToDto(AssessmentResult r, AssessmentRuleSet rules, int ranked,
        Dictionary<(OrgUnitKind, Guid), (string Name, string? Parent)> names, Dictionary<(OrgUnitKind, Guid), List<string>> leaders)
    {
        var (name, parent) = names.GetValueOrDefault((r.UnitKind, r.UnitId), (r.UnitId.ToString(), null));
        return new(r.UnitKind, r.UnitId, name, parent, r.Score, r.Rank, ranked,
            AssessmentScoring.Measures(r.UnitKind, r, rules), leaders.GetValueOrDefault((r.UnitKind, r.UnitId)) ?? []);
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapGet("/months/{month}", async Task<Results<Ok<AssessmentMonthDto>, ValidationProblem, ProblemHttpResult>> (
                string month, string? kind, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(month, kind, user, ct);
                return outcome.Status switch
                {
                    Status.Ok => TypedResults.Ok(outcome.Month!),
                    Status.Invalid => Problems.Validation(outcome.Field!, outcome.Message!),
                    _ => TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status403Forbidden, title: Problems.TitleFor(403)),
                };
            })
            .WithName("Assessment.GetMonth");
}
