namespace Jiexin.Platform.Media;

/// <summary>
/// What a PDF must look like to be kept: <c>%PDF-</c> as its very first bytes (not "somewhere in the first kilobyte",
/// which readers tolerate and polyglot files exploit) and the <c>%%EOF</c> marker in its last kilobyte (a truncated
/// upload has none). The bytes are stored as they came and only ever served as a download (ADR: dispute evidence).
/// </summary>
public static class PdfHeader
{
    private static ReadOnlySpan<byte> Magic => "%PDF-"u8;

    private static ReadOnlySpan<byte> EndMarker => "%%EOF"u8;

    public static bool LooksLikePdf(ReadOnlySpan<byte> start) => start.StartsWith(Magic);

    /// <summary>Null when acceptable, else why not.</summary>
    public static MediaError? Check(ReadOnlySpan<byte> content)
    {
        if (content.Length == 0)
        {
            return MediaError.Empty();
        }

        if (!LooksLikePdf(content))
        {
            return MediaError.UnsupportedFileType();
        }

        var tail = content[Math.Max(0, content.Length - 1024)..];
        return tail.IndexOf(EndMarker) < 0 ? MediaError.CorruptDocument() : null;
    }
}
