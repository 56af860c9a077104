using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Analytics.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Calendar;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jiexin.Modules.Analytics.MonthlyReport;

/// <summary>定稿: freezes the figures as computed now (JSON snapshot) with the commentary; the report is read-only afterwards.</summary>
public static class FinaliseReport
{
    public sealed record Command(int? Version);

    public sealed class Handler(JiexinDbContext db, ReportStore store, MonthlyReportFigures figures, IOrgScope scopes, TimeProvider clock)
    {
        public async Task<ReportOutcome> Handle(string? month, Command command, ClaimsPrincipal user, CancellationToken ct)
        {
            if (ReportAccess.ScopeOf(user, scopes) is not { } scope || !ReportAccess.CanEdit(user, scope))
            {
                return new(ReportOutcomeStatus.Forbidden, Message: "您没有为本范围研判报告定稿的权限。");
            }

            if (ReportMonths.Invalid(month, clock, out var m) is { } invalid)
            {
                return ReportOutcome.Invalid("month", invalid);
            }

            if (command.Version is not { } version || version < 0)
            {
                return ReportOutcome.Invalid("version", "请提供报告的版本号（version 或 If-Match）。");
            }

            var row = await store.FindAsync(m, scope, tracked: true, ct);
            if (SaveCommentary.Refusal(row, version) is { } refusal)
            {
                return new(ReportOutcomeStatus.Conflict, await store.ShapeAsync(m, scope, row, user, ct), Message: refusal);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            if (row is null)
            {
                row = new MonthlyAnalysisReport { Id = Guid.CreateVersion7(now), Month = m, ScopeKind = scope.Kind, ScopeId = scope.CommunityId, Version = 1 };
                db.Add(row);
            }

            var actor = ReportStore.ActorName(user);
            row.FiguresJson = ReportStore.Serialize(await figures.ComputeAsync(m, scope, ct));
            row.Status = ReportStatus.Final;
            row.FinalisedAt = now;
            row.FinalisedByName = actor;
            row.UpdatedAt = now;
            row.UpdatedByName = actor;
            return await SaveCommentary.SaveAsync(db, store, m, scope, row, user, ct);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapPost("/reports/{month}/finalise", async Task<Results<Ok<MonthlyReportDto>, ValidationProblem, ProblemHttpResult>> (
                string month, [FromBody] Command? command, [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                GetReport.ToHttp(await handler.Handle(month, new Command(SaveCommentary.VersionFrom(command?.Version, ifMatch)), user, ct)))
            .WithName("Analytics.FinaliseReport");
}
