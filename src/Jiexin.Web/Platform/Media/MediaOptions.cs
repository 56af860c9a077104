using System.ComponentModel.DataAnnotations;

namespace Jiexin.Platform.Media;

/// <summary>Bound from <c>Jiexin:Media</c>. The defaults suit phone photos of street problems.</summary>
public sealed class MediaOptions
{
    public const string Section = "Jiexin:Media";

    /// <summary>Folder of the stored photos; empty means <c>{Jiexin:DataDir}/media</c>.</summary>
    public string? Directory { get; set; }

    /// <summary>Largest upload accepted per file, in bytes (10 MB: a full-size photo from any current phone).</summary>
    [Range(1024, 200L * 1024 * 1024)]
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest PDF document accepted per file, in bytes (20 MB: a scanned contract of a few dozen pages).</summary>
    [Range(1024, 200L * 1024 * 1024)]
    public long MaxDocumentBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Largest total of one multi-file upload, in bytes.</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 50 * 1024 * 1024;

    /// <summary>Default number of files one upload may carry (owner modules may ask for fewer).</summary>
    [Range(1, 50)]
    public int MaxFilesPerUpload { get; set; } = 5;

    /// <summary>
    /// Pixel budget read from the header before decoding (40 MP covers 48 MP phone sensors' default 12 MP output and
    /// most 40 MP cameras). A decoded pixel costs 4 bytes: 40 MP is 160 MB, which is what one decode may hold.
    /// </summary>
    [Range(1, 250_000_000)]
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>Long edge of the stored photo: enough to read a house number, small enough for a phone network.</summary>
    [Range(320, 8192)]
    public int MaxLongEdge { get; set; } = 2560;

    [Range(64, 1024)]
    public int ThumbnailLongEdge { get; set; } = 320;

    [Range(50, 100)]
    public int JpegQuality { get; set; } = 85;

    /// <summary>Decodes running at once; each may hold up to <see cref="MaxPixels"/> × 4 bytes. 0 = one per core.</summary>
    [Range(0, 64)]
    public int MaxConcurrentDecodes { get; set; }

    public OrphanSweepOptions OrphanSweep { get; set; } = new();

    public sealed class OrphanSweepOptions
    {
        public bool Enabled { get; set; } = true;

        /// <summary>A file younger than this is never an orphan: its caller may still be about to commit its row.</summary>
        public TimeSpan GracePeriod { get; set; } = TimeSpan.FromHours(24);

        public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

        /// <summary>Delay of the first sweep after start (which scans every folder, for files a crash left).</summary>
        public TimeSpan FirstRunDelay { get; set; } = TimeSpan.FromMinutes(2);
    }
}
