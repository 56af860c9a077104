using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static Jiexin.Platform.Localization.Text;

namespace Jiexin.Platform.Media;

/// <summary>
/// "Upload first, attach by id later" for an owner module, in two owner kinds: <see cref="PendingKind"/> (owner = the
/// uploading account: stored, checked, not yet attached; only the uploader sees and attaches them) and
/// <see cref="AttachedKind"/> (owner = the item). Attaching takes the caller's own pending uploads by id, all or nothing,
/// at most <see cref="MaxPerAttach"/> at once (and <see cref="MaxPerOwner"/> on one item), and re-owns the rows in the
/// caller's SaveChanges, so they commit with the step that uses them. Unattached uploads are forgotten after
/// <see cref="MaxAge"/> (<see cref="ExpireAsync"/> from the module's recurring job; the orphan sweeper then removes the files).
/// One instance per use, e.g. <c>new PendingUploads("list-upload", "list-evidence", 5)</c>.
/// </summary>
public sealed class PendingUploads
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);

    public PendingUploads(string pendingKind, string attachedKind, int maxPerAttach, int? maxPerOwner = null, bool documents = false)
    {
        if (!MediaOwner.IsValidKind(pendingKind) || !MediaOwner.IsValidKind(attachedKind) || pendingKind == attachedKind)
        {
            throw new ArgumentException("Two different valid media owner kinds are required.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerAttach, 1);
        PendingKind = pendingKind;
        AttachedKind = attachedKind;
        MaxPerAttach = maxPerAttach;
        MaxPerOwner = maxPerOwner;
        AcceptsDocuments = documents;
    }

    public string PendingKind { get; }

    public string AttachedKind { get; }

    public int MaxPerAttach { get; }

    public int? MaxPerOwner { get; }

    /// <summary>PDF documents are accepted beside photos.</summary>
    public bool AcceptsDocuments { get; }

    private string Noun => AcceptsDocuments ? T("文件", "file") : T("照片", "photo");

    private string Count(int n) => AcceptsDocuments ? T($"{n} 个文件", $"{n} files") : T($"{n} 张照片", $"{n} photos");

    public MediaUploadLimits Limits(MediaOptions options) => MediaUploadLimits.From(options, MaxPerAttach, AcceptsDocuments);

    /// <summary>Stores uploaded files as the caller's pending uploads (API multipart), committed at once.</summary>
    public Task<MediaBatchResult> StoreAsync(JiexinDbContext db, IMediaStore store, MediaOptions options, IReadOnlyList<IFormFile> files, ClaimsPrincipal user, CancellationToken ct) =>
        StoreAsync(db, user, owner => store.SaveFormFilesAsync(files, owner, user, Limits(options), ct), ct);

    /// <summary>Stores files an <see cref="InputFile"/> gave as the caller's pending uploads (console pages), committed at once.</summary>
    public Task<MediaBatchResult> StoreAsync(JiexinDbContext db, IMediaStore store, MediaOptions options, IReadOnlyList<IBrowserFile> files, ClaimsPrincipal user, CancellationToken ct) =>
        StoreAsync(db, user, owner => store.SaveBrowserFilesAsync(files, owner, user, Limits(options), ct), ct);

    private async Task<MediaBatchResult> StoreAsync(JiexinDbContext db, ClaimsPrincipal user, Func<MediaOwner, Task<MediaBatchResult>> save, CancellationToken ct)
    {
        var userId = user.GetUserId() ?? throw new InvalidOperationException("An authenticated user has an id.");
        var saved = await save(new MediaOwner(PendingKind, userId));
        if (saved.Succeeded)
        {
            db.AddRange(saved.Saved);
            await db.SaveChangesAsync(ct);
        }

        return saved;
    }

    /// <summary>
    /// The caller's own pending uploads with these ids, tracked and in the order given; an error message when any is
    /// unknown, someone else's, already attached or repeated, or when there are too many (all or nothing).
    /// <paramref name="ownerId"/>, when given, also checks the item's total against <see cref="MaxPerOwner"/>.
    /// </summary>
    public async Task<(List<MediaFile>? Files, string? Error)> FindAsync(JiexinDbContext db, IReadOnlyList<Guid>? ids, Guid? userId, CancellationToken ct, Guid? ownerId = null)
    {
        if (ids is not { Count: > 0 })
        {
            return ([], null);
        }

        if (ids.Count > MaxPerAttach)
        {
            return (null, T($"最多附 {Count(MaxPerAttach)}。", $"At most {Count(MaxPerAttach)}."));
        }

        if (userId is not { } uploader || ids.Distinct().Count() != ids.Count)
        {
            return (null, T($"{Noun}编号重复或无效。", $"Repeated or invalid {Noun} ids."));
        }

        if (MaxPerOwner is { } max && ownerId is { } owner
            && await db.Set<MediaFile>().CountAsync(m => m.OwnerKind == AttachedKind && m.OwnerId == owner, ct) + ids.Count > max)
        {
            return (null, T($"每件最多 {Count(max)}。", $"At most {Count(max)} per item."));
        }

        var found = await db.Set<MediaFile>().Where(m => ids.Contains(m.Id) && m.OwnerKind == PendingKind && m.OwnerId == uploader).ToListAsync(ct);
        return found.Count == ids.Count
            ? ([.. ids.Select(id => found.Single(m => m.Id == id))], null)
            : (null, T($"{Noun}不存在、不是您上传的，或已被使用，请重新上传。", $"A {Noun} does not exist, was not uploaded by you, or is already used; please upload it again."));
    }

    /// <summary>Moves tracked pending uploads onto the item; they commit with the caller's SaveChanges.</summary>
    public void Attach(JiexinDbContext db, IEnumerable<MediaFile> files, Guid ownerId)
    {
        foreach (var file in files)
        {
            var entry = db.Entry(file);
            entry.Property(m => m.OwnerKind).CurrentValue = AttachedKind;
            entry.Property(m => m.OwnerId).CurrentValue = ownerId;
        }
    }

    /// <summary>The item's attached files, oldest first.</summary>
    public async Task<IReadOnlyList<MediaRef>> OfOwnerAsync(JiexinDbContext db, Guid ownerId, CancellationToken ct) =>
        [.. (await db.Set<MediaFile>().AsNoTracking().OwnedBy(new MediaOwner(AttachedKind, ownerId)).ToListAsync(ct)).Select(m => m.ToRef())];

    /// <summary>Forgets pending uploads older than <see cref="MaxAge"/>: one conditional DELETE (idempotent, safe with two instances).</summary>
    public Task<int> ExpireAsync(JiexinDbContext db, DateTime nowUtc, CancellationToken ct)
    {
        var before = nowUtc - MaxAge;
        return db.Set<MediaFile>().Where(m => m.OwnerKind == PendingKind && m.CreatedAt < before).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// <c>POST {pattern}</c>, multipart field <paramref name="field"/>: the files stored as the caller's pending uploads →
    /// 201 with their refs, or the refusal of every file as problem+json (nothing stored).
    /// </summary>
    public RouteHandlerBuilder MapUpload(RouteGroupBuilder group, string pattern, string field, MediaOptions options) =>
        group.MapPost(pattern, async Task<Results<Created<List<MediaRef>>, ValidationProblem, ProblemHttpResult>> (
                HttpRequest request, ClaimsPrincipal user, JiexinDbContext db, IMediaStore store, IOptions<MediaOptions> current, CancellationToken ct) =>
            {
                if (!request.HasFormContentType)
                {
                    return Problems.Validation(field, T($"请以 multipart/form-data 上传（字段名 {field}）。", $"Upload as multipart/form-data (field {field})."));
                }

                var form = await request.ReadFormAsync(ct);
                var files = form.Files.GetFiles(field);
                if (files.Count == 0)
                {
                    return Problems.Validation(field, T($"请至少选择一个{Noun}（字段名 {field}）。", $"Choose at least one {Noun} (field {field})."));
                }

                var saved = await StoreAsync(db, store, current.Value, files, user, ct);
                return saved.Succeeded ? TypedResults.Created((string?)null, saved.Saved.Select(m => m.ToRef()).ToList()) : saved.ToProblem(field);
            })
            .AcceptsPhotos(Limits(options));
}

/// <summary>Pending uploads: only their uploader sees them. Register it for each pending kind.</summary>
public sealed class PendingUploadAccess : IMediaAccessRule
{
    public Task<bool> CanViewAsync(ClaimsPrincipal user, MediaOwner owner, CancellationToken ct) => Task.FromResult(user.GetUserId() == owner.Id);
}
