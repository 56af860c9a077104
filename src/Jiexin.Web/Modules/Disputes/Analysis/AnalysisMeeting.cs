using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Calendar;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Disputes.Analysis;

/// <summary>Records the month's analysis meeting (date, participants, conclusions) against the version the editor saw.</summary>
public static class SaveMeeting
{
    /// <summary><see cref="Version"/>: the meeting's version as read (0 before the first save).</summary>
    public sealed record Command(int? Version, DateOnly? HeldOn, string? Participants, string? Conclusions);

    public sealed class Handler(JiexinDbContext db, AnalysisFigures figures, IOrgScope scopes, TimeProvider clock)
    {
        public async Task<AnalysisOutcome<AnalysisDto>> Handle(string? month, Command command, ClaimsPrincipal user, CancellationToken ct)
        {
            if (AnalysisAccess.ScopeOf(user, scopes) is not { } scope)
            {
                return AnalysisOutcome<AnalysisDto>.Forbidden();
            }

            if (!AnalysisAccess.CanEdit(user, scope))
            {
                return AnalysisOutcome<AnalysisDto>.Forbidden(AnalysisAccess.EditRefused);
            }

            if (GetAnalysis.Invalid(month, clock, out var m) is { } invalid)
            {
                return AnalysisOutcome<AnalysisDto>.Invalid("month", invalid);
            }

            if (command.Version is not { } version || version < 0)
            {
                return AnalysisOutcome<AnalysisDto>.Invalid("version", "请提供会议记录的版本号（version，首次保存为 0）。");
            }

            if (command.HeldOn is { } held && (held > ChinaTime.Today(clock) || held < ReportMonths.FirstDay(m).AddMonths(-1)))
            {
                return AnalysisOutcome<AnalysisDto>.Invalid("heldOn", "会议日期不能晚于今天，也不能早于所分析月份的上一个月。");
            }

            if (command.Participants is { Length: > DisputeAnalysisMeeting.TextMaxLength })
            {
                return AnalysisOutcome<AnalysisDto>.Invalid("participants", $"参会人员最多 {DisputeAnalysisMeeting.TextMaxLength} 个字。");
            }

            if (command.Conclusions is { Length: > DisputeAnalysisMeeting.TextMaxLength })
            {
                return AnalysisOutcome<AnalysisDto>.Invalid("conclusions", $"研判结论最多 {DisputeAnalysisMeeting.TextMaxLength} 个字。");
            }

            var scopeId = scope.MeetingScopeId;
            var row = await db.Set<DisputeAnalysisMeeting>().SingleOrDefaultAsync(x => x.Month == m && x.ScopeId == scopeId, ct);
            if ((row?.Version ?? 0) != version)
            {
                return await ConflictAsync(m, scope, user, ct);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            if (row is null)
            {
                row = new DisputeAnalysisMeeting { Id = Guid.CreateVersion7(now), Month = m, ScopeId = scopeId, Version = 1 };
                db.Add(row);
            }

            row.HeldOn = command.HeldOn;
            row.Participants = (command.Participants ?? "").Trim();
            row.Conclusions = (command.Conclusions ?? "").Trim();
            row.UpdatedAt = now;
            row.UpdatedByName = GetAnalysis.ActorName(user);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // A concurrent edit (version) or a concurrent first save (unique month + scope).
                db.ChangeTracker.Clear();
                return await ConflictAsync(m, scope, user, ct);
            }

            return AnalysisOutcome<AnalysisDto>.Ok(await GetAnalysis.ShapeAsync(db, figures, clock, m, scope, user, ct));
        }

        private async Task<AnalysisOutcome<AnalysisDto>> ConflictAsync(string month, AnalysisScope scope, ClaimsPrincipal user, CancellationToken ct) =>
            AnalysisOutcome<AnalysisDto>.Conflict("会议记录刚被他人修改，请刷新后再编辑。", await GetAnalysis.ShapeAsync(db, figures, clock, month, scope, user, ct));
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapPut("/analysis/{month}/meeting", async Task<Results<Ok<AnalysisDto>, ValidationProblem, ProblemHttpResult>> (
                string month, Command command, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                GetAnalysis.ToHttp(await handler.Handle(month, command, user, ct)))
            .RequireAuthorization(Policies.Staff)
            .WithName("Disputes.SaveAnalysisMeeting");
}

/// <summary>Adds a measure (工作措施) decided by the month's meeting: content, owner unit, deadline.</summary>
public static class AddMeasure
{
    public sealed record Command(string? Content, string? OwnerUnit, DateOnly? Deadline);

    public sealed class Handler(JiexinDbContext db, IOrgScope scopes, TimeProvider clock)
    {
        public async Task<AnalysisOutcome<MeasureDto>> Handle(string? month, Command command, ClaimsPrincipal user, CancellationToken ct)
        {
            if (AnalysisAccess.ScopeOf(user, scopes) is not { } scope)
            {
                return AnalysisOutcome<MeasureDto>.Forbidden();
            }

            if (!AnalysisAccess.CanEdit(user, scope))
            {
                return AnalysisOutcome<MeasureDto>.Forbidden(AnalysisAccess.EditRefused);
            }

            if (GetAnalysis.Invalid(month, clock, out var m) is { } invalid)
            {
                return AnalysisOutcome<MeasureDto>.Invalid("month", invalid);
            }

            var content = command.Content?.Trim() ?? "";
            var owner = command.OwnerUnit?.Trim() ?? "";
            if (content.Length == 0 || content.Length > DisputeAnalysisMeasure.ContentMaxLength)
            {
                return AnalysisOutcome<MeasureDto>.Invalid("content", $"请填写措施内容（最多 {DisputeAnalysisMeasure.ContentMaxLength} 个字）。");
            }

            if (owner.Length == 0 || owner.Length > 100)
            {
                return AnalysisOutcome<MeasureDto>.Invalid("ownerUnit", "请填写责任单位（最多 100 个字）。");
            }

            if (command.Deadline is not { } deadline)
            {
                return AnalysisOutcome<MeasureDto>.Invalid("deadline", "请填写完成时限。");
            }

            if (deadline < ReportMonths.FirstDay(m) || deadline > ReportMonths.FirstDay(m).AddYears(2))
            {
                return AnalysisOutcome<MeasureDto>.Invalid("deadline", "完成时限应在所分析月份之后两年之内。");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var row = new DisputeAnalysisMeasure
            {
                Id = Guid.CreateVersion7(now), Month = m, ScopeId = scope.MeetingScopeId, Content = content, OwnerUnit = owner, Deadline = deadline,
                Status = MeasureStatus.Open, CreatedAt = now, CreatedByName = GetAnalysis.ActorName(user), Version = 1,
            };
            db.Add(row);
            await db.SaveChangesAsync(ct);
            return AnalysisOutcome<MeasureDto>.Ok(MeasureDto.From(row, m, ChinaTime.Today(clock)));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapPost("/analysis/{month}/measures", async Task<Results<Created<MeasureDto>, ValidationProblem, ProblemHttpResult>> (
                string month, Command command, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(month, command, user, ct);
                return outcome.Status switch
                {
                    AnalysisOutcomeStatus.Ok => TypedResults.Created($"/api/v1/disputes/analysis/measures/{outcome.Value!.Id}", outcome.Value),
                    AnalysisOutcomeStatus.Invalid => Problems.Validation(outcome.Field!, outcome.Message!),
                    _ => TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status403Forbidden, title: Problems.TitleFor(403)),
                };
            })
            .RequireAuthorization(Policies.Staff)
            .WithName("Disputes.AddAnalysisMeasure");
}

/// <summary>Tracks a measure: marks it done (with what was done) or reopens it, against the version seen.</summary>
public static class UpdateMeasure
{
    public sealed record Command(int? Version, MeasureStatus? Status, string? DoneNote);

    public sealed class Handler(JiexinDbContext db, IOrgScope scopes, TimeProvider clock)
    {
        public async Task<AnalysisOutcome<MeasureDto>> Handle(Guid id, Command command, ClaimsPrincipal user, CancellationToken ct)
        {
            if (AnalysisAccess.ScopeOf(user, scopes) is not { } scope)
            {
                return AnalysisOutcome<MeasureDto>.Forbidden();
            }

            var row = await db.Set<DisputeAnalysisMeasure>().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (row is null || row.ScopeId != scope.MeetingScopeId)
            {
                return AnalysisOutcome<MeasureDto>.NotFound("未找到该工作措施，或它不在您的范围内。");
            }

            if (!AnalysisAccess.CanEdit(user, scope))
            {
                return AnalysisOutcome<MeasureDto>.Forbidden(AnalysisAccess.EditRefused);
            }

            if (command.Version is not { } version || version < 0)
            {
                return AnalysisOutcome<MeasureDto>.Invalid("version", "请提供措施的版本号（version）。");
            }

            if (command.Status is not { } status || !Enum.IsDefined(status))
            {
                return AnalysisOutcome<MeasureDto>.Invalid("status", "请选择措施状态（Open 落实中 / Done 已落实）。");
            }

            var note = command.DoneNote?.Trim();
            if (status == MeasureStatus.Done && string.IsNullOrEmpty(note))
            {
                return AnalysisOutcome<MeasureDto>.Invalid("doneNote", "标记为已落实时请写明落实情况。");
            }

            if (note is { Length: > DisputeAnalysisMeasure.ContentMaxLength })
            {
                return AnalysisOutcome<MeasureDto>.Invalid("doneNote", $"落实情况最多 {DisputeAnalysisMeasure.ContentMaxLength} 个字。");
            }

            var today = ChinaTime.Today(clock);
            if (row.Version != version)
            {
                return AnalysisOutcome<MeasureDto>.Conflict("该措施刚被他人更新，请刷新后再操作。", MeasureDto.From(row, row.Month, today));
            }

            row.Status = status;
            row.DoneNote = status == MeasureStatus.Done ? note : null;
            row.DoneAt = status == MeasureStatus.Done ? clock.GetUtcNow().UtcDateTime : null;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                var current = await db.Set<DisputeAnalysisMeasure>().AsNoTracking().SingleAsync(x => x.Id == id, ct);
                return AnalysisOutcome<MeasureDto>.Conflict("该措施刚被他人更新，请刷新后再操作。", MeasureDto.From(current, current.Month, today));
            }

            return AnalysisOutcome<MeasureDto>.Ok(MeasureDto.From(row, row.Month, today));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapPut("/analysis/measures/{id:guid}", async Task<Results<Ok<MeasureDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Command command, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                GetAnalysis.ToHttp(await handler.Handle(id, command, user, ct)))
            .RequireAuthorization(Policies.Staff)
            .WithName("Disputes.UpdateAnalysisMeasure");
}
