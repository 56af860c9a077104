namespace Jiexin.Modules.Registry.Shared;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (no I, O, S, V, Z), the last a check
/// character computed modulo 31 from the first 17 with the weights 3^i mod 31.
/// </summary>
public static class CreditCode
{
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Upper case without spaces, or null for blank input.</summary>
    public static string? Normalise(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : string.Concat(value.Where(c => !char.IsWhiteSpace(c) && c != '-')).ToUpperInvariant();

    /// <summary>The check character of the first 17 characters, or null when one of them is outside the alphabet.</summary>
    public static char? CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            return null;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(first17[i]);
            if (value < 0)
            {
                return null;
            }

            sum += value * Weights[i];
        }

        var check = 31 - sum % 31;
        return Alphabet[check == 31 ? 0 : check];
    }

    /// <summary>Null when valid; else what is wrong, in plain Chinese.</summary>
    public static string? Validate(string normalised)
    {
        if (normalised.Length != 18)
        {
            return "统一社会信用代码应为 18 位。";
        }

        if (normalised.Any(c => !Alphabet.Contains(c)))
        {
            return "统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）。";
        }

        return CheckCharacter(normalised.AsSpan(0, 17)) == normalised[17] ? null : "统一社会信用代码校验位不正确，请核对。";
    }
}
