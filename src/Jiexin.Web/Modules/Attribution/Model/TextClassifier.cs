using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace Jiexin.Modules.Attribution.Model;

/// <summary>The probabilities of every label for one text, and the n-grams that pushed the first label most.</summary>
public sealed record LabelPrediction(IReadOnlyList<string> Labels, double[] Probabilities, int Features)
{
    public int Best => Array.IndexOf(Probabilities, Probabilities.Max());

    public string BestLabel => Labels[Best];
}

/// <summary>
/// A trained first-level classifier: hashed character n-grams → sublinear TF-IDF (L2-normalised) → one linear score per
/// label → softmax with a fitted temperature. However many linear members were trained, they are folded into ONE
/// weight matrix (a sum of linear functions is linear), so serving costs one sparse dot product per label.
/// Immutable and thread-safe.
/// </summary>
public sealed class TextClassifier
{
    private const string Magic = "JXTC";
    private const int FormatVersion = 3; // 3: the word view's vocabulary after the feature settings; 2 is still read

    private readonly float[] _idf;
    private readonly float[] _weights; // [bucket * K + label]
    private readonly float[] _bias;

    public TextClassifier(string name, string[] labels, FeatureSettings settings, float[] idf, float[] weights, float[] bias, double temperature, string description)
    {
        Name = name;
        Labels = labels;
        Featurizer = new TextFeaturizer(settings);
        if (idf.Length != Featurizer.Dimension || weights.Length != Featurizer.Dimension * labels.Length || bias.Length != labels.Length)
        {
            throw new ArgumentException("model arrays do not match its settings");
        }

        _idf = idf;
        _weights = weights;
        _bias = bias;
        Temperature = temperature;
        Description = description;
    }

    public string Name { get; }

    /// <summary>How it was trained (members, features), for the audit log and the decision note.</summary>
    public string Description { get; }

    public IReadOnlyList<string> Labels { get; }

    public TextFeaturizer Featurizer { get; }

    public double Temperature { get; }

    /// <summary>The TF-IDF vector of a text (empty for a text with no letters or digits).</summary>
    public SparseVector Vectorize(string? text)
    {
        // One scratch list per thread: a median message has ~550 n-grams, and growing a fresh list to that size was
        // ~2.5 % of the intake's allocations. Vectorize copies what it keeps.
        var counts = t_counts ??= new List<(int Bucket, int Count)>(1024);
        counts.Clear();
        Featurizer.Extract(text, counts);
        var vector = Vectorize(counts, _idf, Featurizer);
        if (counts.Capacity > 16_384)
        {
            t_counts = null; // a rare very long text: do not keep its buffer for ever
        }

        return vector;
    }

    [ThreadStatic]
    private static List<(int Bucket, int Count)>? t_counts;

    /// <summary>Sublinear TF × IDF, L2-normalised (the body and the title block each on its own when there is one).</summary>
    internal static SparseVector Vectorize(List<(int Bucket, int Count)> counts, float[] idf, TextFeaturizer featurizer)
    {
        var indices = new int[counts.Count];
        var values = new float[counts.Count];
        var titleStart = featurizer.TitleBlockStart;
        double bodyNorm = 0, titleNorm = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            var (bucket, count) = counts[i];
            var v = (float)((1 + Math.Log(count)) * idf[bucket]);
            indices[i] = bucket;
            values[i] = v;
            if (bucket < titleStart)
            {
                bodyNorm += v * v;
            }
            else
            {
                titleNorm += v * v;
            }
        }

        var bodyScale = bodyNorm > 0 ? (float)(1 / Math.Sqrt(bodyNorm)) : 0f;
        var titleScale = titleNorm > 0 ? (float)(featurizer.SecondBlockWeight / Math.Sqrt(titleNorm)) : 0f;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] *= indices[i] < titleStart ? bodyScale : titleScale;
        }

        return new SparseVector(indices, values);
    }

    /// <summary>Raw linear scores per label.</summary>
    public double[] Scores(SparseVector x)
    {
        var k = _bias.Length;
        var scores = new double[k];
        for (var l = 0; l < k; l++)
        {
            scores[l] = _bias[l];
        }

        var weights = _weights.AsSpan();
        for (var i = 0; i < x.Indices.Length; i++)
        {
            var row = weights.Slice(x.Indices[i] * k, k);
            var v = x.Values[i];
            for (var l = 0; l < k; l++)
            {
                scores[l] += v * row[l];
            }
        }

        return scores;
    }

    public LabelPrediction Predict(string? text)
    {
        var x = Vectorize(text);
        return new LabelPrediction(Labels, Softmax(Scores(x), Temperature), x.Count);
    }

    public static double[] Softmax(double[] scores, double temperature)
    {
        var max = scores.Max();
        var p = new double[scores.Length];
        var sum = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            p[i] = Math.Exp((scores[i] - max) * temperature);
            sum += p[i];
        }

        for (var i = 0; i < p.Length; i++)
        {
            p[i] /= sum;
        }

        return p;
    }

    /// <summary>
    /// For each label asked, the n-grams of the text (two characters or more) that pushed it up most against the other
    /// labels' mean (value × (weight − mean weight)), strongest first; an n-gram overlapping a stronger one is left out.
    /// </summary>
    public IReadOnlyList<string>[] Explain(string? text, IReadOnlyList<int> labels, int max = 6)
    {
        var result = new IReadOnlyList<string>[labels.Count];
        Array.Fill(result, []);
        if (string.IsNullOrWhiteSpace(text) || labels.Count == 0)
        {
            return result;
        }

        var x = Vectorize(text);
        var k = _bias.Length;
        var value = new Dictionary<int, float>(x.Count);
        for (var i = 0; i < x.Count; i++)
        {
            value[x.Indices[i]] = x.Values[i];
        }

        var pushes = labels.Select(_ => new Dictionary<string, double>(StringComparer.Ordinal)).ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ngram in Featurizer.NgramsOf(text))
        {
            if (ngram.Length < 2 || !seen.Add(ngram) || !value.TryGetValue(Featurizer.BucketOf(ngram), out var v))
            {
                continue;
            }

            var row = Featurizer.BucketOf(ngram) * k;
            var mean = 0.0;
            for (var l = 0; l < k; l++)
            {
                mean += _weights[row + l];
            }

            mean /= k;
            for (var a = 0; a < labels.Count; a++)
            {
                var push = v * (_weights[row + labels[a]] - mean);
                if (push > 0)
                {
                    pushes[a][ngram] = push;
                }
            }
        }

        for (var a = 0; a < labels.Count; a++)
        {
            var words = new List<string>(max);
            foreach (var (ngram, _) in pushes[a].OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal))
            {
                if (words.Any(w => w.Contains(ngram, StringComparison.Ordinal) || ngram.Contains(w, StringComparison.Ordinal)))
                {
                    continue;
                }

                words.Add(ngram);
                if (words.Count == max)
                {
                    break;
                }
            }

            result[a] = words;
        }

        return result;
    }

    /// <summary>Writes the model: only buckets any training text used, weights as half floats, Brotli-compressed.</summary>
    public void Save(Stream stream)
    {
        using var compressed = new BrotliStream(stream, CompressionLevel.Optimal, leaveOpen: true);
        using var w = new BinaryWriter(compressed, Encoding.UTF8);
        w.Write(Magic);
        w.Write(FormatVersion);
        w.Write(Name);
        w.Write(Description);
        w.Write(Labels.Count);
        foreach (var label in Labels)
        {
            w.Write(label);
        }

        var s = Featurizer.Settings;
        w.Write(s.HashBits);
        w.Write(s.MaxCharN);
        w.Write(s.TitleMaxN);
        w.Write(s.MaxChars);
        w.Write(s.MinCharN);
        w.Write(s.SkipBigrams);
        w.Write(s.TitleBlockWeight);
        w.Write(s.Words.Count);
        foreach (var word in s.Words)
        {
            w.Write(word);
        }

        w.Write(s.WordBigrams);
        w.Write(s.WordBlockWeight);
        w.Write(Temperature);
        foreach (var b in _bias)
        {
            w.Write(b);
        }

        // Columnar: bucket gaps, then every idf, then every weight row (half floats), so loading copies whole blocks.
        var k = _bias.Length;
        var used = Enumerable.Range(0, _idf.Length).Where(i => _idf[i] > 0).ToArray();
        w.Write(used.Length);
        var previous = 0;
        foreach (var bucket in used)
        {
            w.Write7BitEncodedInt(bucket - previous); // gaps: small numbers, compress well
            previous = bucket;
        }

        var idf = new Half[used.Length];
        var weights = new Half[used.Length * k];
        for (var i = 0; i < used.Length; i++)
        {
            idf[i] = (Half)_idf[used[i]];
            for (var l = 0; l < k; l++)
            {
                weights[i * k + l] = (Half)_weights[used[i] * k + l];
            }
        }

        w.Write(MemoryMarshal.AsBytes(idf.AsSpan()));
        w.Write(MemoryMarshal.AsBytes(weights.AsSpan()));
    }

    public static TextClassifier Load(Stream stream)
    {
        // Whole file into memory first (a few MB): block copies below instead of millions of stream reads.
        var raw = new MemoryStream();
        using (var decompressed = new BrotliStream(stream, CompressionMode.Decompress, leaveOpen: true))
        {
            try
            {
                decompressed.CopyTo(raw);
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidDataException("不是解新事分类模型文件（或已损坏）。", e);
            }
        }

        raw.Position = 0;
        using var r = new BinaryReader(raw, Encoding.UTF8);
        try
        {
            var version = r.ReadString() == Magic ? r.ReadInt32() : -1;
            if (version is not (2 or FormatVersion))
            {
                throw new InvalidDataException("不是解新事分类模型文件（或版本不符）。");
            }

            var name = r.ReadString();
            var description = r.ReadString();
            var labels = new string[r.ReadInt32()];
            for (var i = 0; i < labels.Length; i++)
            {
                labels[i] = r.ReadString();
            }

            var settings = new FeatureSettings
            {
                HashBits = r.ReadInt32(), MaxCharN = r.ReadInt32(), TitleMaxN = r.ReadInt32(), MaxChars = r.ReadInt32(),
                MinCharN = r.ReadInt32(), SkipBigrams = r.ReadBoolean(), TitleBlockWeight = r.ReadDouble(),
            };
            if (version >= 3)
            {
                var wordCount = r.ReadInt32();
                if (wordCount is < 0 or > 1 << 22)
                {
                    throw new InvalidDataException("模型文件的参数超出范围。");
                }

                var words = new string[wordCount];
                for (var i = 0; i < wordCount; i++)
                {
                    words[i] = r.ReadString();
                }

                settings = settings with { Words = words, WordBigrams = r.ReadBoolean(), WordBlockWeight = r.ReadDouble() };
            }

            if (settings.HashBits is < 8 or > 24 || labels.Length is < 2 or > 1000)
            {
                throw new InvalidDataException("模型文件的参数超出范围。");
            }

            var temperature = r.ReadDouble();
            var k = labels.Length;
            var bias = new float[k];
            for (var l = 0; l < k; l++)
            {
                bias[l] = r.ReadSingle();
            }

            var dim = 1 << settings.HashBits;
            var idf = new float[dim];
            var weights = new float[dim * k];
            var used = r.ReadInt32();
            if (used is < 0 or > 1 << 24)
            {
                throw new InvalidDataException("模型文件的参数超出范围。");
            }

            var buckets = new int[used];
            var bucket = 0;
            for (var i = 0; i < used; i++)
            {
                bucket += r.Read7BitEncodedInt();
                buckets[i] = bucket;
            }

            var idfHalves = MemoryMarshal.Cast<byte, Half>(r.ReadBytes(used * 2).AsSpan());
            var weightHalves = MemoryMarshal.Cast<byte, Half>(r.ReadBytes(used * k * 2).AsSpan());
            if (idfHalves.Length != used || weightHalves.Length != used * k)
            {
                throw new EndOfStreamException();
            }

            for (var i = 0; i < used; i++)
            {
                var b = buckets[i];
                idf[b] = (float)idfHalves[i];
                for (var l = 0; l < k; l++)
                {
                    weights[b * k + l] = (float)weightHalves[i * k + l];
                }
            }

            return new TextClassifier(name, labels, settings, idf, weights, bias, temperature, description);
        }
        catch (Exception e) when (e is EndOfStreamException or IndexOutOfRangeException or IOException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InvalidDataException("模型文件已损坏或不完整。", e);
        }
    }
}
