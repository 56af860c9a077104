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
        where T : class
    {
        var auto = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return [.. tracker.Entries<T>()];
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = auto;
        }
    }

    /// <inheritdoc cref="AsDetected{T}(ChangeTracker)"/>
    public static List<EntityEntry> AsDetected(this ChangeTracker tracker)
    {
        var auto = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return [.. tracker.Entries()];
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = auto;
        }
    }
}
