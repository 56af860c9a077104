using Jiexin.Data;
using Jiexin.Modules.Events.Contracts;
using Jiexin.Modules.Events.Deadlines;
using Jiexin.Modules.Events.Domain;
using Jiexin.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Jiexin.Modules.Events.Figures;

/// <summary>
/// Publishes every change of an event's counted shape (<see cref="EventFiguresOf"/>) to the
/// <see cref="IEventFiguresObserver"/>s inside the SaveChanges that makes it, so figures commit with the change.
/// Works on whatever the change tracker holds: one action, or a group commit of a hundred reports (one pass, no query).
/// </summary>
public sealed class EventFiguresInterceptor(IEnumerable<IEventFiguresObserver> observers) : SaveChangesInterceptor
{
    private readonly IEventFiguresObserver[] _observers = [.. observers];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Failed(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Context);
        return Task.CompletedTask;
    }

    private void Failed(DbContext? context)
    {
        if (context is JiexinDbContext db)
        {
            foreach (var observer in _observers)
            {
                observer.OnSaveFailed(db);
            }
        }
    }

    private void Capture(DbContext? context)
    {
        if (_observers.Length == 0 || context is not JiexinDbContext db)
        {
            return;
        }

        List<EventFiguresChange>? changes = null;
        foreach (var entry in db.ChangeTracker.AsDetected<Event>())
        {
            EventFigures? before = entry.State is EntityState.Modified or EntityState.Deleted ? Original(entry) : null;
            EventFigures? after = entry.State is EntityState.Added or EntityState.Modified ? EventFiguresOf.Of(entry.Entity) : null;
            if (entry.State is EntityState.Unchanged or EntityState.Detached || before == after)
            {
                continue;
            }

            (changes ??= []).Add(new EventFiguresChange(before, after));
        }

        if (changes is null)
        {
            return;
        }

        foreach (var observer in _observers)
        {
            observer.OnChanged(db, changes);
        }
    }

    private static EventFigures Original(EntityEntry<Event> entry)
    {
        var o = entry.OriginalValues;
        return EventFiguresOf.Of(
            o.GetValue<DateTime>(nameof(Event.CreatedAt)),
            o.GetValue<Guid?>(nameof(Event.CommunityId)),
            o.GetValue<Guid?>(nameof(Event.GridId)),
            o.GetValue<OrgUnitKind?>(nameof(Event.AssigneeKind)),
            o.GetValue<Guid?>(nameof(Event.AssigneeId)),
            o.GetValue<string?>(nameof(Event.CategoryCode)),
            o.GetValue<EventStatus>(nameof(Event.Status)),
            o.GetValue<DeadlineWarning>(nameof(Event.Warning)),
            o.GetValue<DateTime?>(nameof(Event.ClosedAt)),
            o.GetValue<DateTime>(nameof(Event.UpdatedAt)),
            o.GetValue<ResolutionTier?>(nameof(Event.ResolvedTier)));
    }
}
