using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Contracts;
using Jiexin.Modules.Events.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.Shared;

internal sealed class EventLinks(JiexinDbContext db, EventAccess access) : IEventLinks
{
    public async Task<LinkedEvent?> FindVisibleAsync(Guid eventId, ClaimsPrincipal user, CancellationToken ct)
    {
        var e = await db.Set<Event>().AsNoTracking().Include(x => x.Summons).SingleOrDefaultAsync(x => x.Id == eventId, ct);
        return e is null || !await access.CanSeeAsync(user, e)
            ? null
            : new LinkedEvent(e.Id, e.TrackingCode, e.Description, e.GridId, e.CommunityId, e.Address, e.ReporterUserId);
    }

    public async Task NoteLinkAsync(Guid eventId, string action, string note, Guid? actorUserId, string actorName, DateTime now, CancellationToken ct)
    {
        var e = await db.Set<Event>().SingleAsync(x => x.Id == eventId, ct);
        e.UpdatedAt = now;
        e.Timeline.Add(new EventTimelineEntry
        {
            Id = Guid.CreateVersion7(now),
            EventId = e.Id,
            At = now,
            Action = action,
            FromStatus = e.Status,
            ToStatus = e.Status,
            ActorUserId = actorUserId,
            ActorName = actorName,
            Note = note,
        });
    }
}
