using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.ServiceLists.Domain;
using Jiexin.Modules.ServiceLists.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Jiexin.Platform.Jobs;
using Jiexin.Platform.Media;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiexin.Modules.ServiceLists.Evidence;

/// <summary>
/// 销号 evidence photos, through the platform media pipeline (checked, re-encoded, EXIF stripped) in two owner kinds:
/// <c>list-evidence</c> (owner = the closed item) and <c>list-upload</c> (owner = the uploading account: uploaded and
/// not yet attached to a closing; only the uploader sees and attaches them). Like Events' photos: upload first
/// (<c>POST /api/v1/lists/photos</c>), then send their ids as <c>photoIds</c> when closing.
/// </summary>
public static class EvidencePhotos
{
    public const string EvidenceKind = "list-evidence";
    public const string PendingKind = "list-upload";
    public const int MaxPerItem = 5;

    /// <summary>The platform's upload-then-attach helper for these two kinds.</summary>
    public static readonly PendingUploads Uploads = new(PendingKind, EvidenceKind, MaxPerItem);

    public static MediaUploadLimits Limits(MediaOptions options) => Uploads.Limits(options);

    /// <summary>The caller's own unattached uploads with these ids, tracked; an error when any is unknown or not theirs (all or nothing).</summary>
    public static Task<(List<MediaFile>? Files, string? Error)> FindPendingAsync(JiexinDbContext db, IReadOnlyList<Guid>? ids, Guid? userId, CancellationToken ct) =>
        Uploads.FindAsync(db, ids, userId, ct);

    /// <summary>Moves tracked uploads onto the closed item; they commit with the closing's SaveChanges.</summary>
    public static void Attach(JiexinDbContext db, IEnumerable<MediaFile> photos, Guid itemId) => Uploads.Attach(db, photos, itemId);

    public static Task<IReadOnlyList<MediaRef>> OfItemAsync(JiexinDbContext db, Guid itemId, CancellationToken ct) => Uploads.OfOwnerAsync(db, itemId, ct);
}

/// <summary>Stores photos as the caller's unattached uploads (API multipart and the console's file picker alike).</summary>
public static class UploadEvidencePhotos
{
    public sealed class Handler(JiexinDbContext db, IMediaStore store, IOptions<MediaOptions> options)
    {
        public Task<MediaBatchResult> Handle(IReadOnlyList<IFormFile> files, ClaimsPrincipal user, CancellationToken ct) =>
            EvidencePhotos.Uploads.StoreAsync(db, store, options.Value, files, user, ct);

        public Task<MediaBatchResult> Handle(IReadOnlyList<Microsoft.AspNetCore.Components.Forms.IBrowserFile> files, ClaimsPrincipal user, CancellationToken ct) =>
            EvidencePhotos.Uploads.StoreAsync(db, store, options.Value, files, user, ct);
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder lists, MediaOptions options) =>
        EvidencePhotos.Uploads.MapUpload(lists, "/photos", "photos", options)
            .WithName("ServiceLists.UploadEvidencePhotos");
}

/// <summary>Evidence photos: whoever may see the item (its staff, and the resident whose need it is).</summary>
internal sealed class EvidencePhotoAccess(JiexinDbContext db, ListAccess access) : IMediaAccessRule
{
    public async Task<bool> CanViewAsync(ClaimsPrincipal user, MediaOwner owner, CancellationToken ct)
    {
        var item = await db.Set<ListItem>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == owner.Id, ct);
        return item is not null && await access.CanSeeAsync(user, item);
    }
}

/// <summary>Uploads never attached to a closing within a day are forgotten (one conditional DELETE: idempotent, safe with two instances).</summary>
public sealed class ExpireEvidenceUploadsJob(JiexinDbContext db, TimeProvider clock) : IRecurringJob
{
    public static readonly TimeSpan MaxAge = PendingUploads.MaxAge;

    public string Name => "lists-expire-evidence-uploads";

    public Task<int> RunOnceAsync(CancellationToken ct)
    {
        return EvidencePhotos.Uploads.ExpireAsync(db, clock.GetUtcNow().UtcDateTime, ct);
    }
}
