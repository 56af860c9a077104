using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Platform.Media;

/// <summary>What a stored photo belongs to: a kind that a module names (<c>event</c>, <c>event-handling</c>) and that item's id.</summary>
public readonly record struct MediaOwner
{
    public MediaOwner(string kind, Guid id)
    {
        if (!IsValidKind(kind))
        {
            throw new ArgumentException($"Media owner kind '{kind}' must be 1-32 characters of a-z, 0-9 and '-'.", nameof(kind));
        }

        Kind = kind;
        Id = id;
    }

    public string Kind { get; }

    public Guid Id { get; }

    public static bool IsValidKind(string? kind) =>
        !string.IsNullOrEmpty(kind) && kind.Length <= 32 && kind.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    public override string ToString() => $"{Kind}/{Id}";
}

/// <summary>
/// One stored photo (table <c>platform_media</c>): a re-encoded JPEG and its thumbnail on disk under
/// <c>{media dir}/{StorageKey}.jpg</c> and <c>…_thumb.jpg</c>. Rows are written by the owner module's handler, in its own
/// SaveChanges, so a photo exists exactly when the item it belongs to was saved; files without a row are orphans that
/// <see cref="MediaOrphanSweeper"/> removes.
/// </summary>
public sealed class MediaFile
{
    public Guid Id { get; init; }

    public string OwnerKind { get; init; } = "";

    public Guid OwnerId { get; init; }

    /// <summary><c>image/jpeg</c> for photos (whatever came in is stored re-encoded), <c>application/pdf</c> for documents (stored as they came).</summary>
    public string ContentType { get; init; } = MediaFiles.JpegContentType;

    /// <summary>Bytes of the stored file (for a photo, the re-encoded JPEG, not the upload).</summary>
    public long ByteSize { get; init; }

    public int Width { get; init; }

    public int Height { get; init; }

    public int ThumbnailWidth { get; init; }

    public int ThumbnailHeight { get; init; }

    /// <summary>SHA-256 of the stored JPEG, lower-case hex: integrity checks, ETag, duplicate detection.</summary>
    public string Sha256 { get; init; } = "";

    /// <summary>The client's file name, for display only (path, control and invisible characters removed); never used as a path.</summary>
    public string? OriginalFileName { get; init; }

    /// <summary>The uploading account; null for anonymous intake channels.</summary>
    public Guid? UploadedBy { get; init; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>Path of the files below the media folder without extension, e.g. <c>2026/05/{id}</c>.</summary>
    public string StorageKey { get; init; } = "";

    public MediaOwner Owner => new(OwnerKind, OwnerId);

    public bool IsDocument => ContentType == MediaFiles.PdfContentType;
}

public static class MediaFiles
{
    public const string JpegContentType = "image/jpeg";
    public const string PdfContentType = "application/pdf";

    /// <summary>The photos of one owner, oldest first: <c>db.Set&lt;MediaFile&gt;().OwnedBy(owner)</c>.</summary>
    public static IQueryable<MediaFile> OwnedBy(this IQueryable<MediaFile> media, MediaOwner owner) =>
        media.Where(m => m.OwnerKind == owner.Kind && m.OwnerId == owner.Id).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id);

    /// <summary>The API address of the photo, for <c>&lt;img src&gt;</c> and DTOs.</summary>
    public static string Url(Guid id) => $"/api/v1/media/{id}";

    public static string ThumbnailUrl(Guid id) => $"/api/v1/media/{id}/thumbnail";

    /// <summary>What API responses carry for a photo.</summary>
    public static MediaRef ToRef(this MediaFile m) => m.IsDocument
        ? new(m.Id, 0, 0, Url(m.Id), null, m.ContentType, m.OriginalFileName, m.ByteSize)
        : new(m.Id, m.Width, m.Height, Url(m.Id), ThumbnailUrl(m.Id), m.ContentType, m.OriginalFileName, m.ByteSize);
}

/// <summary>
/// A stored file as owner modules put it in their DTOs: the id, its size (to lay out before it loads) and its addresses.
/// Documents (PDF) have no thumbnail and no pixel size; they carry their file name and byte size for a file line.
/// </summary>
public sealed record MediaRef(Guid Id, int Width, int Height, string Url, string? ThumbnailUrl,
    string ContentType = MediaFiles.JpegContentType, string? FileName = null, long ByteSize = 0)
{
    public bool IsDocument => ContentType == MediaFiles.PdfContentType;
}

internal sealed class MediaFileConfiguration : IEntityTypeConfiguration<MediaFile>
{
    public void Configure(EntityTypeBuilder<MediaFile> b)
    {
        b.ToTable("platform_media");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.OwnerKind).HasMaxLength(32).IsRequired();
        b.Property(x => x.ContentType).HasMaxLength(64).IsRequired();
        b.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
        b.Property(x => x.OriginalFileName).HasMaxLength(MediaFileNames.MaxLength);
        b.Property(x => x.StorageKey).HasMaxLength(64).IsRequired();
        b.Ignore(x => x.Owner);
        b.Ignore(x => x.IsDocument);
        // An owner's photos are listed with the owner (event detail, Open311 media_url).
        b.HasIndex(x => new { x.OwnerKind, x.OwnerId });
    }
}
