using System.Globalization;

namespace Jiexin.Modules.Attribution.Model;

/// <summary>One linear member of the ensemble.</summary>
public enum MemberKind
{
    /// <summary>One-vs-rest linear SVM (L2-regularised squared hinge, dual coordinate descent as in LIBLINEAR).</summary>
    Svm,

    /// <summary>The same SVM on features scaled by each label's naive-Bayes log-count ratio (NBSVM, Wang &amp; Manning 2012).</summary>
    NbSvm,
}

public sealed record MemberSettings(MemberKind Kind, double C, double Weight = 1);

public sealed record TrainerSettings
{
    public FeatureSettings Features { get; init; } = new();

    public IReadOnlyList<MemberSettings> Members { get; init; } = [new(MemberKind.Svm, 0.5)];

    /// <summary>Folds for fitting the softmax temperature on out-of-fold scores (0 or 1: no calibration, temperature 1).</summary>
    public int CalibrationFolds { get; init; } = 3;

    public int MaxEpochs { get; init; } = 40;

    public int Seed { get; init; } = 20260;

    /// <summary>Weigh each side of "label vs rest" inversely to its size, so small labels count as much as large ones (macro-F1).</summary>
    public bool Balanced { get; init; }

    /// <summary>
    /// Also learn from the title alone of every "title body" text, so the model reads bare titles (a quarter of the
    /// messages, and many residents' one-line reports) as well as it reads whole posts.
    /// </summary>
    public bool AugmentTitles { get; init; }

    /// <summary>Smoothing of the naive-Bayes ratios.</summary>
    public double NbAlpha { get; init; } = 1;
}

/// <summary>Trains a <see cref="TextClassifier"/> from labelled texts. Deterministic for the same rows and settings.</summary>
public static class ClassifierTrainer
{
    /// <summary>What <c>classifier train</c> uses (measured in docs/decisions/0021-classifier.md).</summary>
    public static readonly TrainerSettings Recommended = new()
    {
        Features = new FeatureSettings { HashBits = 20, MaxCharN = 3, TitleMaxN = 3 },
        Members = [new(MemberKind.Svm, 4), new(MemberKind.NbSvm, 1)],
        Balanced = true,
        CalibrationFolds = 2,
    };

    public static TextClassifier Train(IReadOnlyList<(string Text, string Label)> rows, TrainerSettings settings, string name, Action<string>? log = null)
    {
        if (rows.Count == 0)
        {
            throw new ArgumentException("没有可训练的数据。", nameof(rows));
        }

        var labels = rows.Select(r => r.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (labels.Length < 2)
        {
            throw new ArgumentException("训练数据至少要有两个类别。", nameof(rows));
        }

        if (settings.AugmentTitles)
        {
            rows = [.. rows, .. rows
                .Select(r => (r, end: TextFeaturizer.TitleEnd(r.Text)))
                .Where(t => t.end > 0)
                .Select(t => (t.r.Text[..t.end], t.r.Label))];
        }

        var featurizer = new TextFeaturizer(settings.Features);
        var counts = new List<(int, int)>[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            counts[i] = new List<(int, int)>();
            featurizer.Extract(rows[i].Text, counts[i]);
        }

        var y = rows.Select(r => Array.IndexOf(labels, r.Label)).ToArray();
        var idf = Idf(counts, featurizer.Dimension);
        var x = counts.Select(c => TextClassifier.Vectorize(c, idf, featurizer)).ToArray();

        var temperature = 1.0;
        if (settings.CalibrationFolds > 1)
        {
            var outOfFold = new double[rows.Count][];
            var fold = Folds(rows.Count, settings.CalibrationFolds, settings.Seed);
            for (var f = 0; f < settings.CalibrationFolds; f++)
            {
                var train = Enumerable.Range(0, rows.Count).Where(i => fold[i] != f).ToArray();
                var (w, b) = Fit(x, y, train, labels.Length, featurizer.Dimension, settings);
                foreach (var i in Enumerable.Range(0, rows.Count).Where(i => fold[i] == f))
                {
                    outOfFold[i] = Score(w, b, x[i]);
                }
            }

            temperature = FitTemperature(outOfFold, y);
            log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"temperature {temperature:0.###} from {settings.CalibrationFolds}-fold out-of-fold scores"));
        }

        var (weights, bias) = Fit(x, y, [.. Enumerable.Range(0, rows.Count)], labels.Length, featurizer.Dimension, settings);
        var description = string.Create(CultureInfo.InvariantCulture,
            $"{TextFeaturizer.Describe(settings.Features)} sublinear tf-idf; {string.Join(" + ", settings.Members.Select(m => $"{m.Weight:0.##}×{m.Kind}(C={m.C:0.###})"))}; T={temperature:0.###}; {rows.Count} texts");
        return new TextClassifier(name, labels, settings.Features, idf, weights, bias, temperature, description);
    }

    private static float[] Idf(List<(int Bucket, int Count)>[] counts, int dimension)
    {
        var df = new int[dimension];
        foreach (var doc in counts)
        {
            foreach (var (bucket, _) in doc)
            {
                df[bucket]++;
            }
        }

        var n = counts.Length;
        var idf = new float[dimension];
        for (var j = 0; j < dimension; j++)
        {
            idf[j] = df[j] == 0 ? 0 : (float)(Math.Log((1.0 + n) / (1.0 + df[j])) + 1);
        }

        return idf;
    }

    private static int[] Folds(int n, int k, int seed)
    {
        var order = Enumerable.Range(0, n).ToArray();
        new Random(seed).Shuffle(order);
        var fold = new int[n];
        for (var i = 0; i < n; i++)
        {
            fold[order[i]] = i % k;
        }

        return fold;
    }

    /// <summary>All members trained on the rows given and summed into one weight matrix [bucket * K + label].</summary>
    private static (float[] Weights, float[] Bias) Fit(SparseVector[] x, int[] y, int[] rows, int k, int dimension, TrainerSettings settings)
    {
        var weights = new float[dimension * k];
        var bias = new float[k];
        foreach (var member in settings.Members)
        {
            // Labels are independent binary problems: one per core, each writing only its own column.
            Parallel.For(0, k, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, label =>
            {
                var scale = member.Kind == MemberKind.NbSvm ? NbRatios(x, y, rows, label, dimension, settings.NbAlpha) : null;
                var w = new double[dimension];
                var b = TrainBinarySvm(x, y, rows, label, member.C, scale, w, settings.MaxEpochs, settings.Seed + label, settings.Balanced);
                for (var j = 0; j < dimension; j++)
                {
                    if (w[j] != 0)
                    {
                        weights[j * k + label] += (float)(member.Weight * w[j] * (scale?[j] ?? 1));
                    }
                }

                bias[label] += (float)(member.Weight * b);
            });
        }

        return (weights, bias);
    }

    private static double[] NbRatios(SparseVector[] x, int[] y, int[] rows, int label, int dimension, double alpha)
    {
        var p = new double[dimension];
        var q = new double[dimension];
        var used = new bool[dimension];
        foreach (var i in rows)
        {
            var target = y[i] == label ? p : q;
            foreach (var j in x[i].Indices)
            {
                target[j] += 1;
                used[j] = true;
            }
        }

        double sp = 0, sq = 0;
        for (var j = 0; j < dimension; j++)
        {
            if (used[j])
            {
                sp += p[j] + alpha;
                sq += q[j] + alpha;
            }
        }

        var r = new double[dimension];
        for (var j = 0; j < dimension; j++)
        {
            if (used[j])
            {
                r[j] = Math.Log((p[j] + alpha) / sp / ((q[j] + alpha) / sq));
            }
        }

        return r;
    }

    /// <summary>
    /// L2-regularised squared-hinge SVM for "label vs the rest" by dual coordinate descent (Hsieh et al. 2008, LIBLINEAR
    /// solver 1), bias as an extra constant feature. Features optionally scaled per dimension. Returns the bias.
    /// </summary>
    private static double TrainBinarySvm(SparseVector[] x, int[] y, int[] rows, int label, double c, double[]? scale, double[] w, int maxEpochs, int seed, bool balanced)
    {
        var n = rows.Length;
        var alpha = new double[n];
        var sign = new int[n];
        var qd = new double[n];
        var diag = new double[n];
        var positives = rows.Count(r => y[r] == label);
        var cPositive = balanced ? c * n / (2.0 * Math.Max(1, positives)) : c;
        var cNegative = balanced ? c * n / (2.0 * Math.Max(1, n - positives)) : c;
        var bias = 0.0;
        for (var t = 0; t < n; t++)
        {
            var v = x[rows[t]];
            sign[t] = y[rows[t]] == label ? 1 : -1;
            diag[t] = 1 / (2 * (sign[t] > 0 ? cPositive : cNegative));
            var sq = 1.0; // the bias feature
            for (var i = 0; i < v.Count; i++)
            {
                var value = v.Values[i] * (scale?[v.Indices[i]] ?? 1);
                sq += value * value;
            }

            qd[t] = sq + diag[t];
        }

        var order = Enumerable.Range(0, n).ToArray();
        var rng = new Random(seed);
        for (var epoch = 0; epoch < maxEpochs; epoch++)
        {
            rng.Shuffle(order);
            var maxPg = double.NegativeInfinity;
            var minPg = double.PositiveInfinity;
            foreach (var t in order)
            {
                var v = x[rows[t]];
                var dot = bias;
                for (var i = 0; i < v.Count; i++)
                {
                    var j = v.Indices[i];
                    dot += w[j] * v.Values[i] * (scale?[j] ?? 1);
                }

                var g = sign[t] * dot - 1 + diag[t] * alpha[t];
                var pg = alpha[t] == 0 ? Math.Min(g, 0) : g;
                maxPg = Math.Max(maxPg, pg);
                minPg = Math.Min(minPg, pg);
                if (Math.Abs(pg) < 1e-12)
                {
                    continue;
                }

                var old = alpha[t];
                alpha[t] = Math.Max(old - g / qd[t], 0);
                var d = (alpha[t] - old) * sign[t];
                if (d == 0)
                {
                    continue;
                }

                bias += d;
                for (var i = 0; i < v.Count; i++)
                {
                    var j = v.Indices[i];
                    w[j] += d * v.Values[i] * (scale?[j] ?? 1);
                }
            }

            if (maxPg - minPg < 0.01)
            {
                break;
            }
        }

        return bias;
    }

    private static double[] Score(float[] weights, float[] bias, SparseVector x)
    {
        var k = bias.Length;
        var s = new double[k];
        for (var l = 0; l < k; l++)
        {
            s[l] = bias[l];
        }

        for (var i = 0; i < x.Count; i++)
        {
            var row = x.Indices[i] * k;
            for (var l = 0; l < k; l++)
            {
                s[l] += x.Values[i] * weights[row + l];
            }
        }

        return s;
    }

    /// <summary>The softmax temperature minimising the mean negative log-likelihood (golden-section search on log T).</summary>
    internal static double FitTemperature(double[][] scores, int[] y)
    {
        double Loss(double logT)
        {
            var t = Math.Exp(logT);
            var total = 0.0;
            for (var i = 0; i < scores.Length; i++)
            {
                var p = TextClassifier.Softmax(scores[i], t);
                total -= Math.Log(Math.Max(p[y[i]], 1e-12));
            }

            return total / scores.Length;
        }

        double lo = Math.Log(0.05), hi = Math.Log(200);
        var phi = (Math.Sqrt(5) - 1) / 2;
        var a = hi - phi * (hi - lo);
        var b = lo + phi * (hi - lo);
        double fa = Loss(a), fb = Loss(b);
        for (var i = 0; i < 40; i++)
        {
            if (fa < fb)
            {
                hi = b;
                b = a;
                fb = fa;
                a = hi - phi * (hi - lo);
                fa = Loss(a);
            }
            else
            {
                lo = a;
                a = b;
                fa = fb;
                b = lo + phi * (hi - lo);
                fb = Loss(b);
            }
        }

        return Math.Exp((lo + hi) / 2);
    }
}
