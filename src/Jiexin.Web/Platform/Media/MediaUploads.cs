using System.Security.Claims;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using static Jiexin.Platform.Localization.Text;

namespace Jiexin.Platform.Media;

/// <summary>
/// Limits of one multi-file upload. <see cref="From"/> takes the configured defaults. <see cref="MaxDocumentBytes"/> &gt; 0
/// means PDF documents are accepted beside photos (up to that size each).
/// </summary>
public sealed record MediaUploadLimits(int MaxFiles, long MaxBytesPerFile, long MaxTotalBytes, long MaxDocumentBytes = 0)
{
    public bool AcceptsDocuments => MaxDocumentBytes > 0;

    /// <summary>The most one file of the upload may have, whatever its kind.</summary>
    public long MaxBytesOfAnyFile => Math.Max(MaxBytesPerFile, MaxDocumentBytes);

    public static MediaUploadLimits From(MediaOptions options, int? maxFiles = null, bool documents = false) =>
        new(maxFiles ?? options.MaxFilesPerUpload, options.MaxBytes, options.MaxUploadBytes, documents ? options.MaxDocumentBytes : 0);
}

/// <summary>One refused file of an upload: its position, its (sanitised) name, and why.</summary>
public sealed record MediaFileError(int Index, string? FileName, MediaError Error)
{
    /// <summary>"IMG_0012.HEIC：仅支持 JPEG、PNG 或 WebP 格式的照片。"</summary>
    public string Describe() => FileName is null
        ? T($"第 {Index + 1} 张照片：{Error.Message}", $"Photo {Index + 1}: {Error.Message}")
        : T($"{FileName}：{Error.Message}", $"{FileName}: {Error.Message}");
}

/// <summary>All photos of an upload stored (rows for the caller to add), or none and every reason why.</summary>
public sealed class MediaBatchResult
{
    private MediaBatchResult(IReadOnlyList<MediaFile> saved, IReadOnlyList<MediaFileError> errors)
    {
        Saved = saved;
        Errors = errors;
    }

    /// <summary>The rows to add to the caller's DbContext before its SaveChanges; empty when <see cref="Succeeded"/> is false.</summary>
    public IReadOnlyList<MediaFile> Saved { get; }

    public IReadOnlyList<MediaFileError> Errors { get; }

    public bool Succeeded => Errors.Count == 0;

    /// <summary>Every refusal, each with its file's name, in one line for a form.</summary>
    public string Describe() => string.Join(T("；", "; "), Errors.Select(e => e.Describe()));

    internal static MediaBatchResult Success(IReadOnlyList<MediaFile> saved) => new(saved, []);

    internal static MediaBatchResult Failure(IReadOnlyList<MediaFileError> errors) => new([], errors);
}

/// <summary>
/// Multi-photo uploads for owner modules: minimal-API multipart (<see cref="IFormFile"/>) and Blazor
/// <see cref="InputFile"/> (<see cref="IBrowserFile"/>). All or nothing: when any file is refused, the ones already
/// written are deleted and every refusal is reported with its file's name, so the user fixes them all at once.
/// Files are only checked against the limits here; phones may shrink photos before sending (it saves residents' data),
/// but the server accepts anything up to the limit either way.
/// </summary>
public static class MediaUploads
{
    /// <summary>Stores the files of a multipart form, e.g. <c>form.Files.GetFiles("photos")</c>.</summary>
    public static Task<MediaBatchResult> SaveFormFilesAsync(this IMediaStore store, IReadOnlyList<IFormFile> files,
        MediaOwner owner, ClaimsPrincipal? uploadedBy, MediaUploadLimits limits, CancellationToken ct) =>
        store.SaveAllAsync(files.Select(f => new Upload(f.FileName, f.Length, _ => Task.FromResult(f.OpenReadStream()))).ToList(),
            owner, uploadedBy, limits, ct);

    /// <summary>
    /// Stores the files an <see cref="InputFile"/> gave (read them when the form is submitted, not when they are picked:
    /// photos picked and never submitted would otherwise be written for nothing).
    /// </summary>
    public static Task<MediaBatchResult> SaveBrowserFilesAsync(this IMediaStore store, IReadOnlyList<IBrowserFile> files,
        MediaOwner owner, ClaimsPrincipal? uploadedBy, MediaUploadLimits limits, CancellationToken ct) =>
        store.SaveAllAsync(files.Select(f => new Upload(f.Name, f.Size,
                // One byte over the limit lets the bounded read notice a file that grows beyond what it announced.
                c => Task.FromResult(f.OpenReadStream(limits.MaxBytesOfAnyFile + 1, c)))).ToList(),
            owner, uploadedBy, limits, ct);

    private sealed record Upload(string? FileName, long DeclaredLength, Func<CancellationToken, Task<Stream>> Open);

    private static async Task<MediaBatchResult> SaveAllAsync(this IMediaStore store, IReadOnlyList<Upload> uploads,
        MediaOwner owner, ClaimsPrincipal? uploadedBy, MediaUploadLimits limits, CancellationToken ct)
    {
        if (uploads.Count > limits.MaxFiles)
        {
            return MediaBatchResult.Failure([new MediaFileError(-1, null, MediaError.TooManyFiles(limits.MaxFiles, limits.AcceptsDocuments))]);
        }

        // Declared sizes first: nothing is decoded when the upload is refused anyway.
        var errors = new List<MediaFileError>();
        for (var i = 0; i < uploads.Count; i++)
        {
            if (uploads[i].DeclaredLength > limits.MaxBytesOfAnyFile)
            {
                errors.Add(new MediaFileError(i, MediaFileNames.Sanitise(uploads[i].FileName),
                    limits.AcceptsDocuments && limits.MaxDocumentBytes >= limits.MaxBytesPerFile ? MediaError.DocumentTooLarge(limits.MaxDocumentBytes) : MediaError.TooLarge(limits.MaxBytesPerFile)));
            }
        }

        if (errors.Count == 0 && uploads.Sum(u => u.DeclaredLength) > limits.MaxTotalBytes)
        {
            errors.Add(new MediaFileError(-1, null, MediaError.UploadTooLarge(limits.MaxTotalBytes)));
        }

        if (errors.Count > 0)
        {
            return MediaBatchResult.Failure(errors);
        }

        var saved = new List<MediaFile>();
        for (var i = 0; i < uploads.Count; i++)
        {
            MediaResult result;
            try
            {
                await using var content = await uploads[i].Open(ct);
                result = limits.AcceptsDocuments
                    ? await store.SavePhotoOrDocumentAsync(content, uploads[i].FileName, owner, uploadedBy, limits, ct)
                    : await store.SaveImageAsync(content, uploads[i].FileName, owner, uploadedBy, ct);
            }
            catch (IOException) when (!ct.IsCancellationRequested)
            {
                // IBrowserFile's stream throws past its maximum size.
                result = MediaError.TooLarge(limits.MaxBytesOfAnyFile);
            }

            if (result.Succeeded)
            {
                saved.Add(result.Media);
            }
            else
            {
                errors.Add(new MediaFileError(i, MediaFileNames.Sanitise(uploads[i].FileName), result.Error));
            }
        }

        if (errors.Count == 0)
        {
            return MediaBatchResult.Success(saved);
        }

        foreach (var media in saved)
        {
            store.DiscardUncommitted(media);
        }

        return MediaBatchResult.Failure(errors);
    }

    /// <summary>
    /// A PDF (by its first bytes, never its name) goes to <see cref="IMediaStore.SaveDocumentAsync"/>, anything else to the
    /// photo pipeline; a file that is neither is refused with a message naming both kinds.
    /// </summary>
    private static async Task<MediaResult> SavePhotoOrDocumentAsync(this IMediaStore store, Stream content, string? fileName,
        MediaOwner owner, ClaimsPrincipal? uploadedBy, MediaUploadLimits limits, CancellationToken ct)
    {
        var bytes = await BoundedRead.ReadAsync(content, limits.MaxBytesOfAnyFile, ct);
        if (bytes is null)
        {
            return MediaError.TooLarge(limits.MaxBytesOfAnyFile);
        }

        using var buffered = new MemoryStream(bytes, writable: false);
        if (PdfHeader.LooksLikePdf(bytes))
        {
            return await store.SaveDocumentAsync(buffered, fileName, owner, uploadedBy, ct);
        }

        var result = await store.SaveImageAsync(buffered, fileName, owner, uploadedBy, ct);
        return result is { Succeeded: false, Error.Code: MediaErrorCode.UnsupportedType } ? MediaError.UnsupportedFileType() : result;
    }
}

/// <summary>Refusals as RFC 9457 problem+json: 415 unsupported type, 413 too large, 400 otherwise; always with a <c>code</c>.</summary>
public static class MediaProblems
{
    public static ProblemHttpResult ToProblem(this MediaError error, string field = "photo") =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = error.HttpStatus,
            Title = Problems.TitleFor(error.HttpStatus),
            Detail = error.Message,
            Extensions =
            {
                ["code"] = error.MachineCode,
                ["errors"] = new Dictionary<string, string[]> { [field] = [error.Message] },
            },
        });

    /// <summary>
    /// For a refused multi-photo upload: the status of the refusals when they agree (all too large → 413), else 400;
    /// <c>errors</c> keyed by the form field as in validation problems, and <c>files</c> with each file's code.
    /// </summary>
    public static ProblemHttpResult ToProblem(this MediaBatchResult result, string field = "photos")
    {
        if (result.Succeeded)
        {
            throw new InvalidOperationException("The upload succeeded: there is no problem to report.");
        }

        var statuses = result.Errors.Select(e => e.Error.HttpStatus).Distinct().ToList();
        var status = statuses.Count == 1 ? statuses[0] : StatusCodes.Status400BadRequest;
        var codes = result.Errors.Select(e => e.Error.MachineCode).Distinct().ToList();
        return TypedResults.Problem(new ProblemDetails
        {
            Status = status,
            Title = Problems.TitleFor(status),
            Detail = result.Describe(),
            Extensions =
            {
                ["code"] = codes.Count == 1 ? codes[0] : field == "photos" ? "invalid_photos" : "invalid_files",
                ["errors"] = new Dictionary<string, string[]> { [field] = result.Errors.Select(e => e.Describe()).ToArray() },
                ["files"] = result.Errors.Select(e => new { index = e.Index, fileName = e.FileName, code = e.Error.MachineCode, message = e.Error.Message }).ToArray(),
            },
        });
    }

    /// <summary>
    /// For an endpoint that takes photos as multipart: lets the request body and form be as large as the upload
    /// limits allow (Kestrel's default body limit of 30 MB is smaller than five 10 MB photos), and says so in OpenAPI.
    /// </summary>
    public static RouteHandlerBuilder AcceptsPhotos(this RouteHandlerBuilder builder, MediaUploadLimits limits)
    {
        // Multipart framing, boundaries and the other form fields on top of the files.
        var maxRequest = limits.MaxTotalBytes + 1024 * 1024;
        return builder
            .WithMetadata(new RequestSizeLimitAttribute(maxRequest))
            .WithFormOptions(multipartBodyLengthLimit: maxRequest)
            .Accepts<IFormFileCollection>("multipart/form-data");
    }
}
