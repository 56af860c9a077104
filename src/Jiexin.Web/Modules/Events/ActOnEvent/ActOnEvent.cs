using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.Photos;
using Jiexin.Modules.Events.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Http;
using Jiexin.Platform.Media;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.ActOnEvent;

/// <summary>
/// Every step of the loop through one endpoint, <c>POST /api/v1/events/{id}/actions/{action}</c>, driven by
/// <see cref="EventWorkflow"/>. The caller sends the version it saw: of two people acting at once, one wins and
/// the other gets 409 with the event's current state.
/// </summary>
public static class ActOnEvent
{
    public sealed record Request(
        int? Version,
        string? Note,
        OrgUnitKind? AssigneeKind,
        Guid? AssigneeId,
        Guid? TargetEventId,
        DateTime? DueAt,
        string? CategoryCode,
        string? CategoryName,
        IReadOnlyList<Guid>? PhotoIds = null,
        IReadOnlyList<Guid>? Departments = null,
        Guid? LeadDepartmentId = null,
        double? Latitude = null,
        double? Longitude = null,
        int? Rating = null);

    public enum Status
    {
        Done,
        NotFound,
        UnknownAction,
        Forbidden,
        WrongStatus,
        Invalid,
        Stale,
    }

    public sealed record Outcome(Status Status, EventDto? Event = null, string? Message = null, string? Field = null);

    public sealed class Handler(JiexinDbContext db, EventAccess access, IOrgDirectory orgs, TimeProvider clock, CheckInRules checkIn, Deadlines.EventDeadlines deadlines)
    {
        /// <summary>The event with what its transitions read: the summoned departments and the feedback.</summary>
        private IQueryable<Event> Events => db.Set<Event>().Include(x => x.Summons).Include(x => x.Feedback).AsSplitQuery();

        public async Task<Outcome> Handle(Guid id, string actionName, Request body, ClaimsPrincipal user, CancellationToken ct)
        {
            var e = await Events.SingleOrDefaultAsync(x => x.Id == id, ct);
            if (e is null || !await access.CanSeeAsync(user, e))
            {
                return new(Status.NotFound, Message: "未找到该事件。");
            }

            if (!Enum.TryParse<EventAction>(actionName, ignoreCase: true, out var action) || EventWorkflow.Find(action) is not { } transition)
            {
                return new(Status.UnknownAction, Message: $"未知的操作：{actionName}。");
            }

            if (body.Version is not { } version)
            {
                return new(Status.Invalid, Message: "请提供您看到的事件版本号（version）。", Field: "version");
            }

            if (version != e.Version)
            {
                return await RetryOrStaleAsync(e.Id, action, body, version, user, ct);
            }

            if (!await access.InScopeAsync(user, transition, e))
            {
                return new(Status.Forbidden, Message: $"该事件不在您的管辖范围内，不能{transition.Name}。");
            }

            var input = new TransitionInput(
                body.Note,
                body.AssigneeKind is { } kind && body.AssigneeId is { } assignee ? new OrgUnitRef(kind, assignee) : null,
                body.TargetEventId,
                body.DueAt,
                body.CategoryCode,
                body.CategoryName,
                body.Departments,
                body.LeadDepartmentId,
                body.Latitude,
                body.Longitude,
                body.Rating,
                user.GetOrgUnit());

            if (await CheckTargetsAsync(action, input, user, ct) is { } refused)
            {
                return refused;
            }

            // Evidence of the step (handling result, on-site verification): photos uploaded first, and where it was taken.
            if (CheckStepLocation(body) is { } badLocation)
            {
                return badLocation;
            }

            var (stepPhotos, photoError) = await EventPhotos.FindPendingAsync(db, body.PhotoIds, user.GetUserId(), ct);
            if (photoError is not null)
            {
                return new(Status.Invalid, Message: photoError, Field: "photoIds");
            }

            var unit = user.GetOrgUnit();
            var now = clock.GetUtcNow().UtcDateTime;
            if (action == EventAction.Rate && e.ClosedAt is { } closed && now > closed + EventFeedback.Window)
            {
                return new(Status.WrongStatus, EventDto.From(e, orgs), "办结已超过 7 天，评价期已过。");
            }

            var context = new TransitionContext(user.GetUserId(), user.FindFirst(JiexinClaims.DisplayName)?.Value ?? "", unit, now, checkIn);
            OrgUnitRef? heldBy = e.AssigneeKind is { } heldKind && e.AssigneeId is { } heldId ? new OrgUnitRef(heldKind, heldId) : null;
            var result = EventWorkflow.Apply(e, action, input, EventAccess.RolesOf(user), context);
            if (!result.Succeeded)
            {
                return result.Failure switch
                {
                    TransitionFailure.WrongStatus => new(Status.WrongStatus, EventDto.From(e, orgs), result.Message),
                    TransitionFailure.RoleNotAllowed => new(Status.Forbidden, Message: result.Message),
                    _ => new(Status.Invalid, Message: result.Message, Field: FieldOf(action, input)),
                };
            }

            var step = e.Timeline[^1];
            step.Latitude = body.Latitude;
            step.Longitude = body.Longitude;
            EventPhotos.Attach(db, stepPhotos!, new MediaOwner(EventPhotos.StepKind, step.Id));
            await deadlines.AfterTransitionAsync(e, action, heldBy, context.Now, ct);

            // The UPDATE only matches the version the caller saw: a concurrent change makes it miss.
            db.Entry(e).Property(x => x.Version).OriginalValue = version;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return await RetryOrStaleAsync(e.Id, action, body, version, user, ct);
            }

            return new(Status.Done, EventDto.From(e, orgs, actions: await access.AvailableActionsAsync(user, e)));
        }

        private async Task<Outcome?> CheckTargetsAsync(EventAction action, TransitionInput input, ClaimsPrincipal user, CancellationToken ct)
        {
            switch (action)
            {
                case EventAction.Dispatch when input.Assignee is { } assignee:
                    if (!orgs.Exists(assignee))
                    {
                        return new(Status.Invalid, Message: "承办单位不存在。", Field: "assigneeId");
                    }

                    if (!await access.CanActOnAsync(user, assignee))
                    {
                        return new(Status.Forbidden, Message: "您只能派单给本辖区内的单位。");
                    }

                    break;
                case EventAction.Summon when input.Departments is { } departments:
                    if (departments.Any(d => !orgs.Exists(new OrgUnitRef(OrgUnitKind.Department, d))))
                    {
                        return new(Status.Invalid, Message: "召集的部门不存在。", Field: "departments");
                    }

                    break;
                case EventAction.SelfHandle when user.GetOrgUnit() is null:
                    return new(Status.Forbidden, Message: "您的账号未绑定网格或社区，不能自行处置。");
                case EventAction.Merge when input.TargetEventId is { } targetId:
                    var target = await db.Set<Event>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == targetId, ct);
                    if (target is null || !await access.CanSeeAsync(user, target))
                    {
                        return new(Status.Invalid, Message: "要合并到的事件不存在。", Field: "targetEventId");
                    }

                    if (!EventWorkflow.Open.Contains(target.Status))
                    {
                        return new(Status.Invalid, Message: "只能合并到尚未办结的事件。", Field: "targetEventId");
                    }

                    break;
            }

            return null;
        }

        private static Outcome? CheckStepLocation(Request body)
        {
            if (body.Latitude is null != body.Longitude is null)
            {
                return new(Status.Invalid, Message: "经纬度须同时提供。", Field: body.Latitude is null ? "latitude" : "longitude");
            }

            if (body.Latitude is { } lat && !GeoCoordinates.IsValidLatitude(lat))
            {
                return new(Status.Invalid, Message: "纬度须在 -90 到 90 之间。", Field: "latitude");
            }

            return body.Longitude is { } lng && !GeoCoordinates.IsValidLongitude(lng)
                ? new(Status.Invalid, Message: "经度须在 -180 到 180 之间。", Field: "longitude")
                : null;
        }

        /// <summary>The request field a refused guard is about, so a form can show the message next to it.</summary>
        private static string FieldOf(EventAction action, TransitionInput input) => action switch
        {
            EventAction.Dispatch => "assigneeId",
            EventAction.Merge => "targetEventId",
            EventAction.Summon => input.LeadDepartmentId is { } lead && input.Departments?.Contains(lead) == false ? "leadDepartmentId" : "departments",
            EventAction.CheckIn => input.Latitude is null && input.Longitude is null ? "checkIn" : "latitude",
            EventAction.RecordPart when !string.IsNullOrWhiteSpace(input.Note) => "part",
            EventAction.Rate when input.Rating is not (>= 1 and <= 5) => "rating",
            _ => "note",
        };

        /// <summary>
        /// 409 with the current state, unless the only change since the caller's version is this very request already
        /// carried out (a double tap, or a retry after a lost response): that answers as the first call did, so the
        /// caller is not told someone else acted when it was their own first attempt.
        /// </summary>
        private async Task<Outcome> RetryOrStaleAsync(Guid id, EventAction action, Request body, int seenVersion, ClaimsPrincipal user, CancellationToken ct)
        {
            var current = await Events.AsNoTracking().SingleAsync(x => x.Id == id, ct);
            var actions = await access.AvailableActionsAsync(user, current);
            return current.Version == seenVersion + 1 && await IsLastStepAsync(current, action, body, user, ct)
                ? new(Status.Done, EventDto.From(current, orgs, actions: actions))
                : new(Status.Stale, EventDto.From(current, orgs, actions: actions),
                    $"该事件刚被他人处理（当前状态：{EventWorkflow.StatusName(current.Status)}），请刷新后再操作。");
        }

        /// <summary>Whether the event's latest step is what this request asks for, taken by the same user.</summary>
        private async Task<bool> IsLastStepAsync(Event current, EventAction action, Request body, ClaimsPrincipal user, CancellationToken ct)
        {
            // Requests that change more than the step records are never taken for a retry: they stay conflicts.
            if ((body.TargetEventId is { } target && current.MergedIntoId != target) || body.CategoryCode is not null || body.CategoryName is not null
                || body.Departments is not null || body.LeadDepartmentId is not null || (body.DueAt is { } due && current.DueAt != due))
            {
                return false;
            }

            var step = await db.Set<EventTimelineEntry>().AsNoTracking()
                .Where(t => t.EventId == current.Id)
                .OrderByDescending(t => t.At).ThenByDescending(t => t.Id)
                .FirstOrDefaultAsync(ct);
            if (step is null || step.Action != action.ToString() || step.ActorUserId != user.GetUserId()
                || step.Note != (string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim())
                || step.Latitude != body.Latitude || step.Longitude != body.Longitude
                || (body.AssigneeId is { } assignee && (step.UnitId != assignee || step.UnitKind != body.AssigneeKind)))
            {
                return false;
            }

            if (body.Rating is { } rating && current.Feedback.MaxBy(f => f.RecordedAt)?.Rating != rating)
            {
                return false;
            }

            var photos = body.PhotoIds ?? [];
            var attached = await db.Set<MediaFile>().AsNoTracking()
                .Where(m => m.OwnerKind == EventPhotos.StepKind && m.OwnerId == step.Id)
                .Select(m => m.Id)
                .ToListAsync(ct);
            return attached.Count == photos.Count && attached.All(photos.Contains);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder events) =>
        events.MapPost("/{id:guid}/actions/{action}", async Task<Results<Ok<EventDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, string action, Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(id, action, body, user, ct);
                return outcome.Status switch
                {
                    Status.Done => TypedResults.Ok(outcome.Event!),
                    Status.Invalid => Problems.Validation(outcome.Field ?? "note", outcome.Message!),
                    Status.Forbidden => TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status403Forbidden, title: Problems.TitleFor(403)),
                    Status.WrongStatus or Status.Stale => TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status409Conflict,
                        title: Problems.TitleFor(409), extensions: new Dictionary<string, object?> { ["current"] = outcome.Event }),
                    _ => Problems.NotFound(outcome.Message!),
                };
            })
            .WithName("Events.ActOnEvent");
}
