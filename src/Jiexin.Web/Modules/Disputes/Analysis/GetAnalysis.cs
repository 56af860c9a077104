using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Calendar;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Disputes.Analysis;

public sealed record MeetingDto(DateOnly? HeldOn, string Participants, string Conclusions, int Version, DateTime? UpdatedAt, string? UpdatedByName);

/// <summary>A measure as the analysis shows it: <see cref="CarriedOver"/> when decided in an earlier month and still open.</summary>
public sealed record MeasureDto(
    Guid Id, string Month, string Content, string OwnerUnit, DateOnly Deadline, MeasureStatus Status, string StatusName, string? DoneNote, DateTime? DoneAt,
    bool Overdue, bool CarriedOver, int Version)
{
    public static MeasureDto From(DisputeAnalysisMeasure m, string month, DateOnly today) => new(
        m.Id, m.Month, m.Content, m.OwnerUnit, m.Deadline, m.Status, m.Status == MeasureStatus.Done ? "已落实" : "落实中", m.DoneNote, m.DoneAt,
        m.Status == MeasureStatus.Open && m.Deadline < today, string.CompareOrdinal(m.Month, month) < 0, m.Version);
}

public sealed record AnalysisDto(
    string Month, AnalysisScopeKind ScopeKind, string ScopeName, bool CanEdit, AnalysisFiguresDto Figures, MeetingDto Meeting, IReadOnlyList<MeasureDto> Measures);

/// <summary>分析研判: one month's dispute analysis for the caller's scope — figures, the meeting's record and its measures.</summary>
public static class GetAnalysis
{
    public sealed class Handler(JiexinDbContext db, AnalysisFigures figures, IOrgScope scopes, TimeProvider clock)
    {
        public async Task<AnalysisOutcome<AnalysisDto>> Handle(string? month, ClaimsPrincipal user, CancellationToken ct)
        {
            if (AnalysisAccess.ScopeOf(user, scopes) is not { } scope)
            {
                return AnalysisOutcome<AnalysisDto>.Forbidden();
            }

            if (Invalid(month, clock, out var m) is { } invalid)
            {
                return AnalysisOutcome<AnalysisDto>.Invalid("month", invalid);
            }

            return AnalysisOutcome<AnalysisDto>.Ok(await ShapeAsync(db, figures, clock, m, scope, user, ct));
        }
    }

    /// <summary>Null when valid, else the zh-CN reason.</summary>
    public static string? Invalid(string? month, TimeProvider clock, out string m) =>
        !ReportMonths.TryParse(month, out m) ? "月份格式应为 yyyy-MM，例如 2026-11。"
        : ReportMonths.IsFuture(m, clock) ? "不能分析尚未开始的月份。"
        : null;

    internal static async Task<AnalysisDto> ShapeAsync(JiexinDbContext db, AnalysisFigures figures, TimeProvider clock, string month, AnalysisScope scope, ClaimsPrincipal user, CancellationToken ct)
    {
        var f = await figures.ComputeAsync(month, scope, user, ct);
        var scopeId = scope.MeetingScopeId;
        var meeting = await db.Set<DisputeAnalysisMeeting>().AsNoTracking().SingleOrDefaultAsync(x => x.Month == month && x.ScopeId == scopeId, ct);
        var measures = await db.Set<DisputeAnalysisMeasure>().AsNoTracking()
            .Where(x => x.ScopeId == scopeId && (x.Month == month || (string.Compare(x.Month, month) < 0 && x.Status == MeasureStatus.Open)))
            .ToListAsync(ct);
        var today = ChinaTime.Today(clock);
        var name = scope.Kind switch
        {
            AnalysisScopeKind.Community => figures.CommunityName(scope.CommunityId),
            AnalysisScopeKind.Mediator => $"{ActorName(user)}（本人承办）",
            _ => "街道矛盾纠纷多元化解中心",
        };
        return new AnalysisDto(month, scope.Kind, name, AnalysisAccess.CanEdit(user, scope), f,
            meeting is null ? new MeetingDto(null, "", "", 0, null, null)
                : new MeetingDto(meeting.HeldOn, meeting.Participants, meeting.Conclusions, meeting.Version, meeting.UpdatedAt, meeting.UpdatedByName),
            [.. measures.OrderBy(x => x.Month != month).ThenBy(x => x.Status).ThenBy(x => x.Deadline).ThenBy(x => x.CreatedAt).Select(x => MeasureDto.From(x, month, today))]);
    }

    public static string ActorName(ClaimsPrincipal user) => user.FindFirst(JiexinClaims.DisplayName)?.Value ?? user.Identity?.Name ?? "";

    /// <summary>The outcome as HTTP: 200, or 400/403/404/409 problem+json (409 carries <c>current</c>).</summary>
    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> ToHttp<T>(AnalysisOutcome<T> outcome)
        where T : class => outcome.Status switch
        {
            AnalysisOutcomeStatus.Ok => TypedResults.Ok(outcome.Value!),
            AnalysisOutcomeStatus.Invalid => Problems.Validation(outcome.Field!, outcome.Message!),
            AnalysisOutcomeStatus.NotFound => Problems.NotFound(outcome.Message!),
            AnalysisOutcomeStatus.Conflict => TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status409Conflict, title: Problems.TitleFor(409),
                extensions: new Dictionary<string, object?> { ["current"] = outcome.Value }),
            _ => TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status403Forbidden, title: Problems.TitleFor(403)),
        };

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapGet("/analysis/{month}", async Task<Results<Ok<AnalysisDto>, ValidationProblem, ProblemHttpResult>> (
                string month, ClaimsPrincipal user, Handler handler, CancellationToken ct) => ToHttp(await handler.Handle(month, user, ct)))
            .RequireAuthorization(Policies.Staff)
            .WithName("Disputes.GetAnalysis");
}
