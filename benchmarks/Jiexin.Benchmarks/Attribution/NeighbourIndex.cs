using Jiexin.Modules.Attribution.Model;

namespace Jiexin.Benchmarks.Attribution;

/// <summary>
/// Nearest neighbours by cosine similarity of the members' TF-IDF vectors, through an inverted index over the training
/// rows (benchmark only: measures whether a kNN member adds to the stacked linear members). With a document-frequency
/// cap, candidates are found through the rarer features only (a partial dot product over features in at most
/// <c>cap</c> rows), and the best <c>rerank</c> of them are then scored exactly — the cheap lookup a
/// serving path could afford.
/// </summary>
internal sealed class NeighbourIndex
{
    /// <summary>Neighbours kept per query, most similar first (the largest k asked for).</summary>
    public const int MaxNeighbours = 20;

    private readonly int[] _start;
    private readonly int[] _rows;
    private readonly float[] _values;
    private readonly SparseVector[] _unit;
    private readonly int[] _label;
    private readonly int _labels;

    public NeighbourIndex(SparseVector[] x, int[] y, int labels, int dimension)
    {
        _unit = [.. x.Select(Unit)];
        _label = y;
        _labels = labels;
        _start = new int[dimension + 1];
        foreach (var v in _unit)
        {
            foreach (var j in v.Indices)
            {
                _start[j + 1]++;
            }
        }

        for (var j = 0; j < dimension; j++)
        {
            _start[j + 1] += _start[j];
        }

        _rows = new int[_start[dimension]];
        _values = new float[_rows.Length];
        var next = _start[..dimension];
        for (var i = 0; i < _unit.Length; i++)
        {
            var v = _unit[i];
            for (var t = 0; t < v.Count; t++)
            {
                var p = next[v.Indices[t]]++;
                _rows[p] = i;
                _values[p] = v.Values[t];
            }
        }
    }

    public int Count => _unit.Length;

    public int Dimension => _start.Length - 1;

    public int DocumentFrequency(int bucket) => _start[bucket + 1] - _start[bucket];

    /// <summary>The vector scaled to unit length (the members' vectors carry a title block of its own weight).</summary>
    public static SparseVector Unit(SparseVector v)
    {
        var norm = 0.0;
        foreach (var value in v.Values)
        {
            norm += value * value;
        }

        var scale = norm > 0 ? (float)(1 / Math.Sqrt(norm)) : 0f;
        return new SparseVector(v.Indices, [.. v.Values.Select(value => value * scale)]);
    }

    /// <summary>Per-query scratch space (one per thread).</summary>
    public sealed class Scratch(int rows)
    {
        public readonly double[] Accumulator = new double[rows];
        public readonly int[] Touched = new int[rows];
    }

    /// <summary>
    /// The most similar rows (similarity descending, at most <see cref="MaxNeighbours"/>) and, per label, the highest
    /// similarity seen (exact retrieval: over every row; with a cap: over the rescored candidates). Rows for which
    /// <paramref name="excluded"/> holds are never seen (out-of-fold: the query's own fold).
    /// </summary>
    public (int[] Rows, double[] Similarities, double[] MaxPerLabel) Query(SparseVector query, Scratch scratch, int dfCap = 0, int rerank = 64, Func<int, bool>? excluded = null)
    {
        var q = Unit(query);
        var acc = scratch.Accumulator;
        var touched = scratch.Touched;
        var count = 0;
        for (var t = 0; t < q.Count; t++)
        {
            var j = q.Indices[t];
            var from = _start[j];
            var to = _start[j + 1];
            if (dfCap > 0 && to - from > dfCap)
            {
                continue;
            }

            var value = q.Values[t];
            for (var p = from; p < to; p++)
            {
                var row = _rows[p];
                if (acc[row] == 0)
                {
                    touched[count++] = row;
                }

                acc[row] += value * _values[p];
            }
        }

        var maxPerLabel = new double[_labels];
        var keep = dfCap > 0 ? Math.Max(rerank, MaxNeighbours) : MaxNeighbours;
        var bestRows = new int[keep];
        var bestSims = new double[keep];
        var kept = 0;
        for (var c = 0; c < count; c++)
        {
            var row = touched[c];
            var s = acc[row];
            acc[row] = 0;
            if (excluded is not null && excluded(row))
            {
                continue;
            }

            if (dfCap == 0 && s > maxPerLabel[_label[row]])
            {
                maxPerLabel[_label[row]] = s;
            }

            Insert(bestRows, bestSims, ref kept, row, s);
        }

        if (dfCap > 0)
        {
            // Rescore the partial-score leaders exactly: a merge of two ascending index lists (a dense scatter of the
            // query over 2^20 buckets costs a cache miss per lookup).
            var candidates = bestRows[..kept];
            kept = 0;
            var rows = new int[MaxNeighbours];
            var sims = new double[MaxNeighbours];
            foreach (var row in candidates)
            {
                var s = Dot(q, _unit[row]);
                if (s > maxPerLabel[_label[row]])
                {
                    maxPerLabel[_label[row]] = s;
                }

                Insert(rows, sims, ref kept, row, s);
            }

            return (rows[..kept], sims[..kept], maxPerLabel);
        }

        return (bestRows[..kept], bestSims[..kept], maxPerLabel);
    }

    public int LabelOf(int row) => _label[row];

    private static double Dot(SparseVector a, SparseVector b)
    {
        var s = 0.0;
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            var ai = a.Indices[i];
            var bj = b.Indices[j];
            if (ai == bj)
            {
                s += a.Values[i++] * b.Values[j++];
            }
            else if (ai < bj)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return s;
    }

    /// <summary>Insertion into a short descending list (k ≤ 64: cheaper than a heap).</summary>
    private static void Insert(int[] rows, double[] sims, ref int kept, int row, double s)
    {
        if (kept == rows.Length && s <= sims[kept - 1])
        {
            return;
        }

        var p = kept == rows.Length ? kept - 1 : kept++;
        while (p > 0 && sims[p - 1] < s)
        {
            rows[p] = rows[p - 1];
            sims[p] = sims[p - 1];
            p--;
        }

        rows[p] = row;
        sims[p] = s;
    }
}
