using System.Globalization;

namespace Jiexin.Modules.Events.Shared;

/// <summary>A latitude or longitude as typed in a form (resident report, grid worker pages).</summary>
public static class TypedCoordinate
{
    /// <summary>
    /// Reads a typed coordinate: blank is "not given" (true, null); phones with a Chinese keyboard may offer a full-width
    /// point or comma. False when the text is not a finite number.
    /// </summary>
    public static bool TryParse(string? text, out double? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var normalised = text.Trim().Replace('。', '.').Replace('．', '.').Replace('，', '.');
        if (double.TryParse(normalised, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
        {
            value = v;
            return true;
        }

        return false;
    }
}
