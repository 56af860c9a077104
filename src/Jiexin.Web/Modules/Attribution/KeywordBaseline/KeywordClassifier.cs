namespace Jiexin.Modules.Attribution.KeywordBaseline;

/// <summary>A 小类 as the keyword classifier sees it.</summary>
public sealed record KeywordCategory(string Code, string CategoryName, string SubcategoryName, string Label, IReadOnlyList<string> Phrases);

/// <summary>A matched 小类 with its score and probability.</summary>
public sealed record ScoredCategory(KeywordCategory Category, double Score, double Probability);

/// <summary>
/// Every 小类 that matched, best first (probabilities sum to at most 1; empty when nothing matched), and the phrases
/// that drove the first one, strongest first.
/// </summary>
public sealed record KeywordClassification(IReadOnlyList<ScoredCategory> Ranked, IReadOnlyList<string> Words)
{
    public bool Matched => Ranked.Count > 0;

    /// <summary>The first-level label with the most probability over all matched 小类, or null when nothing matched.</summary>
    public string? TopLabel() =>
        Ranked.Count == 0 ? null : Ranked.GroupBy(r => r.Category.Label).MaxBy(g => g.Sum(r => r.Probability))!.Key;
}

/// <summary>The knobs of the scoring, named so the decision note and the tests can speak of them.</summary>
public sealed record KeywordClassifierSettings
{
    /// <summary>Only the beginning of a very long text is read: a defined cost per message whatever arrives.</summary>
    public int MaxChars { get; init; } = 4000;

    /// <summary>Phrase length counts up to this many characters (a longer phrase is not more telling).</summary>
    public int MaxPhraseLength { get; init; } = 6;

    /// <summary>Weight of a phrase in the title (the first short segment before a space, as residents' posts have).</summary>
    public double TitleBoost { get; init; } = 1.5;

    /// <summary>Weight of the second and third occurrence of the same phrase (later ones count nothing).</summary>
    public double RepeatWeight { get; init; } = 0.3;

    /// <summary>
    /// The score of "none of these": the probability is score^Sharpness over (Background^Sharpness + Σ score^Sharpness),
    /// so one two-character phrase alone gives 0.5 and is left to a person.
    /// </summary>
    public double Background { get; init; } = 2;

    public double Sharpness { get; init; } = 2;
}

/// <summary>
/// keyword-baseline-1: scores each 小类 by its phrases found in the text. Overlapping matches keep the longest
/// ("路灯不亮" rather than "路灯" inside it); a phrase weighs its length times its specificity over the taxonomy (an
/// IDF: a phrase shared by several 小类 says less about each), more in the title, less when repeated. Immutable and
/// thread-safe: built once per taxonomy version.
/// </summary>
public sealed class KeywordClassifier
{
    public const string ModelName = "keyword-baseline-1";
    private const int MaxWords = 8;

    private readonly KeywordCategory[] _categories;
    private readonly PhraseMatcher _matcher;
    private readonly PhraseEntry[] _phrases;
    private readonly KeywordClassifierSettings _settings;

    public KeywordClassifier(IReadOnlyList<KeywordCategory> categories, KeywordClassifierSettings? settings = null)
    {
        _settings = settings ?? new KeywordClassifierSettings();
        _categories = [.. categories];

        // One entry per distinct normalised phrase, with every 小类 that lists it.
        var byText = new Dictionary<string, (string Display, List<int> Categories)>(StringComparer.Ordinal);
        for (var c = 0; c < _categories.Length; c++)
        {
            foreach (var phrase in _categories[c].Phrases)
            {
                var key = Normalize(phrase.Trim());
                if (key.Length == 0)
                {
                    continue;
                }

                if (!byText.TryGetValue(key, out var entry))
                {
                    entry = (phrase.Trim(), []);
                    byText[key] = entry;
                }

                if (!entry.Categories.Contains(c))
                {
                    entry.Categories.Add(c);
                }
            }
        }

        var n = Math.Max(1, _categories.Length);
        _phrases = [.. byText.Select(kv => new PhraseEntry(
            kv.Value.Display,
            [.. kv.Value.Categories],
            Math.Min(kv.Key.Length, _settings.MaxPhraseLength) * Specificity(kv.Value.Categories.Count, n)))];
        _matcher = new PhraseMatcher([.. byText.Keys]);
    }

    public IReadOnlyList<KeywordCategory> Categories => _categories;

    /// <summary>1 for a phrase of one 小类, less the more 小类 share it: ln(1 + N/df) / ln(1 + N).</summary>
    public static double Specificity(int sharedBy, int categoryCount) =>
        Math.Log(1 + (double)categoryCount / Math.Max(1, sharedBy)) / Math.Log(1 + categoryCount);

    public KeywordClassification Classify(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new KeywordClassification([], []);
        }

        var span = text.AsSpan(0, Math.Min(text.Length, _settings.MaxChars));
        var scratch = Scratch.For(_phrases.Length, _categories.Length);
        try
        {
            return Classify(span, scratch);
        }
        finally
        {
            scratch.Reset();
        }
    }

    private KeywordClassification Classify(ReadOnlySpan<char> span, Scratch scratch)
    {
        var hits = scratch.Hits;
        _matcher.FindAll(span, hits);
        if (hits.Count == 0)
        {
            return new KeywordClassification([], []);
        }

        var kept = LongestMatches(hits, span.Length, scratch.Kept);
        var titleEnd = TitleEnd(span);

        // Contribution of each kept occurrence: phrase weight, boosted in the title, damped when repeated.
        var scores = scratch.Scores;
        var seen = scratch.Seen;
        var contribution = scratch.Contribution;
        foreach (var hit in kept)
        {
            var occurrence = seen[hit.Phrase]++;
            if (occurrence >= 3)
            {
                continue;
            }

            if (occurrence == 0)
            {
                scratch.Touched.Add(hit.Phrase);
            }

            var entry = _phrases[hit.Phrase];
            var weight = entry.Weight * (occurrence == 0 ? 1 : _settings.RepeatWeight) * (hit.Start < titleEnd ? _settings.TitleBoost : 1);
            contribution[hit.Phrase] += weight;
            foreach (var c in entry.Categories)
            {
                scores[c] += weight;
            }
        }

        var background = Math.Pow(_settings.Background, _settings.Sharpness);
        var total = background;
        var order = scratch.Order;
        for (var c = 0; c < _categories.Length; c++)
        {
            if (scores[c] > 0)
            {
                total += Math.Pow(scores[c], _settings.Sharpness);
                order.Add(c);
            }
        }

        // Ties go to the 小类 listed first in the taxonomy.
        order.Sort((a, b) => scores[a] != scores[b] ? scores[b].CompareTo(scores[a]) : a.CompareTo(b));
        var ranked = new ScoredCategory[order.Count];
        for (var i = 0; i < order.Count; i++)
        {
            var c = order[i];
            ranked[i] = new ScoredCategory(_categories[c], scores[c], Math.Pow(scores[c], _settings.Sharpness) / total);
        }

        var top = order[0];
        var drivers = new List<int>();
        foreach (var phrase in scratch.Touched)
        {
            if (Array.IndexOf(_phrases[phrase].Categories, top) >= 0)
            {
                drivers.Add(phrase);
            }
        }

        drivers.Sort((a, b) => contribution[a] != contribution[b] ? contribution[b].CompareTo(contribution[a]) : a.CompareTo(b));
        var words = new string[Math.Min(MaxWords, drivers.Count)];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = _phrases[drivers[i]].Display;
        }

        return new KeywordClassification(ranked, words);
    }

    /// <summary>
    /// Of overlapping matches the longest wins (then the leftmost): "拖欠工资" hides the "工资" inside it, so the longer,
    /// more specific phrase speaks for that stretch of text alone. Result in text order.
    /// </summary>
    internal static List<PhraseHit> LongestMatches(List<PhraseHit> hits, int textLength, List<PhraseHit>? kept = null)
    {
        hits.Sort(static (a, b) => a.Length != b.Length ? b.Length.CompareTo(a.Length) : a.Start.CompareTo(b.Start));
        Span<bool> taken = textLength <= 4096 ? stackalloc bool[textLength] : new bool[textLength];
        kept ??= new List<PhraseHit>(hits.Count);
        foreach (var hit in hits)
        {
            if (taken.Slice(hit.Start, hit.Length).Contains(true))
            {
                continue;
            }

            taken.Slice(hit.Start, hit.Length).Fill(true);
            kept.Add(hit);
        }

        kept.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        return kept;
    }

    /// <summary>
    /// Where the title ends: residents' posts are "title body", the title a short first segment before a space.
    /// 0 (no title) when the text has no such segment.
    /// </summary>
    internal static int TitleEnd(ReadOnlySpan<char> text)
    {
        var end = text.IndexOfAny(" \u3000\n\t");
        return end is >= 2 and <= 60 && !text[end..].IsWhiteSpace() ? end : 0;
    }

    private static string Normalize(string phrase) => string.Create(phrase.Length, phrase, (span, s) =>
    {
        for (var i = 0; i < s.Length; i++)
        {
            span[i] = PhraseMatcher.Normalize(s[i]);
        }
    });

    private sealed record PhraseEntry(string Display, int[] Categories, double Weight);

    /// <summary>
    /// Per-thread working memory, so that classifying allocates little more than its answer. Sized for the largest
    /// taxonomy seen on the thread; cleared after every use (only the touched entries).
    /// </summary>
    private sealed class Scratch
    {
        [ThreadStatic]
        private static Scratch? _current;

        public List<PhraseHit> Hits { get; } = new(64);

        public List<PhraseHit> Kept { get; } = new(64);

        public List<int> Touched { get; } = new(32);

        public List<int> Order { get; } = new(16);

        public int[] Seen { get; private set; } = [];

        public double[] Contribution { get; private set; } = [];

        public double[] Scores { get; private set; } = [];

        public static Scratch For(int phrases, int categories)
        {
            var scratch = _current ??= new Scratch();
            if (scratch.Seen.Length < phrases)
            {
                scratch.Seen = new int[phrases];
                scratch.Contribution = new double[phrases];
            }

            if (scratch.Scores.Length < categories)
            {
                scratch.Scores = new double[categories];
            }

            return scratch;
        }

        public void Reset()
        {
            foreach (var phrase in Touched)
            {
                Seen[phrase] = 0;
                Contribution[phrase] = 0;
            }

            Array.Clear(Scores);
            Hits.Clear();
            Kept.Clear();
            Touched.Clear();
            Order.Clear();
        }
    }
}
