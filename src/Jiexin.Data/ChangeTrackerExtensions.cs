using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Jiexin.Data;

public static class ChangeTrackerExtensions
{
    /// <summary>
    /// The tracked entries as the one DetectChanges at the start of <see cref="JiexinDbContext"/>'s SaveChanges left
    /// them, for SaveChanges interceptors. <c>Entries()</c> would scan every tracked entity again on each call: a group
    /// commit saves hundreds of rows, and the interceptors together made a dozen such scans per save. Entities added
    /// since (context.Add) are tracked at once and so included; EF's own detection after the interceptors still sees
    /// anything they changed.
    /// </summary>
    public static List<EntityEntry<T>> AsDetected<T>(this ChangeTracker tracker)
        where T : class => WithoutScan(tracker, t => t.Entries<T>());

    /// <inheritdoc cref="AsDetected{T}(ChangeTracker)"/>
    public static List<EntityEntry> AsDetected(this ChangeTracker tracker) => WithoutScan(tracker, t => t.Entries());

    private static List<TEntry> WithoutScan<TEntry>(ChangeTracker tracker, Func<ChangeTracker, IEnumerable<TEntry>> entries)
    {
        var auto = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return [.. entries(tracker)];
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = auto;
        }
    }
}
