using System.Globalization;
using System.Text.RegularExpressions;

namespace Jiexin.Modules.Events.Open311.Format;

/// <summary>Text going out through the public Open311 API, and dates coming in.</summary>
public static partial class Open311Text
{
    /// <summary>
    /// Open311 reads are public, but residents write their phone number or ID-card number into descriptions
    /// ("请联系我 13912345678"). Such numbers are masked on the way out (the stored text stays whole for staff):
    /// mobiles and landlines keep their first and last digits, ID numbers their region and last four, e-mail
    /// addresses their first letter and domain.
    /// </summary>
    public static string? MaskPersonalData(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        text = IdCard().Replace(text, m => m.Value[..4] + new string('*', m.Value.Length - 8) + m.Value[^4..]);
        text = Mobile().Replace(text, m => m.Value[..3] + "****" + m.Value[^4..]);
        text = Landline().Replace(text, m => m.Groups["area"].Value + m.Groups["sep"].Value + new string('*', m.Groups["number"].Length - 2) + m.Groups["number"].Value[^2..]);
        text = Email().Replace(text, m => m.Groups["first"].Value + "***@" + m.Groups["domain"].Value);
        return text;
    }

    /// <summary>
    /// Reads a W3C date-time (<c>2010-01-01T00:00:00Z</c>, <c>…+08:00</c>, or a bare date); without a zone it is
    /// taken as China time, the jurisdiction's own.
    /// </summary>
    public static bool TryParseW3c(string? text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        var hasZone = text.EndsWith('Z') || text.EndsWith('z') || ZoneSuffix().IsMatch(text);
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        if (!hasZone)
        {
            parsed = new DateTimeOffset(parsed.DateTime, TimeSpan.FromHours(8));
        }

        utc = parsed.UtcDateTime;
        return true;
    }

    /// <summary>A comma-delimited list (the spec's "declared multiple times, comma delimited").</summary>
    public static IReadOnlyList<string> List(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    [GeneratedRegex(@"(?<![0-9A-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9A-Za-z])")]
    private static partial Regex IdCard();

    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"(?<!\d)(?<area>0\d{2,3})(?<sep>[- ]?)(?<number>[2-9]\d{6,7})(?!\d)")]
    private static partial Regex Landline();

    [GeneratedRegex(@"(?<first>[A-Za-z0-9])[A-Za-z0-9._%+-]*@(?<domain>[A-Za-z0-9.-]+\.[A-Za-z]{2,})")]
    private static partial Regex Email();

    [GeneratedRegex(@"[+-]\d{2}:?\d{2}$")]
    private static partial Regex ZoneSuffix();
}
