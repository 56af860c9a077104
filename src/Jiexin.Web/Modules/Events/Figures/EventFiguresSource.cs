using System.Runtime.CompilerServices;
using Jiexin.Data;
using Jiexin.Modules.Events.Contracts;
using Jiexin.Modules.Events.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.Figures;

/// <summary>Every event's counted shape, streamed from the events table (only the columns the shape needs).</summary>
public sealed class EventFiguresSource(JiexinDbContext db) : IEventFiguresSource
{
    public async IAsyncEnumerable<EventFigures> ReadAllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var rows = db.Set<Event>().AsNoTracking().Select(e => new
        {
            e.CreatedAt, e.CommunityId, e.GridId, e.AssigneeKind, e.AssigneeId, e.CategoryCode, e.Status, e.Warning, e.ClosedAt, e.UpdatedAt, e.ResolvedTier,
        }).AsAsyncEnumerable().WithCancellation(ct);
        await foreach (var e in rows)
        {
            yield return EventFiguresOf.Of(e.CreatedAt, e.CommunityId, e.GridId, e.AssigneeKind, e.AssigneeId, e.CategoryCode, e.Status, e.Warning, e.ClosedAt, e.UpdatedAt, e.ResolvedTier);
        }
    }
}
