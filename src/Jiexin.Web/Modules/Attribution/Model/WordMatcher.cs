namespace Jiexin.Modules.Attribution.Model;

/// <summary>
/// The word view at serving time: a trie over the model's own vocabulary (built from the training texts by jieba, see
/// <see cref="WordVocabulary"/>), matched by forward maximum matching over the normalised characters. It needs no jieba
/// dictionary: the model file carries the words. Immutable and thread-safe.
/// </summary>
public sealed class WordMatcher
{
    /// <summary>Longer words are not kept (they are rare and cost trie depth).</summary>
    public const int MaxWordLength = 8;

    private readonly Dictionary<long, int> _children = [];
    private readonly List<bool> _terminal = [false];

    public WordMatcher(IEnumerable<string> words)
    {
        foreach (var word in words)
        {
            if (word.Length is < 2 or > MaxWordLength)
            {
                continue;
            }

            var node = 0;
            foreach (var c in word)
            {
                var key = Key(node, c);
                if (!_children.TryGetValue(key, out var child))
                {
                    child = _terminal.Count;
                    _terminal.Add(false);
                    _children.Add(key, child);
                }

                node = child;
            }

            _terminal[node] = true;
        }
    }

    public int NodeCount => _terminal.Count;

    /// <summary>
    /// Length of the longest vocabulary word starting at <paramref name="start"/> (2 or more), or 0. A word never spans
    /// <paramref name="boundary"/>.
    /// </summary>
    public int LongestAt(ReadOnlySpan<char> chars, int start, char boundary)
    {
        var node = 0;
        var best = 0;
        var end = Math.Min(chars.Length, start + MaxWordLength);
        for (var j = start; j < end; j++)
        {
            var c = chars[j];
            if (c == boundary || !_children.TryGetValue(Key(node, c), out node))
            {
                break;
            }

            if (_terminal[node] && j - start + 1 >= 2)
            {
                best = j - start + 1;
            }
        }

        return best;
    }

    /// <summary>
    /// Forward maximum matching: the tokens of the text in order, each (start, length); a character that starts no word is
    /// its own token of length 1; boundaries separate and are not tokens.
    /// </summary>
    public IEnumerable<(int Start, int Length)> Tokens(string normalised, char boundary)
    {
        var i = 0;
        while (i < normalised.Length)
        {
            if (normalised[i] == boundary)
            {
                i++;
                continue;
            }

            var length = Math.Max(1, LongestAt(normalised, i, boundary));
            yield return (i, length);
            i += length;
        }
    }

    private static long Key(int node, char c) => ((long)node << 16) | c;
}
