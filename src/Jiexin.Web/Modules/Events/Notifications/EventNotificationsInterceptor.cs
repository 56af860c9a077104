using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Notifications.Live;
using Jiexin.Platform.Notifications.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Jiexin.Modules.Events.Notifications;

/// <summary>
/// Turns every new <see cref="EventTimelineEntry"/> of a SaveChanges into notification outbox rows in that same
/// SaveChanges (so in the same transaction as the step: both commit or neither), whoever wrote the entry — the
/// workflow, intake, a job, a transition added later. After the save it wakes the outbox dispatcher and tells this
/// instance's pages which events changed.
/// </summary>
public sealed class EventNotificationsInterceptor(OutboxSignal outbox, LiveUpdates live) : SaveChangesInterceptor
{
    /// <summary>This save's outbox rows and changed events, on the context (the interceptor is shared by all of them).</summary>
    private sealed class Pending
    {
        public List<OutboxMessage> Messages { get; } = [];

        public HashSet<Guid> Changed { get; } = [];
    }

    private static Pending PendingOf(DbContext? context) => context is JiexinDbContext db ? db.SaveState<Pending>() : new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            Capture(context);
        }

        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            Capture(context);
        }

        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Discard(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Discard(eventData.Context);
        return Task.CompletedTask;
    }

    private void Capture(DbContext context)
    {
        var pending = PendingOf(context);
        // By id: a group commit saves a hundred intakes at once, and a scan per step would be quadratic.
        var events = new Dictionary<Guid, Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<Event>>();
        foreach (var entry in context.ChangeTracker.AsDetected<Event>())
        {
            events.TryAdd(entry.Entity.Id, entry);
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                pending.Changed.Add(entry.Entity.Id);
            }
        }

        var steps = context.ChangeTracker.AsDetected<EventTimelineEntry>().Where(x => x.State == EntityState.Added).Select(x => x.Entity).ToList();
        foreach (var step in steps)
        {
            var tracked = events.GetValueOrDefault(step.EventId);
            // A step written without its event loaded: read the event (rare; every writer so far has it tracked).
            var e = tracked?.Entity ?? context.Set<Event>().AsNoTracking().SingleOrDefault(x => x.Id == step.EventId);
            if (e is null)
            {
                continue;
            }

            OrgUnitRef? before = null;
            if (tracked is { State: EntityState.Modified }
                && tracked.Property(x => x.AssigneeKind).OriginalValue is { } kind
                && tracked.Property(x => x.AssigneeId).OriginalValue is { } id)
            {
                before = new OrgUnitRef(kind, id);
            }

            var (staff, reporter) = EventNotifications.For(e, step, before);
            if (staff is not null)
            {
                pending.Messages.Add(staff.Enqueue(context, $"events_timeline:{step.Id:N}:staff", step.At));
            }

            if (reporter is not null)
            {
                pending.Messages.Add(reporter.Enqueue(context, $"events_timeline:{step.Id:N}:reporter", step.At));
            }

            pending.Changed.Add(e.Id);
        }
    }

    private void Saved(DbContext? context)
    {
        var pending = PendingOf(context);
        var wake = pending.Messages.Count > 0;
        pending.Messages.Clear();
        // Inside an explicit transaction the change is not visible yet: whoever commits it publishes (see the warnings job).
        var committed = context?.Database.CurrentTransaction is null;
        if (committed)
        {
            foreach (var id in pending.Changed)
            {
                live.PublishChanged(new LiveChange(EventNotifications.Topic, id));
            }

            if (wake)
            {
                outbox.Wake();
            }
        }

        pending.Changed.Clear();
    }

    /// <summary>A failed save must not leave its outbox rows behind for the next save (which may be a retry).</summary>
    private static void Discard(DbContext? context)
    {
        var pending = PendingOf(context);
        if (context is not null)
        {
            foreach (var row in pending.Messages)
            {
                context.Entry(row).State = EntityState.Detached;
            }
        }

        pending.Messages.Clear();
        pending.Changed.Clear();
    }
}
