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
    public sealed class Handler(JiexinDbContext db, EventAccess access, IOrgDirectory orgs)
    {
        public async Task<EventDto?> Handle(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            var e = await db.Set<Event>().AsNoTracking().Include(x => x.Timeline).SingleOrDefaultAsync(x => x.Id == id, ct);
            if (e is null || !await access.CanSeeAsync(user, e))
            {
                return null;
            }

            var actions = await access.AvailableActionsAsync(user, e);
            var isResident = user.IsInRole(Roles.Resident);
            var timeline = isResident ? ForResident(e) : e.Timeline;
            var photos = await EventPhotos.OfEventAsync(db, e.Id, e.Timeline.Select(t => t.Id), ct);
            // Callers' names and numbers are for staff only.
            var intake = isResident ? null : await db.Set<EventIntakeDetails>().AsNoTracking().SingleOrDefaultAsync(x => x.EventId == e.Id, ct);
            return EventDto.From(e, orgs, timeline, actions, photos, intake);
        }

        /// <summary>Residents see the steps and replies, not the names of the staff who took them.</summary>
        private static IEnumerable<EventTimelineEntry> ForResident(Event e) =>
            e.Timeline.Select(t => new EventTimelineEntry
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
