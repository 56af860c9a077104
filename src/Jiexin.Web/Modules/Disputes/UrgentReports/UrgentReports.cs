using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Disputes.Analysis;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Disputes.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Jiexin.Platform.Notifications;
using Jiexin.Platform.Notifications.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Disputes.UrgentReports;

public sealed record UrgentReportDto(
    Guid Id, string Title, string Facts, string MeasuresTaken, UrgentReportLevel Level, string LevelName, Guid? DisputeId, Guid? CommunityId,
    DateTime OccurredAt, DateTime ReportBy, DateTime ReportedAt, string ReportedByName, bool Late,
    DateTime? AcknowledgedAt, string? AcknowledgedByName, bool AwaitingTooLong, int Version)
{
    public static UrgentReportDto From(UrgentReport r, DateTime now) => new(
        r.Id, r.Title, r.Facts, r.MeasuresTaken, r.Level, UrgentReport.LevelName(r.Level), r.DisputeId, r.CommunityId,
        r.OccurredAt, r.ReportBy, r.ReportedAt, r.ReportedByName, r.ReportedAt > r.ReportBy,
        r.AcknowledgedAt, r.AcknowledgedByName, r.AcknowledgedAt is null && now - r.ReportedAt > UrgentReport.AcknowledgeWithin, r.Version);
}

/// <summary>要情快报: filed by mediators, community staff or the centre itself; the command centre hears at once (outbox; SMS when 重大 or above).</summary>
public static class FileUrgentReport
{
    public const string Topic = "urgent-report";

    public sealed record Command(string? Title, string? Facts, string? MeasuresTaken, UrgentReportLevel? Level, DateTime? OccurredAt, Guid? DisputeId);

    public static readonly string[] FilerRoles = [Roles.CommunityStaff, Roles.Mediator, Roles.Commander, Roles.Admin];

    public sealed class Handler(JiexinDbContext db, DisputeAccess access, IOrgScope scopes, OutboxSignal outbox, TimeProvider clock)
    {
        public async Task<AnalysisOutcome<UrgentReportDto>> Handle(Command c, ClaimsPrincipal user, CancellationToken ct)
        {
            if (!FilerRoles.Any(user.IsInRole) || AnalysisAccess.ScopeOf(user, scopes) is not { } scope)
            {
                return AnalysisOutcome<UrgentReportDto>.Forbidden("只有调解员、村社区工作人员和指挥中心可以报送要情快报。");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var title = c.Title?.Trim() ?? "";
            var facts = c.Facts?.Trim() ?? "";
            var measures = c.MeasuresTaken?.Trim() ?? "";
            if (title.Length == 0 || title.Length > UrgentReport.TitleMaxLength)
            {
                return AnalysisOutcome<UrgentReportDto>.Invalid("title", $"请填写标题（最多 {UrgentReport.TitleMaxLength} 个字）。");
            }

            if (facts.Length == 0 || facts.Length > UrgentReport.TextMaxLength)
            {
                return AnalysisOutcome<UrgentReportDto>.Invalid("facts", $"请填写基本情况（最多 {UrgentReport.TextMaxLength} 个字）。");
            }

            if (measures.Length > UrgentReport.TextMaxLength)
            {
                return AnalysisOutcome<UrgentReportDto>.Invalid("measuresTaken", $"已采取措施最多 {UrgentReport.TextMaxLength} 个字。");
            }

            if (c.Level is not { } level || !Enum.IsDefined(level))
            {
                return AnalysisOutcome<UrgentReportDto>.Invalid("level", "请选择等级（General 一般 / Major 重大 / Critical 特别重大）。");
            }

            if (c.OccurredAt is not { } occurredRaw)
            {
                return AnalysisOutcome<UrgentReportDto>.Invalid("occurredAt", "请填写发生时间。");
            }

            var occurred = Platform.Calendar.ChinaTime.AsUtc(occurredRaw);
            if (occurred > now.AddMinutes(5) || occurred < now.AddDays(-30))
            {
                return AnalysisOutcome<UrgentReportDto>.Invalid("occurredAt", "发生时间不能晚于现在，也不能早于 30 天前。");
            }

            Guid? communityId = scope.Kind == AnalysisScopeKind.Community ? scope.CommunityId : null;
            if (c.DisputeId is { } disputeId)
            {
                var d = await db.Set<Dispute>().AsNoTracking().Include(x => x.Parties).SingleOrDefaultAsync(x => x.Id == disputeId, ct);
                if (d is null || !await access.CanSeeAsync(user, d))
                {
                    return AnalysisOutcome<UrgentReportDto>.Invalid("disputeId", "所关联的纠纷不存在或不在您的范围内。");
                }

                communityId = d.CommunityId ?? communityId;
            }

            var report = new UrgentReport
            {
                Id = Guid.CreateVersion7(now), Title = title, Facts = facts, MeasuresTaken = measures, Level = level, DisputeId = c.DisputeId,
                CommunityId = communityId, OccurredAt = occurred, ReportBy = occurred + UrgentReport.LimitFor(level), ReportedAt = now,
                ReportedByUserId = user.GetUserId(), ReportedByName = GetAnalysis.ActorName(user), Version = 1,
            };
            db.Add(report);
            var serious = level != UrgentReportLevel.General;
            var late = report.ReportedAt > report.ReportBy ? "（迟报）" : "";
            new NotificationMessage(
                    $"要情快报（{UrgentReport.LevelName(level)}）{late}：{title}", facts.Length > 60 ? facts[..60] + "…" : facts,
                    NotificationKind.Supervision,
                    serious ? [Audience.Role(Roles.Commander), Audience.Role(Roles.Leader)] : [Audience.Role(Roles.Commander)],
                    serious ? NotificationChannels.InApp | NotificationChannels.Sms : NotificationChannels.InApp,
                    StaffLink: "/disputes/urgent-reports", SubjectType: Topic, SubjectId: report.Id, ExcludeUserId: report.ReportedByUserId)
                .Enqueue(db, $"{Topic}:{report.Id:N}", now);
            await db.SaveChangesAsync(ct);
            outbox.Wake();
            return AnalysisOutcome<UrgentReportDto>.Ok(UrgentReportDto.From(report, now));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapPost("/urgent-reports", async Task<Results<Created<UrgentReportDto>, ValidationProblem, ProblemHttpResult>> (
                Command command, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(command, user, ct);
                return outcome.Status switch
                {
                    AnalysisOutcomeStatus.Ok => TypedResults.Created($"/api/v1/disputes/urgent-reports/{outcome.Value!.Id}", outcome.Value),
                    AnalysisOutcomeStatus.Invalid => Problems.Validation(outcome.Field!, outcome.Message!),
                    _ => TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status403Forbidden, title: Problems.TitleFor(403)),
                };
            })
            .RequireAuthorization(Policies.Staff)
            .WithName("Disputes.FileUrgentReport");
}

/// <summary>The urgent reports the caller may see, newest first: the street all, a community its own, a mediator what they filed.</summary>
public static class ListUrgentReports
{
    public const int Limit = 200;

    public sealed record Listing(IReadOnlyList<UrgentReportDto> Items, bool CanAcknowledge);

    public sealed class Handler(JiexinDbContext db, IOrgScope scopes, TimeProvider clock)
    {
        public async Task<AnalysisOutcome<Listing>> Handle(ClaimsPrincipal user, CancellationToken ct)
        {
            if (AnalysisAccess.ScopeOf(user, scopes) is not { } scope)
            {
                return AnalysisOutcome<Listing>.Forbidden();
            }

            var me = user.GetUserId() ?? Guid.Empty;
            var rows = db.Set<UrgentReport>().AsNoTracking();
            rows = scope.Kind switch
            {
                AnalysisScopeKind.Street => rows,
                AnalysisScopeKind.Community => rows.Where(r => r.CommunityId == scope.CommunityId || r.ReportedByUserId == me),
                _ => rows.Where(r => r.ReportedByUserId == me),
            };
            var now = clock.GetUtcNow().UtcDateTime;
            var list = await rows.OrderByDescending(r => r.ReportedAt).Take(Limit).ToListAsync(ct);
            return AnalysisOutcome<Listing>.Ok(new Listing([.. list.Select(r => UrgentReportDto.From(r, now))], AcknowledgeUrgentReport.CanAcknowledge(user, scope)));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapGet("/urgent-reports", async Task<Results<Ok<Listing>, ValidationProblem, ProblemHttpResult>> (ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                GetAnalysis.ToHttp(await handler.Handle(user, ct)))
            .RequireAuthorization(Policies.Staff)
            .WithName("Disputes.ListUrgentReports");
}

/// <summary>签收: the command centre acknowledges an urgent report (once; a second acknowledgement is a 409).</summary>
public static class AcknowledgeUrgentReport
{
    public static bool CanAcknowledge(ClaimsPrincipal user, AnalysisScope scope) =>
        scope.Kind == AnalysisScopeKind.Street && (user.IsInRole(Roles.Commander) || user.IsInRole(Roles.Admin));

    public sealed class Handler(JiexinDbContext db, IOrgScope scopes, TimeProvider clock)
    {
        public async Task<AnalysisOutcome<UrgentReportDto>> Handle(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            if (AnalysisAccess.ScopeOf(user, scopes) is not { } scope || !CanAcknowledge(user, scope))
            {
                return AnalysisOutcome<UrgentReportDto>.Forbidden("只有街道指挥中心可以签收要情快报。");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var report = await db.Set<UrgentReport>().SingleOrDefaultAsync(r => r.Id == id, ct);
            if (report is null)
            {
                return AnalysisOutcome<UrgentReportDto>.NotFound("未找到该要情快报。");
            }

            if (report.AcknowledgedAt is not null)
            {
                return AnalysisOutcome<UrgentReportDto>.Conflict($"该快报已由{report.AcknowledgedByName}签收。", UrgentReportDto.From(report, now));
            }

            report.AcknowledgedAt = now;
            report.AcknowledgedByName = GetAnalysis.ActorName(user);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                var current = await db.Set<UrgentReport>().AsNoTracking().SingleAsync(r => r.Id == id, ct);
                return AnalysisOutcome<UrgentReportDto>.Conflict($"该快报已由{current.AcknowledgedByName}签收。", UrgentReportDto.From(current, now));
            }

            return AnalysisOutcome<UrgentReportDto>.Ok(UrgentReportDto.From(report, now));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapPost("/urgent-reports/{id:guid}/acknowledge", async Task<Results<Ok<UrgentReportDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, ClaimsPrincipal user, Handler handler, CancellationToken ct) => GetAnalysis.ToHttp(await handler.Handle(id, user, ct)))
            .RequireAuthorization(Policies.Staff)
            .WithName("Disputes.AcknowledgeUrgentReport");
}
