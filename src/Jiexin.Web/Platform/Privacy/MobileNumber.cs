namespace Jiexin.Platform.Privacy;

/// <summary>Mainland mobile numbers: 11 digits starting 13–19, with an optional +86 / 86 prefix and the separators people type.</summary>
public static class MobileNumber
{
    /// <summary>The 11 digits, or null when the value is not a mainland mobile number.</summary>
    public static string? Normalise(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (text.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '-' or '+')) || text.LastIndexOf('+') > 0)
        {
            return null;
        }

        var digits = string.Concat(text.Where(char.IsAsciiDigit));
        if (digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }

        return digits.Length == 11 && digits[0] == '1' && digits[1] is >= '3' and <= '9' ? digits : null;
    }
}
