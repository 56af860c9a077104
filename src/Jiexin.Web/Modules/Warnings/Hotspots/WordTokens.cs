using Jiexin.Platform.Text;

namespace Jiexin.Modules.Warnings.Hotspots;

/// <summary>
/// A report's words for similarity (<see cref="ChineseWords"/>, shared with the case library), cached by event.
/// </summary>
public static class WordTokens
{
    private const int MaxCached = 100_000;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, HashSet<string>> ByEvent = new();

    /// <summary>An event's words, remembered by its id (a report's text never changes): hotspots re-read the same week of reports.</summary>
    public static HashSet<string> OfEvent(Guid eventId, string? text)
    {
        if (ByEvent.TryGetValue(eventId, out var cached))
        {
            return cached;
        }

        if (ByEvent.Count >= MaxCached)
        {
            ByEvent.Clear();
        }

        var words = Of(text);
        ByEvent[eventId] = words;
        return words;
    }

    public static HashSet<string> Of(string? text) => ChineseWords.Of(text);

    /// <summary>|A ∩ B| / |A ∪ B|; 0 when both are empty.</summary>
    public static double Jaccard(IReadOnlySet<string> a, IReadOnlySet<string> b) => ChineseWords.Jaccard(a, b);
}
