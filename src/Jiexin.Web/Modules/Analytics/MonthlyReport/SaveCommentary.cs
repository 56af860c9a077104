using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Analytics.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Calendar;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Analytics.MonthlyReport;

/// <summary>Saves the commentary of a draft against the version the editor saw (409 with the current report when stale).</summary>
public static class SaveCommentary
{
    /// <summary><see cref="Version"/>: the report's version as read (0 before the first save); the If-Match header may carry it instead.</summary>
    public sealed record Command(int? Version, string? OverallSituation, string? ProminentIssues, string? RiskAssessment, string? NextSteps);

    public sealed class Handler(JiexinDbContext db, ReportStore store, IOrgScope scopes, TimeProvider clock)
    {
        public async Task<ReportOutcome> Handle(string? month, Command command, ClaimsPrincipal user, CancellationToken ct)
        {
            if (ReportAccess.ScopeOf(user, scopes) is not { } scope || !ReportAccess.CanEdit(user, scope))
            {
                return new(ReportOutcomeStatus.Forbidden, Message: "您没有编辑本范围研判报告的权限。");
            }

            if (ReportMonths.Invalid(month, clock, out var m) is { } invalid)
            {
                return ReportOutcome.Invalid("month", invalid);
            }

            if (command.Version is not { } version || version < 0)
            {
                return ReportOutcome.Invalid("version", "请提供报告的版本号（version 或 If-Match）。");
            }

            var texts = new[] { command.OverallSituation, command.ProminentIssues, command.RiskAssessment, command.NextSteps };
            for (var i = 0; i < texts.Length; i++)
            {
                if (texts[i] is { Length: > MonthlyAnalysisReport.CommentaryMaxLength })
                {
                    return ReportOutcome.Invalid(Commentary.Fields[i].Field, $"“{Commentary.Fields[i].Label}”最多 {MonthlyAnalysisReport.CommentaryMaxLength} 个字。");
                }
            }

            var row = await store.FindAsync(m, scope, tracked: true, ct);
            if (Refusal(row, version) is { } refusal)
            {
                return new(ReportOutcomeStatus.Conflict, await store.ShapeAsync(m, scope, row, user, ct), Message: refusal);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            if (row is null)
            {
                row = new MonthlyAnalysisReport { Id = Guid.CreateVersion7(now), Month = m, ScopeKind = scope.Kind, ScopeId = scope.CommunityId, Version = 1 };
                db.Add(row);
            }

            row.OverallSituation = Clean(command.OverallSituation);
            row.ProminentIssues = Clean(command.ProminentIssues);
            row.RiskAssessment = Clean(command.RiskAssessment);
            row.NextSteps = Clean(command.NextSteps);
            row.UpdatedAt = now;
            row.UpdatedByName = ReportStore.ActorName(user);
            return await SaveAsync(db, store, m, scope, row, user, ct);
        }

        private static string Clean(string? text) => (text ?? "").Trim();
    }

    /// <summary>Why a write against <paramref name="version"/> is refused, or null.</summary>
    internal static string? Refusal(MonthlyAnalysisReport? row, int version) =>
        row is { Status: ReportStatus.Final } ? "该研判报告已定稿，不能再修改。"
        : (row?.Version ?? 0) != version ? "该研判报告刚被他人修改，请刷新后再编辑。"
        : null;

    /// <summary>Saves; a concurrent edit (version) or a concurrent first save (unique month+scope) becomes a 409 with the current report.</summary>
    internal static async Task<ReportOutcome> SaveAsync(JiexinDbContext db, ReportStore store, string month, ReportScope scope, MonthlyAnalysisReport row, ClaimsPrincipal user, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var current = await store.FindAsync(month, scope, tracked: false, ct);
            return new(ReportOutcomeStatus.Conflict, await store.ShapeAsync(month, scope, current, user, ct), Message: "该研判报告刚被他人修改，请刷新后再编辑。");
        }

        return new(ReportOutcomeStatus.Ok, await store.ShapeAsync(month, scope, row, user, ct));
    }

    /// <summary>The version from the body, else from If-Match ("3" or W/"3").</summary>
    internal static int? VersionFrom(int? body, string? ifMatch)
    {
        if (body is not null)
        {
            return body;
        }

        var tag = ifMatch?.Trim();
        if (tag is null)
        {
            return null;
        }

        if (tag.StartsWith("W/", StringComparison.Ordinal))
        {
            tag = tag[2..];
        }

        return int.TryParse(tag.Trim('"'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : -1;
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapPut("/reports/{month}", async Task<Results<Ok<MonthlyReportDto>, ValidationProblem, ProblemHttpResult>> (
                string month, Command command, [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                GetReport.ToHttp(await handler.Handle(month, command with { Version = VersionFrom(command.Version, ifMatch) }, user, ct)))
            .WithName("Analytics.SaveReportCommentary");
}
