namespace Jiexin.Modules.Attribution.KeywordBaseline;

/// <summary>A phrase found in a text: where it starts, how long it is, and which phrase (index given at build).</summary>
public readonly record struct PhraseHit(int Start, int Length, int Phrase);

/// <summary>
/// Finds every occurrence of a fixed set of phrases in one pass over the text (an Aho–Corasick automaton, built once
/// per taxonomy). Matching ignores the width of Latin letters and digits and their case ("ＫＴＶ" = "ktv").
/// </summary>
public sealed class PhraseMatcher
{
    private readonly int[] _fail;
    private readonly int[][] _outputs;
    private readonly int[] _lengths;

    // Transitions. From the root, where the automaton spends most of its time, one array slot per UTF-16 unit
    // (0 = none: the root is never a child). From other nodes, which have one to a few children, a short run of
    // (character, child) pairs sorted by character, in one flat array (node i's run: _edgeStart[i].._edgeStart[i+1]).
    private readonly int[] _rootNext = new int[65536];
    private readonly int[] _edgeStart;
    private readonly char[] _edgeChars;
    private readonly int[] _edgeTargets;

    public PhraseMatcher(IReadOnlyList<string> phrases)
    {
        _lengths = new int[phrases.Count];
        var next = new Dictionary<long, int>();
        var outputs = new List<List<int>> { new() };
        for (var p = 0; p < phrases.Count; p++)
        {
            var phrase = phrases[p];
            if (string.IsNullOrEmpty(phrase))
            {
                throw new ArgumentException("Phrases must not be empty.", nameof(phrases));
            }

            _lengths[p] = phrase.Length;
            var node = 0;
            foreach (var raw in phrase)
            {
                var c = Normalize(raw);
                if (!next.TryGetValue(Key(node, c), out var child))
                {
                    child = outputs.Count;
                    outputs.Add([]);
                    next[Key(node, c)] = child;
                }

                node = child;
            }

            outputs[node].Add(p);
        }

        // Failure links breadth first: a node's link is the longest proper suffix of its path that is also a path.
        _fail = new int[outputs.Count];
        var children = next.GroupBy(kv => (int)(kv.Key >> 16)).ToDictionary(g => g.Key, g => g.Select(kv => ((char)(kv.Key & 0xFFFF), kv.Value)).ToList());
        var queue = new Queue<int>();
        foreach (var (_, child) in children.GetValueOrDefault(0) ?? [])
        {
            queue.Enqueue(child);
        }

        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var (c, child) in children.GetValueOrDefault(node) ?? [])
            {
                var f = _fail[node];
                while (f != 0 && !next.ContainsKey(Key(f, c)))
                {
                    f = _fail[f];
                }

                _fail[child] = next.TryGetValue(Key(f, c), out var target) && target != child ? target : 0;
                // Parents are dequeued before children, so the link's outputs are already complete.
                outputs[child].AddRange(outputs[_fail[child]]);
                queue.Enqueue(child);
            }
        }

        _outputs = [.. outputs.Select(o => o.ToArray())];
        _edgeStart = new int[outputs.Count + 1];
        var edges = new List<(char C, int Target)>(next.Count);
        for (var node = 0; node < outputs.Count; node++)
        {
            _edgeStart[node] = edges.Count;
            if (node != 0 && children.TryGetValue(node, out var own))
            {
                edges.AddRange(own.OrderBy(e => e.Item1));
            }
        }

        _edgeStart[outputs.Count] = edges.Count;
        _edgeChars = [.. edges.Select(e => e.C)];
        _edgeTargets = [.. edges.Select(e => e.Target)];
        foreach (var (c, child) in children.GetValueOrDefault(0) ?? [])
        {
            _rootNext[c] = child;
        }
    }

    public int PhraseCount => _lengths.Length;

    /// <summary>Adds every occurrence of every phrase in <paramref name="text"/> to <paramref name="hits"/>, overlapping ones included.</summary>
    public void FindAll(ReadOnlySpan<char> text, List<PhraseHit> hits)
    {
        var node = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = Normalize(text[i]);
            while (true)
            {
                if (node == 0)
                {
                    node = _rootNext[c];
                    break;
                }

                if (Child(node, c) is var child and > 0)
                {
                    node = child;
                    break;
                }

                node = _fail[node];
            }

            if (node == 0)
            {
                continue;
            }

            foreach (var p in _outputs[node])
            {
                hits.Add(new PhraseHit(i - _lengths[p] + 1, _lengths[p], p));
            }
        }
    }

    private int Child(int node, char c)
    {
        for (var e = _edgeStart[node]; e < _edgeStart[node + 1]; e++)
        {
            var edge = _edgeChars[e];
            if (edge == c)
            {
                return _edgeTargets[e];
            }

            if (edge > c)
            {
                break;
            }
        }

        return 0;
    }

    /// <summary>Full-width Latin letters, digits and signs as their ASCII forms, Latin letters in lower case.</summary>
    public static char Normalize(char c)
    {
        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            c = (char)(c - 0xFEE0);
        }
        else if (c == '\u3000')
        {
            return ' ';
        }

        return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
    }

    private static long Key(int node, char c) => ((long)node << 16) | c;
}
