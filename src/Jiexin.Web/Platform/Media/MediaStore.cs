using System.Security.Claims;
using System.Security.Cryptography;
using Jiexin.Platform.Auth;
using Microsoft.Extensions.Options;

namespace Jiexin.Platform.Media;

/// <summary>Which of a photo's two files.</summary>
public enum MediaVariant
{
    Photo,
    Thumbnail,

    /// <summary>A stored document (PDF), kept byte for byte; it has no thumbnail.</summary>
    Document,
}

/// <summary>
/// THE way a module stores a photo. <see cref="SaveImageAsync"/> checks, re-encodes and writes the files, and hands back
/// the <see cref="MediaFile"/> row; the caller adds that row to its own DbContext and calls SaveChanges, so the photo
/// commits (or not) with the item it belongs to:
/// <code>
/// var saved = await media.SaveImageAsync(stream, file.FileName, new MediaOwner("event", ev.Id), user, ct);
/// if (!saved.Succeeded) return saved.Error.ToProblem();
/// db.Add(saved.Media);
/// await db.SaveChangesAsync(ct);
/// </code>
/// Files whose row never commits are removed by <see cref="MediaOrphanSweeper"/> after a grace period.
/// </summary>
public interface IMediaStore
{
    Task<MediaResult> SaveImageAsync(Stream content, string? fileName, MediaOwner owner, ClaimsPrincipal? uploadedBy, CancellationToken ct);

    /// <summary>
    /// Stores a PDF document as it came (ADR: dispute evidence): it must start with <c>%PDF-</c>, end with <c>%%EOF</c>
    /// (within its last kilobyte) and fit <see cref="MediaOptions.MaxDocumentBytes"/>. Same row-commits-with-owner rule.
    /// </summary>
    Task<MediaResult> SaveDocumentAsync(Stream content, string? fileName, MediaOwner owner, ClaimsPrincipal? uploadedBy, CancellationToken ct);

    /// <summary>Opens a stored file for reading, or null when it is missing on disk.</summary>
    Stream? OpenRead(MediaFile media, MediaVariant variant);

    /// <summary>
    /// Deletes the files of a photo whose row was NOT committed (e.g. the third of five photos was refused and the
    /// caller gives up). Never call it for a committed row.
    /// </summary>
    void DiscardUncommitted(MediaFile media);
}

/// <summary>Where the files live: <c>{dir}/yyyy/MM/{id}.jpg</c> and <c>{id}_thumb.jpg</c>.</summary>
public sealed class MediaStorage
{
    public const string PhotoSuffix = ".jpg";
    public const string ThumbnailSuffix = "_thumb.jpg";
    public const string DocumentSuffix = ".pdf";

    public MediaStorage(IOptions<MediaOptions> options, Jiexin.Data.DatabaseOptions database)
    {
        var configured = options.Value.Directory;
        Root = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine(database.DataDir, "media") : configured);
    }

    public string Root { get; }

    public static string KeyFor(Guid id, DateTime createdAtUtc) => $"{createdAtUtc:yyyy}/{createdAtUtc:MM}/{id}";

    public string PathOf(string storageKey, MediaVariant variant)
    {
        // Keys are made by KeyFor; refuse anything else rather than let a tampered row point outside the folder.
        if (storageKey.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(storageKey))
        {
            throw new ArgumentException("Invalid media storage key.", nameof(storageKey));
        }

        return Path.Combine(Root, storageKey.Replace('/', Path.DirectorySeparatorChar)) + variant switch
        {
            MediaVariant.Thumbnail => ThumbnailSuffix,
            MediaVariant.Document => DocumentSuffix,
            _ => PhotoSuffix,
        };
    }
}

internal sealed class MediaStore(
    IOptions<MediaOptions> options,
    MediaStorage storage,
    MediaDecodeGate gate,
    TimeProvider clock,
    ILogger<MediaStore> log) : IMediaStore
{
    private readonly MediaOptions _options = options.Value;

    public async Task<MediaResult> SaveImageAsync(Stream content, string? fileName, MediaOwner owner, ClaimsPrincipal? uploadedBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (owner.Kind is null)
        {
            throw new ArgumentException("A media owner is required.", nameof(owner));
        }

        var upload = await BoundedRead.ReadAsync(content, _options.MaxBytes, ct);
        if (upload is null)
        {
            return MediaError.TooLarge(_options.MaxBytes);
        }

        ProcessedImage? image;
        MediaError? error;
        using (await gate.EnterAsync(ct))
        {
            (image, error) = ImageProcessor.Process(upload, ImageProcessingLimits.From(_options));
        }

        if (image is null)
        {
            log.LogInformation("Photo refused for {Owner}: {Code} ({Bytes} bytes)", owner, error!.MachineCode, upload.Length);
            return error!;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var id = Guid.CreateVersion7(clock.GetUtcNow());
        var key = MediaStorage.KeyFor(id, now);
        var photoPath = storage.PathOf(key, MediaVariant.Photo);
        var thumbnailPath = storage.PathOf(key, MediaVariant.Thumbnail);
        try
        {
            // Thumbnail first: a photo file on disk then always has its thumbnail beside it.
            await DurableFile.WriteAsync(thumbnailPath, image.Thumbnail, ct);
            await DurableFile.WriteAsync(photoPath, image.Jpeg, ct);
        }
        catch
        {
            DurableFile.TryDelete(photoPath);
            DurableFile.TryDelete(thumbnailPath);
            throw;
        }

        return MediaResult.Success(new MediaFile
        {
            Id = id,
            OwnerKind = owner.Kind,
            OwnerId = owner.Id,
            ContentType = MediaFiles.JpegContentType,
            ByteSize = image.Jpeg.Length,
            Width = image.Width,
            Height = image.Height,
            ThumbnailWidth = image.ThumbnailWidth,
            ThumbnailHeight = image.ThumbnailHeight,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(image.Jpeg)),
            OriginalFileName = MediaFileNames.Sanitise(fileName),
            UploadedBy = uploadedBy?.GetUserId(),
            CreatedAt = now,
            StorageKey = key,
        });
    }

    public async Task<MediaResult> SaveDocumentAsync(Stream content, string? fileName, MediaOwner owner, ClaimsPrincipal? uploadedBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var upload = await BoundedRead.ReadAsync(content, _options.MaxDocumentBytes, ct);
        if (upload is null)
        {
            return MediaError.DocumentTooLarge(_options.MaxDocumentBytes);
        }

        if (PdfHeader.Check(upload) is { } refused)
        {
            log.LogInformation("Document refused for {Owner}: {Code} ({Bytes} bytes)", owner, refused.MachineCode, upload.Length);
            return refused;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var id = Guid.CreateVersion7(clock.GetUtcNow());
        var key = MediaStorage.KeyFor(id, now);
        var path = storage.PathOf(key, MediaVariant.Document);
        try
        {
            await DurableFile.WriteAsync(path, upload, ct);
        }
        catch
        {
            DurableFile.TryDelete(path);
            throw;
        }

        return MediaResult.Success(new MediaFile
        {
            Id = id,
            OwnerKind = owner.Kind,
            OwnerId = owner.Id,
            ContentType = MediaFiles.PdfContentType,
            ByteSize = upload.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(upload)),
            OriginalFileName = MediaFileNames.Sanitise(fileName),
            UploadedBy = uploadedBy?.GetUserId(),
            CreatedAt = now,
            StorageKey = key,
        });
    }

    public Stream? OpenRead(MediaFile media, MediaVariant variant)
    {
        try
        {
            return new FileStream(storage.PathOf(media.StorageKey, variant), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete,
                bufferSize: 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            log.LogWarning("Media file {Id} ({Variant}) is missing on disk", media.Id, variant);
            return null;
        }
    }

    public void DiscardUncommitted(MediaFile media)
    {
        DurableFile.TryDelete(storage.PathOf(media.StorageKey, MediaVariant.Photo));
        DurableFile.TryDelete(storage.PathOf(media.StorageKey, MediaVariant.Thumbnail));
        DurableFile.TryDelete(storage.PathOf(media.StorageKey, MediaVariant.Document));
    }
}

/// <summary>Bounds how many photos decode at once: each decode may hold a few hundred MB of pixels.</summary>
internal sealed class MediaDecodeGate(IOptions<MediaOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(
        options.Value.MaxConcurrentDecodes > 0 ? options.Value.MaxConcurrentDecodes : Environment.ProcessorCount);

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}

/// <summary>Reads a whole stream into memory, giving up (null) as soon as it passes the limit, whatever it claims as its length.</summary>
internal static class BoundedRead
{
    public static async Task<byte[]?> ReadAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        long initial;
        if (content.CanSeek)
        {
            initial = content.Length - content.Position;
            if (initial > maxBytes)
            {
                return null;
            }
        }
        else
        {
            initial = Math.Min(64 * 1024, maxBytes);
        }

        var buffer = new byte[Math.Max(initial, 1)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                // Full: is there more? One byte more than the limit is enough to refuse.
                var probe = new byte[1];
                if (await content.ReadAsync(probe, ct) == 0)
                {
                    break;
                }

                if (length + 1 > maxBytes)
                {
                    return null;
                }

                Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, maxBytes));
                buffer[length++] = probe[0];
                continue;
            }

            var read = await content.ReadAsync(buffer.AsMemory(length), ct);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return length == buffer.Length ? buffer : buffer[..length];
    }
}
