using System.Buffers;
using System.Globalization;

namespace Jiexin.Modules.Attribution.Model;

/// <summary>One sparse feature vector: bucket indices ascending, with their values.</summary>
public readonly record struct SparseVector(int[] Indices, float[] Values)
{
    public int Count => Indices.Length;
}

/// <summary>What the featurizer extracts; stored in the model file so training and serving agree.</summary>
public sealed record FeatureSettings
{
    /// <summary>log2 of the number of hash buckets.</summary>
    public int HashBits { get; init; } = 20;

    /// <summary>Character n-grams from 1 to this length.</summary>
    public int MaxCharN { get; init; } = 3;

    /// <summary>Character n-grams of the title (the first short segment) again, in their own space, 1 to this length (0: none).</summary>
    public int TitleMaxN { get; init; }

    /// <summary>Shortest character n-gram (1: single characters count too).</summary>
    public int MinCharN { get; init; } = 1;

    /// <summary>Also pairs of characters one apart ("路_灯"), which survive one inserted or changed character.</summary>
    public bool SkipBigrams { get; init; }

    /// <summary>
    /// When above 0, the title's n-grams form their own block (the upper half of the buckets), normalised apart from
    /// the body's and weighted by this, so a long body cannot drown the headline. A text without a body (a bare title
    /// of at most 60 characters) is its own title.
    /// </summary>
    public double TitleBlockWeight { get; init; }

    public bool HasTitleBlock => TitleMaxN > 0 && TitleBlockWeight > 0;

    /// <summary>Only the beginning of a text is read: bounded cost whatever arrives.</summary>
    public int MaxChars { get; init; } = 4000;

    /// <summary>
    /// The word view's vocabulary (normalised words of 2–8 characters, from jieba over the training texts; empty: no word
    /// view). Matched by forward maximum matching; each word found is a feature in its own hash space.
    /// </summary>
    public IReadOnlyList<string> Words { get; init; } = [];

    /// <summary>With a vocabulary: also pairs of adjacent tokens (words, or single characters no word covers), in a third space.</summary>
    public bool WordBigrams { get; init; }

    /// <summary>
    /// Above 0 (with a vocabulary and no title block): the word view forms its own block (the upper half of the buckets),
    /// normalised apart from the character n-grams and weighted by this, so members can be trained on one view each and
    /// still fold into one weight matrix over the one vector.
    /// </summary>
    public double WordBlockWeight { get; init; }

    public bool HasWords => Words.Count > 0;

    public bool HasWordBlock => HasWords && WordBlockWeight > 0 && !HasTitleBlock;
}

/// <summary>
/// Text → hashed character n-gram counts. Normalises width, case and digits (every digit is 0: "3楼" and "5楼"
/// say the same); n-grams never cross punctuation, spaces or symbols (emoji), which only separate.
/// Immutable and thread-safe; per-call scratch is pooled.
/// </summary>
public sealed class TextFeaturizer(FeatureSettings settings)
{
    private const char Boundary = '\0';

    /// <summary>What <see cref="Normalize"/> writes for a run of separators.</summary>
    public const char BoundaryChar = Boundary;

    private const uint WordSpace = 20;
    private const uint WordPairSpace = 21;
    private readonly WordMatcher? _words = settings.HasWords ? new WordMatcher(settings.Words) : null;
    private readonly int _mask = settings.HasTitleBlock || settings.HasWordBlock ? (1 << (settings.HashBits - 1)) - 1 : (1 << settings.HashBits) - 1;
    private readonly int _titleOffset = settings.HasTitleBlock ? 1 << (settings.HashBits - 1) : 0;
    private readonly int _wordOffset = settings.HasWordBlock ? 1 << (settings.HashBits - 1) : 0;

    /// <summary>Buckets from here up are the second block, title or words (equal to <see cref="Dimension"/> without one).</summary>
    public int TitleBlockStart => Settings.HasTitleBlock ? _titleOffset : Settings.HasWordBlock ? _wordOffset : Dimension;

    /// <summary>The weight of the second block after its own L2 normalisation.</summary>
    public double SecondBlockWeight => Settings.HasTitleBlock ? Settings.TitleBlockWeight : Settings.WordBlockWeight;

    public FeatureSettings Settings { get; } = settings;

    public int Dimension => 1 << Settings.HashBits;

    /// <summary>Normalised characters, with <see cref="Boundary"/> for every separator run.</summary>
    public static int Normalize(ReadOnlySpan<char> text, Span<char> into)
    {
        var n = 0;
        var lastBoundary = true;
        foreach (var raw in text)
        {
            var c = raw;
            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                c = (char)(c - 0xFEE0);
            }

            if (char.IsDigit(c))
            {
                c = '0';
            }
            else if (char.IsLetter(c))
            {
                c = char.ToLowerInvariant(c);
            }
            else
            {
                if (!lastBoundary)
                {
                    into[n++] = Boundary;
                    lastBoundary = true;
                }

                continue;
            }

            into[n++] = c;
            lastBoundary = false;
        }

        return n;
    }

    /// <summary>End of the title in the raw text: the first short segment before a space, or 0.</summary>
    public static int TitleEnd(ReadOnlySpan<char> text)
    {
        var end = text.IndexOfAny(" \u3000\n\t");
        return end is >= 2 and <= 60 && !text[end..].IsWhiteSpace() ? end : 0;
    }

    /// <summary>Hashed feature counts, sorted by bucket: (bucket, count).</summary>
    public int Extract(string? text, List<(int Bucket, int Count)> into)
    {
        into.Clear();
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var span = text.AsSpan(0, Math.Min(text.Length, Settings.MaxChars));
        var chars = ArrayPool<char>.Shared.Rent(span.Length + 1);
        var buckets = ArrayPool<int>.Shared.Rent((span.Length + 1) * (Settings.MaxCharN + Settings.TitleMaxN + 4));
        try
        {
            var count = 0;
            var n = Normalize(span, chars);
            count = AddNgrams(chars.AsSpan(0, n), Settings.MaxCharN, 0, 0, buckets, count);
            if (Settings.SkipBigrams)
            {
                count = AddSkipBigrams(chars.AsSpan(0, n), buckets, count);
            }

            if (_words is not null)
            {
                count = AddWords(_words, chars.AsSpan(0, n), buckets, count);
            }
            var titleEnd = TitleEnd(span);
            if (titleEnd == 0 && Settings.HasTitleBlock && span.Length <= 60)
            {
                titleEnd = span.Length;
            }

            if (Settings.TitleMaxN > 0 && titleEnd > 0)
            {
                var t = Normalize(span[..titleEnd], chars);
                count = AddNgrams(chars.AsSpan(0, t), Settings.TitleMaxN, 10, _titleOffset, buckets, count);
            }

            var all = buckets.AsSpan(0, count);
            all.Sort();
            var i = 0;
            while (i < all.Length)
            {
                var j = i + 1;
                while (j < all.Length && all[j] == all[i])
                {
                    j++;
                }

                into.Add((all[i], j - i));
                i = j;
            }

            return into.Count;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            ArrayPool<int>.Shared.Return(buckets);
        }
    }

    private int AddNgrams(ReadOnlySpan<char> chars, int maxN, uint space, int offset, int[] buckets, int count)
    {
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == Boundary)
            {
                continue;
            }

            var h = 2166136261u ^ space;
            for (var len = 1; len <= maxN && i + len <= chars.Length; len++)
            {
                var c = chars[i + len - 1];
                if (c == Boundary)
                {
                    break;
                }

                h = (h ^ c) * 16777619u;
                if (len < Settings.MinCharN)
                {
                    continue;
                }

                var mixed = (h ^ (uint)len * 0x9E3779B9u) * 0x85EBCA6Bu;
                mixed ^= mixed >> 15;
                buckets[count++] = offset + (int)(mixed & (uint)_mask);
            }
        }

        return count;
    }

    /// <summary>Forward maximum matching over the vocabulary: each word found, and (optionally) each pair of adjacent tokens.</summary>
    private int AddWords(WordMatcher words, ReadOnlySpan<char> chars, int[] buckets, int count)
    {
        var previous = 0u; // hash of the previous token in this segment; 0 after a boundary
        var i = 0;
        while (i < chars.Length)
        {
            if (chars[i] == Boundary)
            {
                previous = 0;
                i++;
                continue;
            }

            var length = words.LongestAt(chars, i, Boundary);
            var h = 2166136261u ^ WordSpace;
            foreach (var c in chars.Slice(i, Math.Max(1, length)))
            {
                h = (h ^ c) * 16777619u;
            }

            if (length > 0)
            {
                buckets[count++] = _wordOffset + Bucket(h, (uint)length);
            }

            if (Settings.WordBigrams && previous != 0)
            {
                buckets[count++] = _wordOffset + Bucket(((previous ^ WordPairSpace) * 16777619u ^ h) * 16777619u, 99);
            }

            previous = h | 1;
            i += Math.Max(1, length);
        }

        return count;
    }

    private int Bucket(uint h, uint salt)
    {
        var mixed = (h ^ salt * 0x9E3779B9u) * 0x85EBCA6Bu;
        mixed ^= mixed >> 15;
        return (int)(mixed & (uint)_mask);
    }

    private int AddSkipBigrams(ReadOnlySpan<char> chars, int[] buckets, int count)
    {
        for (var i = 0; i + 2 < chars.Length; i++)
        {
            if (chars[i] == Boundary || chars[i + 1] == Boundary || chars[i + 2] == Boundary)
            {
                continue;
            }

            var h = ((2166136261u ^ 77u ^ chars[i]) * 16777619u ^ chars[i + 2]) * 16777619u;
            var mixed = (h ^ 0x5bd1e995u) * 0x85EBCA6Bu;
            mixed ^= mixed >> 13;
            buckets[count++] = (int)(mixed & (uint)_mask);
        }

        return count;
    }

    /// <summary>The text of the n-grams that hash to a bucket, for explaining a prediction (slow; only on demand).</summary>
    public IEnumerable<string> NgramsOf(string text)
    {
        var span = text.AsSpan(0, Math.Min(text.Length, Settings.MaxChars));
        var chars = new char[span.Length + 1];
        var n = Normalize(span, chars);
        var raw = new string(chars, 0, n);
        for (var i = 0; i < n; i++)
        {
            for (var len = 1; len <= Settings.MaxCharN && i + len <= n; len++)
            {
                if (raw[i + len - 1] == Boundary)
                {
                    break;
                }

                if (len >= Settings.MinCharN)
                {
                    yield return raw.Substring(i, len);
                }
            }
        }
    }

    /// <summary>The bucket of one plain n-gram (not a title one).</summary>
    public int BucketOf(string ngram)
    {
        var h = 2166136261u;
        var len = 0;
        foreach (var c in ngram)
        {
            len++;
            h = (h ^ c) * 16777619u;
        }

        var mixed = (h ^ (uint)len * 0x9E3779B9u) * 0x85EBCA6Bu;
        mixed ^= mixed >> 15;
        return (int)(mixed & (uint)_mask);
    }

    internal static string Describe(FeatureSettings s) => string.Create(CultureInfo.InvariantCulture, $"char{s.MinCharN}-{s.MaxCharN}{(s.SkipBigrams ? "+skip2" : "")}{(s.TitleMaxN > 0 ? $"+title1-{s.TitleMaxN}" : "")}{(s.HasTitleBlock ? $"(block×{s.TitleBlockWeight:0.##})" : "")}{(s.HasWords ? $"+words({s.Words.Count}){(s.WordBigrams ? "+pairs" : "")}{(s.HasWordBlock ? $"(block×{s.WordBlockWeight:0.##})" : "")}" : "")}/2^{s.HashBits}");
}
