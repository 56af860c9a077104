using Jiexin.Data;
using Jiexin.Modules.Events.Contracts;
using Jiexin.Modules.Events.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.CategoryHistory;

/// <summary>
/// <see cref="ICategoryHistory"/> over the events table: an event counts once a timeline entry shows a person put it in
/// someone's hands (Dispatch or SelfHandle — the same test as the attribution quality figures). Merged events are left
/// out (their category was never worked on).
/// </summary>
internal sealed class EventCategoryHistory(JiexinDbContext db) : ICategoryHistory
{
    private static readonly string[] DispatchActions = [nameof(EventAction.Dispatch), nameof(EventAction.SelfHandle)];

    public async Task<IReadOnlyList<ConfirmedCategory>> ListConfirmedAsync(int max, CancellationToken ct) =>
        await db.Set<Event>().AsNoTracking()
            .Where(e => e.CategoryCode != null && e.Status != EventStatus.Merged && e.Timeline.Any(t => DispatchActions.Contains(t.Action)))
            .OrderByDescending(e => e.CreatedAt).ThenBy(e => e.Id) // a stable order: the same history trains the same model
            .Take(max)
            .Select(e => new ConfirmedCategory(e.Id, e.Description, e.CategoryCode!, e.AttributedCategoryCode, e.CreatedAt))
            .ToListAsync(ct);
}
