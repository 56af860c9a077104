using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Analytics.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Calendar;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Analytics.MonthlyReport;

/// <summary>综合研判: one month's report (figures + commentary) for the caller's scope, and the list of recent months.</summary>
public static class GetReport
{
    public sealed class Handler(ReportStore store, IOrgScope scopes, TimeProvider clock)
    {
        public async Task<ReportOutcome> Handle(string? month, ClaimsPrincipal user, CancellationToken ct)
        {
            if (ReportAccess.ScopeOf(user, scopes) is not { } scope)
            {
                return ReportOutcome.Forbidden();
            }

            if (ReportMonths.Invalid(month, clock, out var m) is { } invalid)
            {
                return ReportOutcome.Invalid("month", invalid);
            }

            var row = await store.FindAsync(m, scope, tracked: false, ct);
            return new(ReportOutcomeStatus.Ok, await store.ShapeAsync(m, scope, row, user, ct));
        }
    }

    public sealed record ListItem(string Month, ReportStatus Status, string StatusName, int Version, DateTime? UpdatedAt, string? UpdatedByName, DateTime? FinalisedAt, string? FinalisedByName);

    public sealed record ListDto(string ScopeName, ReportScopeKind ScopeKind, bool CanEdit, IReadOnlyList<ListItem> Months);

    /// <summary>The last 24 months (newest first) with each report's status: 草稿 until 定稿 (no row yet is a draft too).</summary>
    public sealed class ListHandler(JiexinDbContext db, MonthlyReportFigures figures, IOrgScope scopes, TimeProvider clock)
    {
        public const int Months = 24;

        public async Task<ListDto?> Handle(ClaimsPrincipal user, CancellationToken ct)
        {
            if (ReportAccess.ScopeOf(user, scopes) is not { } scope)
            {
                return null;
            }

            var months = ReportMonths.Recent(clock, Months);
            var oldest = months[^1];
            var rows = await db.Set<MonthlyAnalysisReport>().AsNoTracking()
                .Where(r => r.ScopeKind == scope.Kind && r.ScopeId == scope.CommunityId && string.Compare(r.Month, oldest) >= 0)
                .ToDictionaryAsync(r => r.Month, ct);
            return new ListDto(figures.ScopeName(scope), scope.Kind, ReportAccess.CanEdit(user, scope), [.. months.Select(m => rows.GetValueOrDefault(m) is { } r
                ? new ListItem(m, r.Status, ReportStore.StatusName(r.Status), r.Version, r.UpdatedAt, r.UpdatedByName, r.FinalisedAt, r.FinalisedByName)
                : new ListItem(m, ReportStatus.Draft, ReportStore.StatusName(ReportStatus.Draft), 0, null, null, null, null))]);
        }
    }

    internal static Results<Ok<MonthlyReportDto>, ValidationProblem, ProblemHttpResult> ToHttp(ReportOutcome outcome) => outcome.Status switch
    {
        ReportOutcomeStatus.Ok => TypedResults.Ok(outcome.Report!),
        ReportOutcomeStatus.Invalid => Problems.Validation(outcome.Field!, outcome.Message!),
        ReportOutcomeStatus.Conflict => TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status409Conflict, title: Problems.TitleFor(409),
            extensions: new Dictionary<string, object?> { ["current"] = outcome.Report }),
        _ => TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status403Forbidden, title: Problems.TitleFor(403)),
    };

    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/reports", async Task<Results<Ok<ListDto>, ProblemHttpResult>> (ClaimsPrincipal user, ListHandler handler, CancellationToken ct) =>
                await handler.Handle(user, ct) is { } list
                    ? TypedResults.Ok(list)
                    : TypedResults.Problem(detail: ReportOutcome.Forbidden().Message, statusCode: StatusCodes.Status403Forbidden, title: Problems.TitleFor(403)))
            .WithName("Analytics.ListReports");
        g.MapGet("/reports/{month}", async Task<Results<Ok<MonthlyReportDto>, ValidationProblem, ProblemHttpResult>> (
                    string month, ClaimsPrincipal user, Handler handler, CancellationToken ct) => ToHttp(await handler.Handle(month, user, ct)))
            .WithName("Analytics.GetReport");
    }
}
