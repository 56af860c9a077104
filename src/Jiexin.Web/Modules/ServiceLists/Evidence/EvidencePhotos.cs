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

    public static MediaUploadLimits Limits(MediaOptions options) => MediaUploadLimits.From(options, MaxPerItem);

    /// <summary>The caller's own unattached uploads with these ids, tracked; an error when any is unknown or not theirs (all or nothing).</summary>
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

        var found = await db.Set<MediaFile>().Where(m => ids.Contains(m.Id) && m.OwnerKind == PendingKind && m.OwnerId == owner).ToListAsync(ct);
        return found.Count == ids.Count
            ? ([.. ids.Select(id => found.Single(m => m.Id == id))], null)
            : (null, "照片不存在、不是您上传的，或已用于其他销号，请重新上传。");
    }

    /// <summary>Moves tracked uploads onto the closed item; they commit with the closing's SaveChanges.</summary>
    public static void Attach(JiexinDbContext db, IEnumerable<MediaFile> photos, Guid itemId)
    {
        foreach (var photo in photos)
        {
            var entry = db.Entry(photo);
            entry.Property(m => m.OwnerKind).CurrentValue = EvidenceKind;
            entry.Property(m => m.OwnerId).CurrentValue = itemId;
        }
    }

    public static async Task<IReadOnlyList<MediaRef>> OfItemAsync(JiexinDbContext db, Guid itemId, CancellationToken ct) =>
        [.. (await db.Set<MediaFile>().AsNoTracking().Where(m => m.OwnerKind == EvidenceKind && m.OwnerId == itemId)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(ct)).Select(m => m.ToRef())];
}

/// <summary>Stores photos as the caller's unattached uploads (API multipart and the console's file picker alike).</summary>
public static class UploadEvidencePhotos
{
    public sealed class Handler(JiexinDbContext db, IMediaStore store, IOptions<MediaOptions> options)
    {
        public Task<MediaBatchResult> Handle(IReadOnlyList<IFormFile> files, ClaimsPrincipal user, CancellationToken ct) =>
            SaveAsync(user, (owner, limits) => store.SaveFormFilesAsync(files, owner, user, limits, ct), ct);

        public Task<MediaBatchResult> Handle(IReadOnlyList<Microsoft.AspNetCore.Components.Forms.IBrowserFile> files, ClaimsPrincipal user, CancellationToken ct) =>
            SaveAsync(user, (owner, limits) => store.SaveBrowserFilesAsync(files, owner, user, limits, ct), ct);

        private async Task<MediaBatchResult> SaveAsync(ClaimsPrincipal user, Func<MediaOwner, MediaUploadLimits, Task<MediaBatchResult>> save, CancellationToken ct)
        {
            var userId = user.GetUserId() ?? throw new InvalidOperationException("An authenticated user has an id.");
            var saved = await save(new MediaOwner(EvidencePhotos.PendingKind, userId), EvidencePhotos.Limits(options.Value));
            if (saved.Succeeded)
            {
                db.AddRange(saved.Saved);
                await db.SaveChangesAsync(ct);
            }

            return saved;
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder lists, MediaUploadLimits limits) =>
        lists.MapPost("/photos", async Task<Results<Created<List<MediaRef>>, ValidationProblem, ProblemHttpResult>> (
                HttpRequest request, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                if (!request.HasFormContentType)
                {
                    return Problems.Validation("photos", "请以 multipart/form-data 上传照片（字段名 photos）。");
                }

                var form = await request.ReadFormAsync(ct);
                var files = form.Files.GetFiles("photos");
                if (files.Count == 0)
                {
                    return Problems.Validation("photos", "请至少选择一张照片（字段名 photos）。");
                }

                var saved = await handler.Handle(files, user, ct);
                return saved.Succeeded ? TypedResults.Created((string?)null, saved.Saved.Select(m => m.ToRef()).ToList()) : saved.ToProblem();
            })
            .AcceptsPhotos(limits)
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

/// <summary>Unattached uploads: only their uploader.</summary>
internal sealed class PendingEvidencePhotoAccess : IMediaAccessRule
{
    public Task<bool> CanViewAsync(ClaimsPrincipal user, MediaOwner owner, CancellationToken ct) => Task.FromResult(user.GetUserId() == owner.Id);
}

/// <summary>Uploads never attached to a closing within a day are forgotten (one conditional DELETE: idempotent, safe with two instances).</summary>
public sealed class ExpireEvidenceUploadsJob(JiexinDbContext db, TimeProvider clock) : IRecurringJob
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);

    public string Name => "lists-expire-evidence-uploads";

    public Task<int> RunOnceAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow().UtcDateTime - MaxAge;
        return db.Set<MediaFile>().Where(m => m.OwnerKind == EvidencePhotos.PendingKind && m.CreatedAt < before).ExecuteDeleteAsync(ct);
    }
}
