using Jiexin.Data;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Platform.Jobs;

/// <summary>
/// The lease that lets one instance at a time run a job. Taking it is one conditional UPDATE (free, expired, or
/// already ours), so of two instances racing for it exactly one UPDATE matches; the first run on a new database
/// inserts the row, and the loser of that insert race sees a key violation and stands aside. A lease that outlives its
/// holder (killed mid-run) expires after <see cref="JobsOptions.LeaseSeconds"/>, and every job is idempotent besides.
/// </summary>
internal static class JobLeases
{
    public static async Task<bool> TryAcquireAsync(JiexinDbContext db, string job, string holder, DateTime now, TimeSpan lease, CancellationToken ct)
    {
        var until = now.Add(lease);
        var taken = await db.Set<JobLease>()
            .Where(l => l.Name == job && (l.LeasedUntil < now || l.Holder == holder))
            .ExecuteUpdateAsync(s => s
                .SetProperty(l => l.Holder, holder)
                .SetProperty(l => l.LeasedUntil, until)
                .SetProperty(l => l.LastStartedAt, now), ct);
        if (taken == 1)
        {
            return true;
        }

        if (await db.Set<JobLease>().AnyAsync(l => l.Name == job, ct))
        {
            return false; // another instance holds it
        }

        db.Add(new JobLease { Name = job, Holder = holder, LeasedUntil = until, LastStartedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false; // inserted by another instance a moment before
        }
    }

    public static Task ReleaseAsync(JiexinDbContext db, string job, string holder, DateTime now, int handled, CancellationToken ct) =>
        db.Set<JobLease>()
            .Where(l => l.Name == job && l.Holder == holder)
            .ExecuteUpdateAsync(s => s
                .SetProperty(l => l.LeasedUntil, now)
                .SetProperty(l => l.LastFinishedAt, now)
                .SetProperty(l => l.LastHandled, handled), ct);
}
