using System.Globalization;

namespace Jiexin.Platform.Privacy;

/// <summary>
/// Resident identity numbers (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit serial (odd = male), and an
/// ISO 7064 MOD 11-2 check character (0–9 or X).
/// </summary>
public static class ChineseIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>Trims, removes inner spaces and upper-cases a trailing x; null for blank input.</summary>
    public static string? Normalise(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return string.Concat(value.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
    }

    /// <summary>Null when valid; otherwise the zh-CN reason, fit for a problem detail or a row of an import report.</summary>
    public static string? Validate(string normalised, DateOnly today)
    {
        if (normalised.Length != 18)
        {
            return "身份证号应为 18 位。";
        }

        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(normalised[i]))
            {
                return "身份证号前 17 位应为数字。";
            }
        }

        if (!char.IsAsciiDigit(normalised[17]) && normalised[17] != 'X')
        {
            return "身份证号最后一位应为数字或 X。";
        }

        if (normalised[0] == '0' || normalised[..2] is "10" or "20" or "30" or "40" or "50" or "60" or "70" or "80" or "90")
        {
            return "身份证号的地区码不正确。";
        }

        if (BirthDate(normalised) is not { } birth || birth > today || birth < new DateOnly(1890, 1, 1))
        {
            return "身份证号中的出生日期不正确。";
        }

        return CheckCharacter(normalised) == normalised[17] ? null : "身份证号校验位不正确，请核对。";
    }

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    public static DateOnly? BirthDate(string normalised) =>
        normalised.Length >= 14
        && DateOnly.TryParseExact(normalised.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    /// <summary>"男" for an odd serial, "女" for an even one.</summary>
    public static string Sex(string normalised) => (normalised[16] - '0') % 2 == 1 ? "男" : "女";
}
