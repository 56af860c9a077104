using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.Photos;
using Jiexin.Modules.Events.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.GetEvent;

/// <summary>One event with its timeline and the actions the caller may take now. Not visible → 404, never 403.</summary>
public static class GetEvent
{
    public sealed class Handler(JiexinDbContext db, EventAccess access, IOrgDirectory orgs, SuperviseEvent.SupervisionAccess supervision)
    {
        public async Task<EventDto?> Handle(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            var e = await db.Set<Event>().AsNoTracking().Include(x => x.Timeline).Include(x => x.Summons).Include(x => x.Feedback)
                .AsSplitQuery().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (e is null || !await access.CanSeeAsync(user, e))
            {
                return null;
            }

            var actions = await access.AvailableActionsAsync(user, e);
            var resident = user.IsInRole(Roles.Resident);
            var timeline = resident ? ForResident(e) : e.Timeline;
            var photos = await EventPhotos.OfEventAsync(db, e.Id, e.Timeline.Select(t => t.Id), ct);
            // Callers' names and numbers are for staff only.
            var intake = resident ? null : await db.Set<EventIntakeDetails>().AsNoTracking().SingleOrDefaultAsync(x => x.EventId == e.Id, ct);
            var dto = EventDto.From(e, orgs, timeline, actions, photos, intake) with
            {
                Feedback = [.. e.Feedback.OrderBy(f => f.ClosedAt).Select(FeedbackDto.From)],
                FeedbackDueAt = e.Status == EventStatus.Closed && e.ClosedAt is { } closed && e.Feedback.All(f => f.ClosedAt != closed)
                    ? closed + EventFeedback.Window : null,
            };
            return resident ? dto : await WithMultiDepartmentAsync(dto, e, user, ct);
        }

        /// <summary>Summons, 督办 notices (with whether the caller must answer each) and whether the caller may issue one.</summary>
        private async Task<EventDto> WithMultiDepartmentAsync(EventDto dto, Event e, ClaimsPrincipal user, CancellationToken ct)
        {
            var notices = await db.Set<SupervisionNotice>().AsNoTracking().Where(n => n.EventId == e.Id).OrderByDescending(n => n.IssuedAt).ToListAsync(ct);
            var noticeDtos = new List<SupervisionNoticeDto>(notices.Count);
            foreach (var n in notices)
            {
                noticeDtos.Add(SupervisionNoticeDto.From(n, orgs, await supervision.MayAnswerAsync(user, n)));
            }

            return dto with
            {
                Summons = [.. e.Summons.OrderBy(s => s.Superseded).ThenByDescending(s => s.SummonedAt).ThenByDescending(s => s.IsLead).Select(s => SummonsDto.From(s, orgs))],
                SupervisionNotices = noticeDtos,
                CanSupervise = SuperviseEvent.SupervisionAccess.Targets(e).Count > 0 && await supervision.MayIssueAsync(user, e),
            };
        }

        /// <summary>Residents see the steps and replies, not the names of the staff who took them.</summary>
        private static IEnumerable<EventTimelineEntry> ForResident(Event e) =>
            e.Timeline.Where(t => t.Action is not ("Supervise" or "AnswerSupervision")).Select(t => new EventTimelineEntry
            {
                Id = t.Id,
                EventId = t.EventId,
                At = t.At,
                Action = t.Action,
                FromStatus = t.FromStatus,
                ToStatus = t.ToStatus,
                ActorName = t.Action == "Report" ? t.ActorName : "",
                Note = t.Note,
                // Where staff stood is not the resident's business; the step's photos still show.
            });
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder events) =>
        events.MapGet("/{id:guid}", async Task<Results<Ok<EventDto>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.Handle(id, user, ct) is { } dto ? TypedResults.Ok(dto) : Problems.NotFound("未找到该事件。"))
            .WithName("Events.GetEvent");
}
