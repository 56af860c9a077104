using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.Shared;
using Jiexin.Modules.Events.SuperviseEvent;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.AnswerSupervision;

/// <summary>
/// <c>POST /api/v1/events/{id}/supervision-notices/{noticeId}/reply</c>: the unit a 督办 notice is addressed to answers
/// it, once. Two answers at once: the notice's version lets one win; the other gets 409.
/// </summary>
public static class AnswerSupervision
{
    public sealed record Request(string? Reply);

    public enum Status
    {
        Done,
        NotFound,
        Forbidden,
        Conflict,
        Invalid,
    }

    public sealed record Outcome(Status Status, SupervisionNoticeDto? Notice = null, string? Message = null);

    public sealed class Handler(JiexinDbContext db, EventAccess access, SupervisionAccess supervision, IOrgDirectory orgs, TimeProvider clock)
    {
        public async Task<Outcome> Handle(Guid eventId, Guid noticeId, Request body, ClaimsPrincipal user, CancellationToken ct)
        {
            var notice = await db.Set<SupervisionNotice>().SingleOrDefaultAsync(n => n.Id == noticeId && n.EventId == eventId, ct);
            var e = notice is null ? null : await db.Set<Event>().AsNoTracking().Include(x => x.Summons).SingleAsync(x => x.Id == eventId, ct);
            if (notice is null || e is null || !await access.CanSeeAsync(user, e))
            {
                return new(Status.NotFound, Message: "未找到该督办通知。");
            }

            if (notice.RepliedAt is not null)
            {
                return new(Status.Conflict, SupervisionNoticeDto.From(notice, orgs, false), "该督办通知已答复。");
            }

            if (!await supervision.MayAnswerAsync(user, notice))
            {
                return new(Status.Forbidden, Message: "只有被督办单位的工作人员可以答复。");
            }

            var reply = body.Reply?.Trim();
            if (string.IsNullOrEmpty(reply))
            {
                return new(Status.Invalid, Message: "请填写督办答复。");
            }

            if (reply.Length > SuperviseEvent.SuperviseEvent.MaxText)
            {
                return new(Status.Invalid, Message: $"答复不能超过 {SuperviseEvent.SuperviseEvent.MaxText} 字。");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var name = user.FindFirst(JiexinClaims.DisplayName)?.Value ?? "";
            notice.Reply = reply;
            notice.RepliedAt = now;
            notice.RepliedByUserId = user.GetUserId();
            notice.RepliedByName = name;
            db.Add(SuperviseEvent.SuperviseEvent.Step(e, "AnswerSupervision", now, user, name, reply));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                var current = await db.Set<SupervisionNotice>().AsNoTracking().SingleAsync(n => n.Id == noticeId, ct);
                return new(Status.Conflict, SupervisionNoticeDto.From(current, orgs, false), "该督办通知刚被他人答复，请刷新。");
            }

            return new(Status.Done, SupervisionNoticeDto.From(notice, orgs, false));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder events) =>
        events.MapPost("/{id:guid}/supervision-notices/{noticeId:guid}/reply", async Task<Results<Ok<SupervisionNoticeDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Guid noticeId, Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(id, noticeId, body, user, ct);
                return outcome.Status switch
                {
                    Status.Done => TypedResults.Ok(outcome.Notice!),
                    Status.Invalid => Problems.Validation("reply", outcome.Message!),
                    Status.Forbidden => TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status403Forbidden, title: Problems.TitleFor(403)),
                    Status.Conflict => TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status409Conflict, title: Problems.TitleFor(409),
                        extensions: new Dictionary<string, object?> { ["current"] = outcome.Notice }),
                    _ => Problems.NotFound(outcome.Message!),
                };
            })
            .WithName("Events.AnswerSupervision");
}
