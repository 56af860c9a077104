using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Assessment.Scoring;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiexin.Modules.Assessment.Trend;

/// <summary>One unit's score and rank over the last months (closed months from their snapshot, the others live).</summary>
public static class GetTrend
{
    public sealed record Point(string Month, bool IsClosed, double? Score, int? Rank, int RankedCount, int RuleSetNumber);

    public sealed record TrendDto(OrgUnitKind Kind, Guid UnitId, IReadOnlyList<Point> Points);

    public enum Status
    {
        Ok,
        Forbidden,
        Invalid,
        NotFound,
    }

    public sealed record Outcome(Status Status, TrendDto? Trend = null, string? Field = null, string? Message = null);

    public sealed class Handler(AssessmentMonths months, AssessmentAccess access)
    {
        public async Task<Outcome> Handle(string? kind, Guid? unitId, int? count, ClaimsPrincipal user, CancellationToken ct)
        {
            if (access.RowsFor(user) is not { } scope)
            {
                return new(Status.Forbidden, Message: "您没有可查看的考核范围。");
            }

            if (!GetMonth.GetMonth.TryParseKind(kind, out var k))
            {
                return new(Status.Invalid, Field: "kind", Message: "考核对象应为 Department（部门）、Community（村社区）或 Grid（网格）。");
            }

            if (unitId is not { } id)
            {
                return new(Status.Invalid, Field: "unitId", Message: "请指定考核单位（unitId）。");
            }

            if (count is { } n && n is < 1 or > 24)
            {
                return new(Status.Invalid, Field: "months", Message: "月数应为 1 到 24。");
            }

            if (!AssessmentAccess.Sees(scope, k, id))
            {
                return new(Status.NotFound, Message: "未找到该考核单位，或不在您的范围内。");
            }

            return new(Status.Ok, new TrendDto(k, id, await PointsAsync(months, k, id, count ?? 12, ct)));
        }
    }

    internal static async Task<List<Point>> PointsAsync(AssessmentMonths months, OrgUnitKind kind, Guid id, int count, CancellationToken ct)
    {
        var points = new List<Point>();
        foreach (var month in months.LastMonths(count))
        {
            var results = await months.GetAsync(month, ct);
            var row = results.OfKind(kind).FirstOrDefault(r => r.UnitId == id);
            points.Add(new(month, results.IsClosed, row?.Score, row?.Rank, results.RankedCount(kind), results.Rules.Number));
        }

        return points;
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapGet("/trend", async Task<Results<Ok<TrendDto>, ValidationProblem, ProblemHttpResult>> (
                string? kind, Guid? unitId, int? months, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(kind, unitId, months, user, ct);
                return outcome.Status switch
                {
                    Status.Ok => TypedResults.Ok(outcome.Trend!),
                    Status.Invalid => Problems.Validation(outcome.Field!, outcome.Message!),
                    Status.NotFound => Problems.NotFound(outcome.Message!),
                    _ => TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status403Forbidden, title: Problems.TitleFor(403)),
                };
            })
            .WithName("Assessment.GetTrend");
}
