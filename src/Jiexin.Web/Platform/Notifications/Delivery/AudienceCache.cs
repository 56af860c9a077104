using System.Collections.Concurrent;
using Jiexin.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Jiexin.Platform.Notifications.Delivery;

/// <summary>
/// The members of an audience, remembered for <see cref="Lifetime"/> across delivery batches: under a burst of intake
/// every batch of the outbox asked the database again for the same grids, communities and roles (~6 % of the app's CPU
/// at peak; ADR 0023). Any account or role change saved on this instance forgets everything at once
/// (<see cref="AccountChangesInterceptor"/>); one saved on another instance of a cluster is seen within the lifetime.
/// </summary>
public sealed class AudienceCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);

    // Bounded by what exists (grids, communities, roles, accounts), but residents are many: past this, start again.
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>Read before the look-up whose result is then offered to <see cref="Remember"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(string audience, out IReadOnlyList<Recipient> members)
    {
        if (_entries.TryGetValue(audience, out var entry) && entry.Generation == Generation && clock.GetUtcNow() < entry.Expires)
        {
            members = entry.Members;
            return true;
        }

        members = [];
        return false;
    }

    /// <summary>
    /// Keeps a look-up's result unless accounts changed since it began (<paramref name="generationAtRead"/>): a read that
    /// overlapped a change may have seen the old members.
    /// </summary>
    public void Remember(string audience, IReadOnlyList<Recipient> members, long generationAtRead)
    {
        if (generationAtRead != Generation)
        {
            return;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[audience] = new Entry(members, generationAtRead, clock.GetUtcNow() + Lifetime);
    }

    public void Forget()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    private sealed record Entry(IReadOnlyList<Recipient> Members, long Generation, DateTimeOffset Expires);
}

/// <summary>Forgets the <see cref="AudienceCache"/> when a save adds, changes or removes an account or a role membership.</summary>
public sealed class AccountChangesInterceptor(AudienceCache cache) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ForgetIfNoted(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ForgetIfNoted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => ForgetIfNoted(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ForgetIfNoted(eventData.Context);
        return Task.CompletedTask;
    }

    private static void Note(DbContext? context)
    {
        if (context is JiexinDbContext db)
        {
            db.SaveState<State>().AccountsChanged =
                db.ChangeTracker.AsDetected<JiexinUser>().Any(Changes) || db.ChangeTracker.AsDetected<IdentityUserRole<Guid>>().Any(Changes);
        }
    }

    private static bool Changes<T>(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<T> entry)
        where T : class => entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted;

    // After the commit (and after a failure, which may have committed nothing or, on a lost connection, everything):
    // a look-up that began before this point is not remembered.
    private void ForgetIfNoted(DbContext? context)
    {
        if (context is JiexinDbContext db && db.SaveState<State>() is { AccountsChanged: true } state)
        {
            state.AccountsChanged = false;
            cache.Forget();
        }
    }

    private sealed class State
    {
        public bool AccountsChanged { get; set; }
    }
}
