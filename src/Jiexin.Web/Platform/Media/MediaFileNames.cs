using System.Globalization;
using System.Text;

namespace Jiexin.Platform.Media;

/// <summary>Makes a client's file name safe to store and show. It is only ever displayed, never used as a path.</summary>
public static class MediaFileNames
{
    public const int MaxLength = 120;

    /// <summary>
    /// Keeps the last path segment (either separator), drops control, format (bidi overrides such as U+202E that turn
    /// "photo‮gpj.exe" around, zero-width characters), private-use and unassigned characters, collapses white space and
    /// cuts to <see cref="MaxLength"/> characters keeping the extension. Null when nothing is left.
    /// </summary>
    public static string? Sanitise(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return null;
        }

        var lastSegment = fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..];
        var kept = new StringBuilder(Math.Min(lastSegment.Length, MaxLength * 2));
        var pendingSpace = false;
        foreach (var rune in lastSegment.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune)) // before the control check: tabs and line breaks become one space
            {
                pendingSpace = kept.Length > 0;
                continue;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                continue;
            }

            if (pendingSpace)
            {
                kept.Append(' ');
                pendingSpace = false;
            }

            kept.Append(rune.ToString());
        }

        var name = kept.ToString().Trim('.', ' ');
        if (name.Length == 0)
        {
            return null;
        }

        return name.Length <= MaxLength ? name : Shorten(name);
    }

    private static string Shorten(string name)
    {
        var dot = name.LastIndexOf('.');
        var extension = dot > 0 && name.Length - dot <= 10 ? name[dot..] : "";
        var stem = name[..^extension.Length];
        var keep = MaxLength - extension.Length;
        // Never cut a surrogate pair in two.
        if (char.IsHighSurrogate(stem[keep - 1]))
        {
            keep--;
        }

        return stem[..keep] + extension;
    }
}
