using Jiexin.Data;
using Jiexin.Modules.Events.Contracts;
using Jiexin.Modules.Events.Deadlines;
using Jiexin.Modules.Events.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.MapPoints;

/// <summary><see cref="IEventMapPoints"/> over the events table: open statuses through the (Status, CreatedAt) index, newest first.</summary>
internal sealed class EventMapPointsReader(JiexinDbContext db) : IEventMapPoints
{
    private static readonly EventStatus[] OpenStatuses = [.. EventWorkflow.Open];

    public async Task<EventMapPoints> ListOpenAsync(IReadOnlyCollection<Guid>? gridIds, int max, CancellationToken ct)
    {
        var events = db.Set<Event>().AsNoTracking()
            .Where(e => Enumerable.Contains(OpenStatuses, e.Status) && e.GridId != null && e.Latitude != null && e.Longitude != null);
        if (gridIds is not null)
        {
            var grids = gridIds.ToArray();
            events = events.Where(e => Enumerable.Contains(grids, e.GridId!.Value));
        }

        var total = await events.CountAsync(ct);
        var rows = await events
            .OrderByDescending(e => e.CreatedAt)
            .Take(Math.Max(0, max))
            .Select(e => new { e.Id, e.Latitude, e.Longitude, e.GridId, e.CategoryCode, e.Warning })
            .ToListAsync(ct);
        // ~10 m: enough for a heat layer and a dot per report, too coarse to point at one door.
        return new EventMapPoints(
            [.. rows.Select(r => new EventMapPoint(r.Id, Math.Round(r.Latitude!.Value, 4), Math.Round(r.Longitude!.Value, 4), r.GridId!.Value,
                r.CategoryCode, r.Warning == DeadlineWarning.Overdue))],
            total);
    }
}
