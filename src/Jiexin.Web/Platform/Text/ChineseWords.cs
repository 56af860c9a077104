using JiebaNet.Segmenter;

namespace Jiexin.Platform.Text;

/// <summary>
/// A Chinese text's words for similarity: jieba (precise mode, HMM for unknown words) over the first characters,
/// lower-cased, without jieba's stop words, punctuation, digits and single characters that are not Chinese.
/// Shared by hotspots (Warnings) and the case library (Disputes). The dictionaries load once (about a second);
/// segmentation is then fast and, behind the lock, thread-safe.
/// </summary>
public static class ChineseWords
{
    public const int DefaultMaxChars = 300;
    private static readonly Lock Gate = new();
    private static readonly Lazy<(JiebaSegmenter Segmenter, HashSet<string> StopWords)> Jieba = new(Load);

    public static HashSet<string> Of(string? text, int maxChars = DefaultMaxChars)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return words;
        }

        var input = text.Length > maxChars ? text[..maxChars] : text;
        var (segmenter, stopWords) = Jieba.Value;
        IEnumerable<string> cut;
        lock (Gate)
        {
            cut = [.. segmenter.Cut(input, cutAll: false, hmm: true)];
        }

        foreach (var raw in cut)
        {
            var word = raw.Trim().ToLowerInvariant();
            if (word.Length == 0 || stopWords.Contains(word) || !word.Any(char.IsLetter) || word.All(char.IsAsciiLetterOrDigit) && word.Length >= 16)
            {
                continue; // punctuation, numbers, stop words, and long ASCII runs (codes, ids)
            }

            if (word.Length == 1 && !IsChinese(word[0]))
            {
                continue;
            }

            words.Add(word);
        }

        return words;
    }

    /// <summary>jieba's raw segmentation (precise mode, HMM), nothing filtered: the classifier's vocabulary is built from it.</summary>
    public static IReadOnlyList<string> Cut(string text, bool hmm = true)
    {
        var (segmenter, _) = Jieba.Value;
        lock (Gate)
        {
            return [.. segmenter.Cut(text, cutAll: false, hmm: hmm)];
        }
    }

    /// <summary>|A ∩ B| / |A ∪ B|; 0 when both are empty.</summary>
    public static double Jaccard(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        if (a.Count == 0 && b.Count == 0)
        {
            return 0;
        }

        var common = a.Count <= b.Count ? a.Count(b.Contains) : b.Count(a.Contains);
        return (double)common / (a.Count + b.Count - common);
    }

    private static bool IsChinese(char c) => c is >= '\u4e00' and <= '\u9fff';

    private static (JiebaSegmenter, HashSet<string>) Load()
    {
        // jieba.NET reads its dictionaries from a folder; the build copies the package's Resources next to the app.
        var resources = Path.Combine(AppContext.BaseDirectory, "Resources");
        ConfigManager.ConfigFileBaseDir = resources;
        var stopFile = Path.Combine(resources, "stopwords.txt");
        var stop = File.Exists(stopFile)
            ? new HashSet<string>(File.ReadLines(stopFile).Select(l => l.Trim()).Where(l => l.Length > 0), StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
        // Words residents add to every report that say nothing about the matter.
        foreach (var w in new[] { "了", "的", "在", "有", "是", "和", "我", "我们", "这里", "这个", "那个", "一直", "非常", "很", "请", "麻烦", "希望", "尽快", "处理", "解决", "反映", "问题", "情况", "附近", "现在", "已经" })
        {
            stop.Add(w);
        }

        return (new JiebaSegmenter(), stop);
    }
}
