using Jiexin.Data;
using Jiexin.Platform.Jobs;
using Jiexin.Platform.Media;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.Photos;

/// <summary>
/// Photos uploaded first (<c>POST /api/v1/events/photos</c>) and never attached to a report or a step within
/// <see cref="MaxAge"/> are forgotten: their rows go, and the media orphan sweeper then removes their files. One
/// conditional DELETE, so it is idempotent and two instances running it at once delete each row once.
/// </summary>
public sealed class ExpireUnattachedUploadsJob(JiexinDbContext db, TimeProvider clock) : IRecurringJob
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);

    public string Name => "expire-unattached-uploads";

    public Task<int> RunOnceAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow().UtcDateTime - MaxAge;
        return db.Set<MediaFile>()
            .Where(m => m.OwnerKind == EventPhotos.PendingKind && m.CreatedAt < before)
            .ExecuteDeleteAsync(ct);
    }
}
