namespace Jiexin.Modules.Events.Shared;

/// <summary>
/// How alike two short descriptions are: Jaccard similarity of their character bigrams. Chinese has no spaces, and
/// bigrams catch "路灯不亮" in "东门路灯不亮了" without a dictionary; punctuation, spaces and case are ignored.
/// </summary>
public static class TextSimilarity
{
    public static HashSet<string> Bigrams(string? text)
    {
        var chars = (text ?? "").Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray();
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (chars.Length == 1)
        {
            result.Add(chars[0].ToString());
        }

        for (var i = 0; i + 1 < chars.Length; i++)
        {
            result.Add(new string(chars, i, 2));
        }

        return result;
    }

    /// <summary>|A ∩ B| / |A ∪ B|, 0 when both are empty.</summary>
    public static double Jaccard(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        if (a.Count == 0 && b.Count == 0)
        {
            return 0;
        }

        var common = a.Count <= b.Count ? a.Count(b.Contains) : b.Count(a.Contains);
        return (double)common / (a.Count + b.Count - common);
    }

    public static double Jaccard(string? a, string? b) => Jaccard(Bigrams(a), Bigrams(b));

    /// <summary>Great-circle distance in metres (haversine; plenty for a few hundred metres).</summary>
    public static double DistanceMeters(double lat1, double lng1, double lat2, double lng2)
    {
        const double earthRadius = 6_371_000;
        var dLat = double.DegreesToRadians(lat2 - lat1);
        var dLng = double.DegreesToRadians(lng2 - lng1);
        var h = Math.Pow(Math.Sin(dLat / 2), 2)
                + Math.Cos(double.DegreesToRadians(lat1)) * Math.Cos(double.DegreesToRadians(lat2)) * Math.Pow(Math.Sin(dLng / 2), 2);
        return 2 * earthRadius * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
