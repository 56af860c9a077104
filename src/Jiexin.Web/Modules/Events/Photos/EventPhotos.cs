using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Media;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.Photos;

/// <summary>
/// The photos of an event, in three owner kinds of the media pipeline:
/// <c>event</c> (owner = event id: taken at intake), <c>event-step</c> (owner = timeline entry id: handling and
/// verification evidence) and <c>event-upload</c> (owner = uploading account: uploaded through the API and not yet
/// attached; only the uploader sees them, and only the uploader can attach them to an event or a step).
/// </summary>
public static class EventPhotos
{
    public const string EventKind = "event";
    public const string StepKind = "event-step";
    public const string PendingKind = "event-upload";

    /// <summary>At most this many photos on one intake or one step (resident H5 and API alike).</summary>
    public const int MaxPerItem = 5;

    public static MediaUploadLimits Limits(MediaOptions options) => MediaUploadLimits.From(options, MaxPerItem);

    /// <summary>
    /// The caller's own unattached uploads with these ids, tracked, or an error when any is unknown, someone else's or
    /// already attached (all or nothing).
    /// </summary>
    public static async Task<(List<MediaFile>? Photos, string? Error)> FindPendingAsync(JiexinDbContext db, IReadOnlyList<Guid>? ids, Guid? userId, CancellationToken ct)
    {
        if (ids is not { Count: > 0 })
        {
            return ([], null);
        }

        if (ids.Count > MaxPerItem)
        {
            return (null, $"最多附 {MaxPerItem} 张照片。");
        }

        if (userId is not { } owner || ids.Distinct().Count() != ids.Count)
        {
            return (null, "照片编号重复或无效。");
        }

        var found = await db.Set<MediaFile>()
            .Where(m => ids.Contains(m.Id) && m.OwnerKind == PendingKind && m.OwnerId == owner)
            .ToListAsync(ct);
        return found.Count == ids.Count
            ? ([.. ids.Select(id => found.Single(m => m.Id == id))], null)
            : (null, "照片不存在、不是您上传的，或已附在其他事件上，请重新上传。");
    }

    /// <summary>Moves tracked uploads to their owner; they commit with the caller's SaveChanges.</summary>
    public static void Attach(JiexinDbContext db, IEnumerable<MediaFile> photos, MediaOwner owner)
    {
        foreach (var photo in photos)
        {
            var entry = db.Entry(photo);
            entry.Property(m => m.OwnerKind).CurrentValue = owner.Kind;
            entry.Property(m => m.OwnerId).CurrentValue = owner.Id;
        }
    }

    /// <summary>The event's intake photos and its steps' photos, in one query.</summary>
    public static async Task<List<MediaFile>> OfEventAsync(JiexinDbContext db, Guid eventId, IEnumerable<Guid> timelineIds, CancellationToken ct)
    {
        var steps = timelineIds.ToList();
        return await db.Set<MediaFile>().AsNoTracking()
            .Where(m => (m.OwnerKind == EventKind && m.OwnerId == eventId) || (m.OwnerKind == StepKind && steps.Contains(m.OwnerId)))
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .ToListAsync(ct);
    }
}

/// <summary>An event's intake photos: visible to whoever may see the event.</summary>
internal sealed class EventPhotoAccess(JiexinDbContext db, EventAccess access) : IMediaAccessRule
{
    public async Task<bool> CanViewAsync(ClaimsPrincipal user, MediaOwner owner, CancellationToken ct)
    {
        var e = await db.Set<Event>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == owner.Id, ct);
        return e is not null && await access.CanSeeAsync(user, e);
    }
}

/// <summary>A step's photos: visible to whoever may see the step's event.</summary>
internal sealed class EventStepPhotoAccess(JiexinDbContext db, EventAccess access) : IMediaAccessRule
{
    public async Task<bool> CanViewAsync(ClaimsPrincipal user, MediaOwner owner, CancellationToken ct)
    {
        var eventId = await db.Set<EventTimelineEntry>().Where(t => t.Id == owner.Id).Select(t => (Guid?)t.EventId).SingleOrDefaultAsync(ct);
        var e = eventId is { } id ? await db.Set<Event>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct) : null;
        return e is not null && await access.CanSeeAsync(user, e);
    }
}

/// <summary>Unattached uploads: only their uploader.</summary>
internal sealed class PendingEventPhotoAccess : IMediaAccessRule
{
    public Task<bool> CanViewAsync(ClaimsPrincipal user, MediaOwner owner, CancellationToken ct) =>
        Task.FromResult(user.GetUserId() == owner.Id);
}

/// <summary>Request limits of the resident report form (five photos at the default 10 MB, plus the form's fields).</summary>
public static class ReportPhotoLimits
{
    public const long MaxRequestBytes = 52L * 1024 * 1024;
}
