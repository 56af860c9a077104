using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.SuperviseEvent;

/// <summary>
/// <c>POST /api/v1/events/{id}/supervision-notices</c>: the command centre issues a 督办 notice to the unit holding the
/// event (or one summoned department). A record beside the event, not a state change: it does not bump the event's
/// version, so nobody working on the event is pushed into a conflict by it.
/// </summary>
public static class SuperviseEvent
{
    public const int MaxText = 1000;

    public sealed record Request(string? Text, Guid? DepartmentId);

    public enum Status
    {
        Done,
        NotFound,
        Forbidden,
        Conflict,
        Invalid,
    }

    public sealed record Outcome(Status Status, SupervisionNoticeDto? Notice = null, string? Message = null, string? Field = null);

    public sealed class Handler(JiexinDbContext db, EventAccess access, SupervisionAccess supervision, IOrgDirectory orgs, TimeProvider clock)
    {
        public async Task<Outcome> Handle(Guid eventId, Request body, ClaimsPrincipal user, CancellationToken ct)
        {
            var e = await db.Set<Event>().AsNoTracking().Include(x => x.Summons).SingleOrDefaultAsync(x => x.Id == eventId, ct);
            if (e is null || !await access.CanSeeAsync(user, e))
            {
                return new(Status.NotFound, Message: "未找到该事件。");
            }

            if (!await supervision.MayIssueAsync(user, e))
            {
                return new(Status.Forbidden, Message: "只有指挥中心或领导可以对本辖区的事件督办。");
            }

            var targets = SupervisionAccess.Targets(e);
            if (targets.Count == 0)
            {
                return new(Status.Conflict, Message: $"事件当前状态为“{EventWorkflow.StatusName(e.Status)}”，没有承办单位可督办。");
            }

            var text = body.Text?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return new(Status.Invalid, Message: "请填写督办内容。", Field: "text");
            }

            if (text.Length > MaxText)
            {
                return new(Status.Invalid, Message: $"督办内容不能超过 {MaxText} 字。", Field: "text");
            }

            var target = targets[0];
            if (body.DepartmentId is { } department)
            {
                target = new OrgUnitRef(OrgUnitKind.Department, department);
                if (!targets.Contains(target))
                {
                    return new(Status.Invalid, Message: "只能督办该事件的承办单位或尚未完成的被召集部门。", Field: "departmentId");
                }
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var name = user.FindFirst(JiexinClaims.DisplayName)?.Value ?? "";
            var notice = new SupervisionNotice
            {
                Id = Guid.CreateVersion7(now),
                EventId = e.Id,
                Text = text,
                IssuedAt = now,
                IssuedByUserId = user.GetUserId(),
                IssuedByName = name,
                TargetKind = target.Kind,
                TargetId = target.Id,
            };
            db.Add(notice);
            db.Add(Step(e, "Supervise", now, user, name, $"督办{orgs.Describe(target)}：{text}"));
            await db.SaveChangesAsync(ct);
            return new(Status.Done, SupervisionNoticeDto.From(notice, orgs, canAnswer: false));
        }
    }

    /// <summary>A timeline entry for a step that does not change the event's state.</summary>
    internal static EventTimelineEntry Step(Event e, string action, DateTime now, ClaimsPrincipal user, string actorName, string note) => new()
    {
        Id = Guid.CreateVersion7(now),
        EventId = e.Id,
        At = now,
        Action = action,
        FromStatus = e.Status,
        ToStatus = e.Status,
        ActorUserId = user.GetUserId(),
        ActorName = actorName,
        Note = note.Length > 1000 ? note[..1000] : note,
    };

    public static RouteHandlerBuilder Map(RouteGroupBuilder events) =>
        events.MapPost("/{id:guid}/supervision-notices", async Task<Results<Created<SupervisionNoticeDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(id, body, user, ct);
                return outcome.Status switch
                {
                    Status.Done => TypedResults.Created($"/api/v1/events/{id}/supervision-notices/{outcome.Notice!.Id}", outcome.Notice),
                    Status.Invalid => Problems.Validation(outcome.Field ?? "text", outcome.Message!),
                    Status.Forbidden => TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status403Forbidden, title: Problems.TitleFor(403)),
                    Status.Conflict => Problems.Conflict(outcome.Message!),
                    _ => Problems.NotFound(outcome.Message!),
                };
            })
            .WithName("Events.SuperviseEvent");
}
