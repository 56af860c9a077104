using System.Diagnostics.CodeAnalysis;
using static Jiexin.Platform.Localization.Text;

namespace Jiexin.Platform.Media;

/// <summary>Why an upload was refused.</summary>
public enum MediaErrorCode
{
    /// <summary>Not JPEG, PNG or WebP by its magic bytes (GIF, BMP, SVG, HTML, text, …). 415.</summary>
    UnsupportedType,

    /// <summary>More bytes than allowed, for one file or the whole upload. 413.</summary>
    TooLarge,

    /// <summary>The header claims more pixels than the budget (decompression bomb or a huge panorama). 400.</summary>
    TooManyPixels,

    /// <summary>The format is right but the decoder cannot read it all (truncated, damaged, crafted). 400.</summary>
    Corrupt,

    /// <summary>No bytes at all. 400.</summary>
    Empty,

    /// <summary>More files in one upload than allowed. 400.</summary>
    TooManyFiles,
}

/// <summary>A refusal: a machine code for clients, a zh-CN (or English) message for people.</summary>
public sealed record MediaError(MediaErrorCode Code, string Message)
{
    /// <summary>The machine code as the API writes it: <c>unsupported_type</c>, <c>too_large</c>, ….</summary>
    public string MachineCode => Code switch
    {
        MediaErrorCode.UnsupportedType => "unsupported_type",
        MediaErrorCode.TooLarge => "too_large",
        MediaErrorCode.TooManyPixels => "too_many_pixels",
        MediaErrorCode.Corrupt => "corrupt",
        MediaErrorCode.Empty => "empty",
        MediaErrorCode.TooManyFiles => "too_many_files",
        _ => "invalid",
    };

    public int HttpStatus => Code switch
    {
        MediaErrorCode.UnsupportedType => StatusCodes.Status415UnsupportedMediaType,
        MediaErrorCode.TooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status400BadRequest,
    };

    public static MediaError UnsupportedType() =>
        new(MediaErrorCode.UnsupportedType, T("仅支持 JPEG、PNG 或 WebP 格式的照片。", "Only JPEG, PNG or WebP photos are accepted."));

    /// <summary>For uploads that also take PDF documents.</summary>
    public static MediaError UnsupportedFileType() =>
        new(MediaErrorCode.UnsupportedType, T("仅支持 JPEG、PNG、WebP 照片或 PDF 文件。", "Only JPEG, PNG or WebP photos, or PDF documents, are accepted."));

    public static MediaError DocumentTooLarge(long maxBytes) =>
        new(MediaErrorCode.TooLarge, T($"PDF 文件不能超过 {Megabytes(maxBytes)}。", $"A PDF document may not exceed {Megabytes(maxBytes)}."));

    public static MediaError CorruptDocument() =>
        new(MediaErrorCode.Corrupt, T("PDF 文件不完整或已损坏（缺少文件结尾），请重新导出后上传。", "The PDF is incomplete or damaged (no end-of-file marker); please export it again."));

    public static MediaError TooLarge(long maxBytes) =>
        new(MediaErrorCode.TooLarge, T($"照片不能超过 {Megabytes(maxBytes)}。", $"A photo may not exceed {Megabytes(maxBytes)}."));

    public static MediaError UploadTooLarge(long maxBytes) =>
        new(MediaErrorCode.TooLarge, T($"照片合计不能超过 {Megabytes(maxBytes)}。", $"The photos together may not exceed {Megabytes(maxBytes)}."));

    public static MediaError TooManyPixels(int width, int height, long maxPixels) =>
        new(MediaErrorCode.TooManyPixels, T(
            $"照片尺寸过大（{width}×{height}），最多 {maxPixels / 10_000} 万像素，请缩小后再上传。",
            $"The photo is too large ({width}×{height}); at most {maxPixels / 1_000_000.0:0.#} megapixels, please resize it."));

    public static MediaError Corrupt() =>
        new(MediaErrorCode.Corrupt, T("照片已损坏或不完整，无法读取，请重新拍摄或选择。", "The photo is damaged or incomplete and cannot be read; please take or choose it again."));

    public static MediaError Empty() =>
        new(MediaErrorCode.Empty, T("文件为空。", "The file is empty."));

    public static MediaError TooManyFiles(int maxFiles, bool documents = false) =>
        new(MediaErrorCode.TooManyFiles, documents
            ? T($"最多上传 {maxFiles} 个文件。", $"At most {maxFiles} files may be uploaded.")
            : T($"最多上传 {maxFiles} 张照片。", $"At most {maxFiles} photos may be uploaded."));

    private static string Megabytes(long bytes) =>
        bytes < 1024 * 1024 ? $"{Math.Max(1, bytes / 1024)} KB"
        : bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MB"
        : $"{bytes / (1024.0 * 1024):0.#} MB";
}

/// <summary>The outcome of <see cref="IMediaStore.SaveImageAsync"/>: the row to add, or why not.</summary>
public sealed class MediaResult
{
    private MediaResult(MediaFile? media, MediaError? error)
    {
        Media = media;
        Error = error;
    }

    /// <summary>The row describing the stored files. The caller adds it to its DbContext and saves.</summary>
    public MediaFile? Media { get; }

    public MediaError? Error { get; }

    [MemberNotNullWhen(true, nameof(Media))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static MediaResult Success(MediaFile media) => new(media, null);

    public static MediaResult Failure(MediaError error) => new(null, error);

    public static implicit operator MediaResult(MediaError error) => Failure(error);
}
