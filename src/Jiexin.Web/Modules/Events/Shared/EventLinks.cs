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
            : ToLinked(e);
    }

    public async Task<IReadOnlyList<LinkedEvent>> FindVisibleAsync(IReadOnlyCollection<Guid> eventIds, ClaimsPrincipal user, CancellationToken ct)
    {
        var ids = eventIds.Distinct().ToList();
        var events = await db.Set<Event>().AsNoTracking().Include(x => x.Summons).Where(x => ids.Contains(x.Id)).ToListAsync(ct);
        var visible = new Dictionary<Guid, LinkedEvent>();
        foreach (var e in events)
        {
            if (await access.CanSeeAsync(user, e))
            {
                visible[e.Id] = ToLinked(e);
            }
        }

        return [.. ids.Where(visible.ContainsKey).Select(id => visible[id])];
    }

    private static LinkedEvent ToLinked(Event e) =>
        new(e.Id, e.TrackingCode, e.Description, e.GridId, e.CommunityId, e.Address, e.ReporterUserId, EventWorkflow.StatusName(e.Status));

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
