using System.Numerics;
using System.Runtime.InteropServices;
using Jiexin.Modules.Attribution.Evaluation;
using Jiexin.Modules.Attribution.Model;

namespace Jiexin.Benchmarks.Attribution;

/// <summary>
/// A non-linear member for <c>classifier-explore</c> (benchmark only, 0042's session-11 amendment): the members' own
/// sparse TF-IDF vector → one hidden ReLU layer → softmax over the labels. Only the <see cref="Settings.Vocabulary"/>
/// buckets found in most training texts get an input row (the hashed space has 2^20 buckets: a dense first layer
/// over all of them would be gigabytes); the rest are dropped from the input.
/// </summary>
internal sealed class HiddenLayerNetwork
{
    /// <summary>Hyper-parameters; the member's name in the cache should say every one that differs from the defaults.</summary>
    public sealed record Settings
    {
        public int Hidden { get; init; } = 256;

        public int Vocabulary { get; init; } = 32768;

        /// <summary>Probability of zeroing a hidden unit while training (inverted dropout: the survivors are scaled up).</summary>
        public double Dropout { get; init; } = 0.5;

        /// <summary>Adam's step size.</summary>
        public double Rate { get; init; } = 1e-3;

        public int BatchSize { get; init; } = 32;

        public int MaxEpochs { get; init; } = 30;

        /// <summary>Stop after this many epochs without a better validation log-loss; the best epoch's weights are kept.</summary>
        public int Patience { get; init; } = 3;

        /// <summary>One text in this many (by the hash of its collapsed text, so identical texts stay together) validates.</summary>
        public int ValidationShare { get; init; } = 10;

        public int Seed { get; init; } = 20260;
    }

    private readonly int[] _rowOfBucket;
    private readonly int _hidden;
    private readonly int _labels;
    private readonly float[] _w1;
    private readonly float[] _b1;
    private readonly float[] _w2;
    private readonly float[] _b2;

    private HiddenLayerNetwork(int[] rowOfBucket, int hidden, int labels, float[] w1, float[] b1, float[] w2, float[] b2)
    {
        _rowOfBucket = rowOfBucket;
        _hidden = hidden;
        _labels = labels;
        _w1 = w1;
        _b1 = b1;
        _w2 = w2;
        _b2 = b2;
    }

    /// <summary>Input rows actually kept (≤ the vocabulary asked for).</summary>
    public int InputRows => _w1.Length / _hidden;

    public int Hidden => _hidden;

    /// <summary>What the weights would take in a model file as 32-bit floats, plus one int per kept bucket (its id).</summary>
    public long ModelBytes => 4L * (_w1.Length + _b1.Length + _w2.Length + _b2.Length + InputRows);

    /// <summary>The logits (before the softmax) for one vector; <paramref name="hidden"/> is scratch of <see cref="Hidden"/> floats.</summary>
    public double[] Logits(SparseVector x, float[] hidden)
    {
        Forward(x, hidden);
        var z = new double[_labels];
        for (var l = 0; l < _labels; l++)
        {
            z[l] = _b2[l] + Dot(_w2.AsSpan(l * _hidden, _hidden), hidden);
        }

        return z;
    }

    private void Forward(SparseVector x, float[] hidden)
    {
        _b1.CopyTo(hidden, 0);
        for (var t = 0; t < x.Count; t++)
        {
            var row = _rowOfBucket[x.Indices[t]];
            if (row >= 0)
            {
                Axpy(x.Values[t], _w1.AsSpan(row * _hidden, _hidden), hidden);
            }
        }

        Relu(hidden);
    }

    /// <summary>
    /// Fits on <paramref name="rows"/> of <paramref name="x"/>: mini-batch Adam (lazy on the first layer: only the input
    /// rows a batch touches are updated, with the global step's bias correction), each text's loss weighted by n / (K · size
    /// of its label) as the softmax member does, dropout on the hidden layer; a slice of the rows (by text hash) validates
    /// each epoch and the weights of the epoch with the lowest validation log-loss are returned.
    /// </summary>
    public static (HiddenLayerNetwork Network, string Log) Fit(SparseVector[] x, int[] y, string[] texts, int[] rows, int k, int dimension, Settings s, int seed)
    {
        var validation = rows.Where(i => Fnv("mlp|" + HeldOutSplit.Key(texts[i])) % (uint)s.ValidationShare == 0).ToArray();
        var fit = rows.Where(i => Fnv("mlp|" + HeldOutSplit.Key(texts[i])) % (uint)s.ValidationShare != 0).ToArray();

        // Vocabulary: the buckets in most fitting texts (unsupervised, like the idf); ties by bucket, so it is reproducible.
        var df = new int[dimension];
        foreach (var i in fit)
        {
            foreach (var j in x[i].Indices)
            {
                df[j]++;
            }
        }

        var kept = Enumerable.Range(0, dimension).Where(j => df[j] > 0).OrderByDescending(j => df[j]).ThenBy(j => j).Take(s.Vocabulary).Order().ToArray();
        var rowOfBucket = new int[dimension];
        Array.Fill(rowOfBucket, -1);
        for (var r = 0; r < kept.Length; r++)
        {
            rowOfBucket[kept[r]] = r;
        }

        var h = s.Hidden;
        var v = kept.Length;
        var rng = new Random(seed);
        var w1 = new float[v * h];
        for (var i = 0; i < w1.Length; i++)
        {
            w1[i] = (float)(0.1 * Gaussian(rng));
        }

        var b1 = new float[h];
        var w2 = new float[k * h];
        var w2Scale = Math.Sqrt(2.0 / (h + k));
        for (var i = 0; i < w2.Length; i++)
        {
            w2[i] = (float)(w2Scale * Gaussian(rng));
        }

        var b2 = new float[k];
        var net = new HiddenLayerNetwork(rowOfBucket, h, k, w1, b1, w2, b2);

        var sizes = new int[k];
        foreach (var i in fit)
        {
            sizes[y[i]]++;
        }

        var labelWeight = sizes.Select(c => c == 0 ? 0f : (float)fit.Length / (k * c)).ToArray();

        // Adam state: first and second moments per weight; the first layer's are touched lazily.
        var m1 = new float[w1.Length];
        var v1 = new float[w1.Length];
        var mb1 = new float[h];
        var vb1 = new float[h];
        var m2 = new float[w2.Length];
        var v2 = new float[w2.Length];
        var mb2 = new float[k];
        var vb2 = new float[k];
        const float beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;

        // Per-batch gradients: the first layer's only for the rows the batch touches (slot per row).
        var maxTouched = Math.Min(v, s.BatchSize * (fit.Length == 0 ? 1 : fit.Max(i => x[i].Count)));
        var slotOf = new int[v];
        Array.Fill(slotOf, -1);
        var touched = new int[maxTouched];
        var g1 = new float[maxTouched * h];
        var gb1 = new float[h];
        var g2 = new float[w2.Length];
        var gb2 = new float[k];

        var hidden = new float[h];
        var mask = new float[h];
        var gHidden = new float[h];
        var z = new double[k];
        var keep = 1 - s.Dropout;
        var dropScale = (float)(1 / keep);

        var best = (Loss: double.PositiveInfinity, Epoch: 0, W1: (float[])w1.Clone(), B1: (float[])b1.Clone(), W2: (float[])w2.Clone(), B2: (float[])b2.Clone());
        var order = fit.ToArray();
        var step = 0;
        var log = new List<string>();
        for (var epoch = 1; epoch <= s.MaxEpochs; epoch++)
        {
            rng.Shuffle(order);
            for (var start = 0; start < order.Length; start += s.BatchSize)
            {
                var end = Math.Min(order.Length, start + s.BatchSize);
                var batch = end - start;
                var touchedCount = 0;
                Array.Clear(gb1);
                Array.Clear(g2);
                Array.Clear(gb2);
                for (var bi = start; bi < end; bi++)
                {
                    var i = order[bi];
                    var xi = x[i];
                    net.Forward(xi, hidden);
                    for (var u = 0; u < h; u++)
                    {
                        mask[u] = hidden[u] > 0 && rng.NextDouble() < keep ? dropScale : 0f;
                        hidden[u] *= mask[u];
                    }

                    for (var l = 0; l < k; l++)
                    {
                        z[l] = b2[l] + Dot(w2.AsSpan(l * h, h), hidden);
                    }

                    var p = TextClassifier.Softmax(z, 1);
                    p[y[i]] -= 1;
                    var scale = labelWeight[y[i]] / batch;
                    Array.Clear(gHidden);
                    for (var l = 0; l < k; l++)
                    {
                        var gz = (float)(p[l] * scale);
                        gb2[l] += gz;
                        Axpy(gz, hidden, g2.AsSpan(l * h, h));
                        Axpy(gz, w2.AsSpan(l * h, h), gHidden);
                    }

                    // Through dropout and the ReLU (mask is 0 where the unit was off or dropped).
                    for (var u = 0; u < h; u++)
                    {
                        gHidden[u] *= mask[u];
                        gb1[u] += gHidden[u];
                    }

                    for (var t = 0; t < xi.Count; t++)
                    {
                        var row = rowOfBucket[xi.Indices[t]];
                        if (row < 0)
                        {
                            continue;
                        }

                        var slot = slotOf[row];
                        if (slot < 0)
                        {
                            slot = slotOf[row] = touchedCount;
                            touched[touchedCount++] = row;
                            Array.Clear(g1, slot * h, h);
                        }

                        Axpy(xi.Values[t], gHidden, g1.AsSpan(slot * h, h));
                    }
                }

                step++;
                var correction1 = 1 - Math.Pow(beta1, step);
                var correction2 = 1 - Math.Pow(beta2, step);
                var stepSize = (float)(s.Rate * Math.Sqrt(correction2) / correction1);
                for (var slot = 0; slot < touchedCount; slot++)
                {
                    var row = touched[slot];
                    slotOf[row] = -1;
                    Adam(w1.AsSpan(row * h, h), m1.AsSpan(row * h, h), v1.AsSpan(row * h, h), g1.AsSpan(slot * h, h), stepSize, beta1, beta2, epsilon);
                }

                Adam(b1, mb1, vb1, gb1, stepSize, beta1, beta2, epsilon);
                Adam(w2, m2, v2, g2, stepSize, beta1, beta2, epsilon);
                Adam(b2, mb2, vb2, gb2, stepSize, beta1, beta2, epsilon);
            }

            var loss = validation.Length == 0 ? 0 : validation.Average(i => -Math.Log(Math.Max(TextClassifier.Softmax(net.Logits(x[i], hidden), 1)[y[i]], 1e-12)));
            log.Add(FormattableString.Invariant($"{epoch}:{loss:F3}"));
            if (loss < best.Loss)
            {
                best = (loss, epoch, (float[])w1.Clone(), (float[])b1.Clone(), (float[])w2.Clone(), (float[])b2.Clone());
            }
            else if (epoch - best.Epoch >= s.Patience)
            {
                break;
            }
        }

        return (new HiddenLayerNetwork(rowOfBucket, h, k, best.W1, best.B1, best.W2, best.B2),
            FormattableString.Invariant($"best epoch {best.Epoch} (validation log-loss {best.Loss:F3}; {validation.Length} validating, {fit.Length} fitting, {v} input rows; by epoch {string.Join(' ', log)})"));
    }

    private static void Adam(Span<float> w, Span<float> m, Span<float> v, ReadOnlySpan<float> g, float stepSize, float beta1, float beta2, float epsilon)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w8 = MemoryMarshal.Cast<float, Vector<float>>(w);
            var m8 = MemoryMarshal.Cast<float, Vector<float>>(m);
            var v8 = MemoryMarshal.Cast<float, Vector<float>>(v);
            var g8 = MemoryMarshal.Cast<float, Vector<float>>(g);
            for (var j = 0; j < w8.Length; j++)
            {
                m8[j] = beta1 * m8[j] + (1 - beta1) * g8[j];
                v8[j] = beta2 * v8[j] + (1 - beta2) * g8[j] * g8[j];
                w8[j] -= stepSize * m8[j] / (Vector.SquareRoot(v8[j]) + new Vector<float>(epsilon));
            }

            i = w8.Length * Vector<float>.Count;
        }

        for (; i < w.Length; i++)
        {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            w[i] -= stepSize * m[i] / (MathF.Sqrt(v[i]) + epsilon);
        }
    }

    /// <summary>y += a · x.</summary>
    private static void Axpy(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var x8 = MemoryMarshal.Cast<float, Vector<float>>(x);
            var y8 = MemoryMarshal.Cast<float, Vector<float>>(y);
            for (var j = 0; j < x8.Length; j++)
            {
                y8[j] += a * x8[j];
            }

            i = x8.Length * Vector<float>.Count;
        }

        for (; i < x.Length; i++)
        {
            y[i] += a * x[i];
        }
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var i = 0;
        var sum = 0f;
        if (Vector.IsHardwareAccelerated)
        {
            var a8 = MemoryMarshal.Cast<float, Vector<float>>(a);
            var b8 = MemoryMarshal.Cast<float, Vector<float>>(b);
            var acc = Vector<float>.Zero;
            for (var j = 0; j < a8.Length; j++)
            {
                acc += a8[j] * b8[j];
            }

            sum = Vector.Sum(acc);
            i = a8.Length * Vector<float>.Count;
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static void Relu(Span<float> h)
    {
        for (var i = 0; i < h.Length; i++)
        {
            if (h[i] < 0)
            {
                h[i] = 0;
            }
        }
    }

    private static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static uint Fnv(string s)
    {
        var hash = 2166136261u;
        foreach (var c in s)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
