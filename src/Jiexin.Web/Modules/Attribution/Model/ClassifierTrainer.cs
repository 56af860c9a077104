using System.Globalization;
using Jiexin.Modules.Attribution.Evaluation;

namespace Jiexin.Modules.Attribution.Model;

/// <summary>One linear member of the ensemble.</summary>
public enum MemberKind
{
    /// <summary>One-vs-rest linear SVM (L2-regularised squared hinge, dual coordinate descent as in LIBLINEAR).</summary>
    Svm,

    /// <summary>The same SVM on features scaled by each label's naive-Bayes log-count ratio (NBSVM, Wang &amp; Manning 2012).</summary>
    NbSvm,

    /// <summary>Complement naive Bayes on the TF-IDF values (Rennie et al. 2003), weights normalised per label; closed form.</summary>
    ComplementNb,
}

/// <summary>
/// Which part of the vector a member reads (with a separately normalised second block: the word view). Only the stacked
/// recipe honours it; the summed recipe gives every member the whole vector.
/// </summary>
public enum MemberView
{
    /// <summary>The whole vector.</summary>
    All,

    /// <summary>Only the first block (character n-grams).</summary>
    First,

    /// <summary>Only the second block (the word view, or the title block).</summary>
    Second,
}

public sealed record MemberSettings(MemberKind Kind, double C, double Weight = 1, MemberView View = MemberView.All);

public sealed record TrainerSettings
{
    public FeatureSettings Features { get; init; } = new();

    public IReadOnlyList<MemberSettings> Members { get; init; } = [new(MemberKind.Svm, 0.5)];

    /// <summary>
    /// Folds for the out-of-fold scores that calibrate the model (0 or 1: none; members summed by their weights,
    /// temperature 1). Identical texts always fall in one fold.
    /// </summary>
    public int CalibrationFolds { get; init; } = 3;

    /// <summary>
    /// With calibration folds: instead of summing the members and fitting one temperature, fit a multinomial logistic
    /// regression on every member's out-of-fold score for every label (stacking, Wolpert 1992) and fold it into the
    /// weight matrix — it is linear in linear scores, so serving stays one sparse product.
    /// </summary>
    public bool Stack { get; init; }

    /// <summary>L2 penalty of the stacker (chosen by 5-fold cross-validation on the training part).</summary>
    public double StackL2 { get; init; } = 1e-3;

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

    /// <summary>
    /// Above 0: the word view — jieba segments the training texts, and words found in at least this many of them become
    /// the model's vocabulary (<see cref="WordVocabulary"/>), matched at serving time without jieba.
    /// </summary>
    public int WordMinDocuments { get; init; }

    /// <summary>With the word view: also pairs of adjacent tokens.</summary>
    public bool WordBigrams { get; init; }

    /// <summary>With the word view: above 0, the words form their own separately normalised block of this weight.</summary>
    public double WordBlockWeight { get; init; }

    /// <summary>The featurizer for these rows: the settings' features, plus the vocabulary built from the texts when asked.</summary>
    public FeatureSettings FeaturesFor(IEnumerable<string> texts) =>
        WordMinDocuments > 0 && !Features.HasWords
            ? Features with { Words = WordVocabulary.FromJieba(texts, WordMinDocuments, Features.MaxChars), WordBigrams = WordBigrams, WordBlockWeight = WordBlockWeight }
            : Features;
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
        CalibrationFolds = 5,
        Stack = true,
    };

    /// <summary>The first shipped recipe (members summed, one temperature from 2 folds), kept for comparison.</summary>
    public static readonly TrainerSettings SummedWithTemperature = Recommended with { CalibrationFolds = 2, Stack = false };

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

        settings = settings with { Features = settings.FeaturesFor(rows.Select(r => r.Text)) };
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

        var k = labels.Length;
        if (settings.Stack && settings.CalibrationFolds > 1)
        {
            return TrainStacked(name, labels, settings, featurizer, idf, x, y, [.. rows.Select(r => r.Text)], log);
        }

        var temperature = 1.0;
        if (settings.CalibrationFolds > 1)
        {
            var outOfFold = new double[rows.Count][];
            var fold = Folds([.. rows.Select(r => r.Text)], settings.CalibrationFolds);
            for (var f = 0; f < settings.CalibrationFolds; f++)
            {
                var train = Enumerable.Range(0, rows.Count).Where(i => fold[i] != f).ToArray();
                var (w, b) = Fit(x, y, train, k, featurizer.Dimension, settings);
                foreach (var i in Enumerable.Range(0, rows.Count).Where(i => fold[i] == f))
                {
                    outOfFold[i] = Score(w, b, x[i]);
                }
            }

            temperature = FitTemperature(outOfFold, y);
            log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"temperature {temperature:0.###} from {settings.CalibrationFolds}-fold out-of-fold scores"));
        }

        var (weights, bias) = Fit(x, y, [.. Enumerable.Range(0, rows.Count)], k, featurizer.Dimension, settings);
        var description = string.Create(CultureInfo.InvariantCulture,
            $"{TextFeaturizer.Describe(settings.Features)} sublinear tf-idf; {string.Join(" + ", settings.Members.Select(m => $"{m.Weight:0.##}×{m.Kind}(C={m.C:0.###})"))}; T={temperature:0.###}; {rows.Count} texts");
        return new TextClassifier(name, labels, settings.Features, idf, weights, bias, temperature, description);
    }

    /// <summary>
    /// Every member's out-of-fold scores → a softmax regression over all of them (K × members inputs, K outputs) →
    /// folded with the members trained on all rows into one matrix: W[j, l] = Σ S[l, (m, l')] · W_m[j, l'].
    /// </summary>
    private static TextClassifier TrainStacked(string name, string[] labels, TrainerSettings settings, TextFeaturizer featurizer, float[] idf, SparseVector[] x, int[] y, string[] texts, Action<string>? log)
    {
        var k = labels.Length;
        var n = x.Length;
        var members = settings.Members;
        var fold = Folds(texts, settings.CalibrationFolds);
        var stackInput = new double[n][];
        for (var i = 0; i < n; i++)
        {
            stackInput[i] = new double[k * members.Count];
        }

        var full = new (float[] Weights, float[] Bias)[members.Count];
        var all = x;
        for (var m = 0; m < members.Count; m++)
        {
            x = ViewOf(all, members[m].View, featurizer.TitleBlockStart);
            for (var f = 0; f < settings.CalibrationFolds; f++)
            {
                var train = Enumerable.Range(0, n).Where(i => fold[i] != f).ToArray();
                if (train.Length == n)
                {
                    continue; // an empty fold (tiny data): nothing held out
                }

                var (w, b) = FitMember(x, y, train, k, featurizer.Dimension, members[m], settings);
                for (var i = 0; i < n; i++)
                {
                    if (fold[i] == f)
                    {
                        Score(w, b, x[i]).CopyTo(stackInput[i], m * k);
                    }
                }
            }

            full[m] = FitMember(x, y, [.. Enumerable.Range(0, n)], k, featurizer.Dimension, members[m], settings);
        }

        var (stacker, stackerBias) = FitSoftmax(stackInput, y, k, settings.StackL2);
        log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"stacker fitted on {settings.CalibrationFolds}-fold out-of-fold scores of {members.Count} members (L2 {settings.StackL2})"));

        var d = k * members.Count;
        var weights = new float[featurizer.Dimension * k];
        var bias = new float[k];
        for (var l = 0; l < k; l++)
        {
            var b = stackerBias[l];
            for (var m = 0; m < members.Count; m++)
            {
                for (var source = 0; source < k; source++)
                {
                    b += stacker[l * d + m * k + source] * full[m].Bias[source];
                }
            }

            bias[l] = (float)b;
        }

        var row = new double[k];
        for (var j = 0; j < featurizer.Dimension; j++)
        {
            if (idf[j] == 0)
            {
                continue;
            }

            Array.Clear(row);
            for (var m = 0; m < members.Count; m++)
            {
                var w = full[m].Weights;
                for (var source = 0; source < k; source++)
                {
                    var v = w[j * k + source];
                    if (v == 0)
                    {
                        continue;
                    }

                    for (var l = 0; l < k; l++)
                    {
                        row[l] += stacker[l * d + m * k + source] * v;
                    }
                }
            }

            for (var l = 0; l < k; l++)
            {
                weights[j * k + l] = (float)row[l];
            }
        }

        var description = string.Create(CultureInfo.InvariantCulture,
            $"{TextFeaturizer.Describe(settings.Features)} sublinear tf-idf; {string.Join(" + ", members.Select(m => $"{m.Kind}(C={m.C:0.###}){(m.View == MemberView.All ? "" : $"[{m.View}]")}"))} stacked by softmax regression (L2 {settings.StackL2}) on {settings.CalibrationFolds}-fold out-of-fold scores; {n} texts");
        return new TextClassifier(name, labels, settings.Features, idf, weights, bias, 1, description);
    }

    /// <summary>
    /// Multinomial logistic regression (L2 on the weights, not the biases) by full-batch gradient descent with Nesterov
    /// momentum; a fixed number of steps, so deterministic. Weights [label * d + input].
    /// </summary>
    internal static (double[] W, double[] B) FitSoftmax(double[][] z, int[] y, int k, double l2, int iterations = 600)
    {
        var d = z[0].Length;
        var w = new double[k * d];
        var b = new double[k];
        var vw = new double[k * d];
        var vb = new double[k];
        var lookW = new double[k * d];
        var lookB = new double[k];
        var gw = new double[k * d];
        var gb = new double[k];
        var s = new double[k];
        const double rate = 0.5, momentum = 0.9;
        for (var it = 0; it < iterations; it++)
        {
            for (var i = 0; i < w.Length; i++)
            {
                lookW[i] = w[i] + momentum * vw[i];
            }

            for (var l = 0; l < k; l++)
            {
                lookB[l] = b[l] + momentum * vb[l];
            }

            Array.Clear(gw);
            Array.Clear(gb);
            for (var i = 0; i < z.Length; i++)
            {
                var zi = z[i];
                for (var l = 0; l < k; l++)
                {
                    var v = lookB[l];
                    for (var j = 0; j < d; j++)
                    {
                        v += lookW[l * d + j] * zi[j];
                    }

                    s[l] = v;
                }

                var p = TextClassifier.Softmax(s, 1);
                p[y[i]] -= 1;
                for (var l = 0; l < k; l++)
                {
                    gb[l] += p[l];
                    for (var j = 0; j < d; j++)
                    {
                        gw[l * d + j] += p[l] * zi[j];
                    }
                }
            }

            for (var i = 0; i < w.Length; i++)
            {
                vw[i] = momentum * vw[i] - rate * (gw[i] / z.Length + l2 * lookW[i]);
                w[i] += vw[i];
            }

            for (var l = 0; l < k; l++)
            {
                vb[l] = momentum * vb[l] - rate * gb[l] / z.Length;
                b[l] += vb[l];
            }
        }

        return (w, b);
    }

    /// <summary>The part of each vector a member reads (zeros elsewhere are simply left out).</summary>
    internal static SparseVector[] ViewOf(SparseVector[] x, MemberView view, int secondStart)
    {
        if (view == MemberView.All)
        {
            return x;
        }

        return [.. x.Select(v =>
        {
            var keep = Enumerable.Range(0, v.Count).Where(i => (v.Indices[i] >= secondStart) == (view == MemberView.Second)).ToArray();
            return new SparseVector([.. keep.Select(i => v.Indices[i])], [.. keep.Select(i => v.Values[i])]);
        })];
    }

    internal static float[] Idf(List<(int Bucket, int Count)>[] counts, int dimension)
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

    /// <summary>Fold of each row by the hash of its whitespace-collapsed text: identical texts share a fold.</summary>
    internal static int[] Folds(string[] texts, int k)
    {
        var fold = new int[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            var h = 2166136261u;
            foreach (var c in "cv|" + HeldOutSplit.Key(texts[i]))
            {
                h = (h ^ c) * 16777619u;
            }

            fold[i] = (int)(h % (uint)k);
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
            var (w, b) = FitMember(x, y, rows, k, dimension, member, settings);
            for (var j = 0; j < w.Length; j++)
            {
                weights[j] += (float)(member.Weight * w[j]);
            }

            for (var l = 0; l < k; l++)
            {
                bias[l] += (float)(member.Weight * b[l]);
            }
        }

        return (weights, bias);
    }

    /// <summary>One member (weight 1) trained on the rows given: weight matrix [bucket * K + label] and biases.</summary>
    internal static (float[] Weights, float[] Bias) FitMember(SparseVector[] x, int[] y, int[] rows, int k, int dimension, MemberSettings member, TrainerSettings settings)
    {
        var weights = new float[dimension * k];
        var bias = new float[k];
        if (member.Kind == MemberKind.ComplementNb)
        {
            FitComplementNb(x, y, rows, k, dimension, member.C, weights);
            return (weights, bias);
        }

        var data = CompactRows.From(x, rows, dimension);
        var rowLabels = rows.Select(i => y[i]).ToArray();

        // Labels are independent binary problems: one per core, each writing only its own column.
        Parallel.For(0, k, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, label =>
        {
            var scale = member.Kind == MemberKind.NbSvm ? NbRatios(data, rowLabels, label, settings.NbAlpha) : null;
            var values = data.Values;
            if (scale is not null)
            {
                values = new float[data.Values.Length];
                for (var p = 0; p < values.Length; p++)
                {
                    values[p] = (float)(data.Values[p] * scale[data.Indices[p]]);
                }
            }

            var w = new double[data.Buckets.Length];
            var b = TrainBinarySvm(data, values, rowLabels, label, member.C, w, settings.MaxEpochs, settings.Seed + label, settings.Balanced);
            for (var j = 0; j < w.Length; j++)
            {
                if (w[j] != 0)
                {
                    weights[data.Buckets[j] * k + label] = (float)(w[j] * (scale?[j] ?? 1));
                }
            }

            bias[label] = (float)b;
        });

        return (weights, bias);
    }

    /// <summary>Weight-normalised complement NB: w[l] = −log θ(not l), scaled to unit L1 per label; C is the smoothing.</summary>
    private static void FitComplementNb(SparseVector[] x, int[] y, int[] rows, int k, int dimension, double alpha, float[] weights)
    {
        var perLabel = new double[k][];
        var total = new double[dimension];
        var used = new bool[dimension];
        for (var l = 0; l < k; l++)
        {
            perLabel[l] = new double[dimension];
        }

        foreach (var i in rows)
        {
            var v = x[i];
            for (var t = 0; t < v.Count; t++)
            {
                perLabel[y[i]][v.Indices[t]] += v.Values[t];
                total[v.Indices[t]] += v.Values[t];
                used[v.Indices[t]] = true;
            }
        }

        var usedCount = used.Count(u => u);
        for (var l = 0; l < k; l++)
        {
            var complementSum = 0.0;
            for (var j = 0; j < dimension; j++)
            {
                complementSum += total[j] - perLabel[l][j];
            }

            var w = new double[dimension];
            var l1 = 0.0;
            for (var j = 0; j < dimension; j++)
            {
                if (used[j])
                {
                    w[j] = -Math.Log((total[j] - perLabel[l][j] + alpha) / (complementSum + alpha * usedCount));
                    l1 += Math.Abs(w[j]);
                }
            }

            for (var j = 0; j < dimension; j++)
            {
                if (used[j])
                {
                    weights[j * k + l] = (float)(w[j] / l1 * 1000);
                }
            }
        }
    }

    /// <summary>
    /// The training rows as one compressed-row block over dense feature ids, the most frequent features first: the
    /// solver's weight vector is then small and its hot part stays in cache (hashed buckets are scattered over 2^20).
    /// </summary>
    private sealed record CompactRows(int[] Start, int[] Indices, float[] Values, int[] Buckets)
    {
        public int Count => Start.Length - 1;

        public static CompactRows From(SparseVector[] x, int[] rows, int dimension)
        {
            var df = new int[dimension];
            var nonZeros = 0;
            foreach (var i in rows)
            {
                foreach (var j in x[i].Indices)
                {
                    df[j]++;
                }

                nonZeros += x[i].Count;
            }

            var buckets = Enumerable.Range(0, dimension).Where(j => df[j] > 0).OrderByDescending(j => df[j]).ThenBy(j => j).ToArray();
            var dense = new int[dimension];
            for (var d = 0; d < buckets.Length; d++)
            {
                dense[buckets[d]] = d;
            }

            var start = new int[rows.Length + 1];
            var indices = new int[nonZeros];
            var values = new float[nonZeros];
            var p = 0;
            for (var t = 0; t < rows.Length; t++)
            {
                var v = x[rows[t]];
                start[t] = p;
                for (var i = 0; i < v.Count; i++, p++)
                {
                    indices[p] = dense[v.Indices[i]];
                    values[p] = v.Values[i];
                }
            }

            start[rows.Length] = p;
            return new CompactRows(start, indices, values, buckets);
        }
    }

    /// <summary>Naive-Bayes log-count ratios of one label against the rest (document frequencies, smoothed).</summary>
    private static double[] NbRatios(CompactRows data, int[] y, int label, double alpha)
    {
        var dimension = data.Buckets.Length;
        var p = new double[dimension];
        var q = new double[dimension];
        for (var t = 0; t < data.Count; t++)
        {
            var target = y[t] == label ? p : q;
            for (var i = data.Start[t]; i < data.Start[t + 1]; i++)
            {
                target[data.Indices[i]] += 1;
            }
        }

        double sp = 0, sq = 0;
        for (var j = 0; j < dimension; j++)
        {
            sp += p[j] + alpha;
            sq += q[j] + alpha;
        }

        var r = new double[dimension];
        for (var j = 0; j < dimension; j++)
        {
            r[j] = Math.Log((p[j] + alpha) / sp / ((q[j] + alpha) / sq));
        }

        return r;
    }

    /// <summary>
    /// L2-regularised squared-hinge SVM for "label vs the rest" by dual coordinate descent (Hsieh et al. 2008, LIBLINEAR
    /// solver 1), bias as an extra constant feature. Returns the bias.
    /// </summary>
    private static double TrainBinarySvm(CompactRows data, float[] values, int[] y, int label, double c, double[] w, int maxEpochs, int seed, bool balanced)
    {
        var n = data.Count;
        var indices = data.Indices;
        var start = data.Start;
        var alpha = new double[n];
        var sign = new int[n];
        var qd = new double[n];
        var diag = new double[n];
        var positives = y.Count(l => l == label);
        var cPositive = balanced ? c * n / (2.0 * Math.Max(1, positives)) : c;
        var cNegative = balanced ? c * n / (2.0 * Math.Max(1, n - positives)) : c;
        var bias = 0.0;
        for (var t = 0; t < n; t++)
        {
            sign[t] = y[t] == label ? 1 : -1;
            diag[t] = 1 / (2 * (sign[t] > 0 ? cPositive : cNegative));
            var sq = 1.0; // the bias feature
            for (var i = start[t]; i < start[t + 1]; i++)
            {
                sq += values[i] * values[i];
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
                var dot = bias;
                var end = start[t + 1];
                for (var i = start[t]; i < end; i++)
                {
                    dot += w[indices[i]] * values[i];
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
                for (var i = start[t]; i < end; i++)
                {
                    w[indices[i]] += d * values[i];
                }
            }

            if (maxPg - minPg < 0.01)
            {
                break;
            }
        }

        return bias;
    }

    internal static double[] Score(float[] weights, float[] bias, SparseVector x)
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
