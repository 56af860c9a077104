using System.Diagnostics;
using System.Globalization;
using System.Text;
using Jiexin.Modules.Attribution.ClassifierCommands;
using Jiexin.Modules.Attribution.Evaluation;
using Jiexin.Modules.Attribution.Model;

namespace Jiexin.Benchmarks.Attribution;

/// <summary>
/// Selection by cross-validation on the TRAINING part only: out-of-fold scores of each member (5 folds, identical texts
/// in one fold) are cached in /tmp, combiners are chosen on them, and the held-out part is only scored at the end.
/// <c>dotnet run -c Release --project benchmarks/Jiexin.Benchmarks -- classifier-explore [DATA.csv]</c>
/// </summary>
public static class ClassifierExploration
{
    public static void Run(string[] args)
    {
        var data = args.FirstOrDefault(a => a.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) ?? "../shared/data/messages-labelled.csv";
        List<LabelledCsv.Row> rows;
        using (var reader = new StreamReader(data, Encoding.UTF8))
        {
            rows = LabelledCsv.Read(reader);
        }

        // split:N — hold out hash bucket N instead of 0 (0042's five splits; members' caches are kept per split).
        var residue = args.Where(a => a.StartsWith("split:", StringComparison.Ordinal)).Select(a => int.Parse(a[6..], CultureInfo.InvariantCulture)).DefaultIfEmpty(0).First();
        var (train, test) = HeldOutSplit.Split(rows, 5, residue);
        var cacheDirectory = residue == 0 ? "/tmp/jx-explore" : $"/tmp/jx-explore/split{residue}";
        Console.WriteLine($"split {residue}: train {train.Count}, held out {test.Count}");
        var settings = ClassifierTrainer.Recommended;
        var labels = train.Select(r => r.Label).Distinct().Order(StringComparer.Ordinal).ToArray();
        var k = labels.Length;
        var yTrain = train.Select(r => Array.IndexOf(labels, r.Label)).ToArray();
        var yTest = test.Select(r => Array.IndexOf(labels, r.Label)).ToArray();
        const int folds = 5;
        var fold = ClassifierTrainer.Folds([.. train.Select(r => r.Text)], folds);

        // Feature views: the shipped char n-grams, and the same plus the word view (vocabulary from jieba over the
        // TRAINING part only — unsupervised, like the idf; the held-out texts never enter it).
        var viewSettings = new Dictionary<string, TrainerSettings>(StringComparer.Ordinal)
        {
            ["char"] = settings,
            ["w2"] = settings with { WordMinDocuments = 2 },
            ["w2p"] = settings with { WordMinDocuments = 2, WordBigrams = true },
            ["w3p"] = settings with { WordMinDocuments = 3, WordBigrams = true },
            ["wonly2p"] = settings with { Features = new FeatureSettings { HashBits = 20, MaxCharN = 0, TitleMaxN = 0 }, WordMinDocuments = 2, WordBigrams = true },
        };
        foreach (var extra in args.Where(a => a.StartsWith("view:", StringComparison.Ordinal)))
        {
            // view:NAME:MIN_DOCUMENTS:PAIRS(0|1):WORD_BLOCK_WEIGHT (0: words in the one normalised vector)
            var parts = extra.Split(':');
            viewSettings[parts[1]] = settings with
            {
                WordMinDocuments = int.Parse(parts[2], CultureInfo.InvariantCulture),
                WordBigrams = parts[3] == "1",
                WordBlockWeight = double.Parse(parts[4], CultureInfo.InvariantCulture),
            };
        }

        // bm25:NAME:K1:B — the shipped char view with BM25 term saturation (Robertson et al.) instead of sublinear TF:
        // tf·(k1+1)/(tf + k1·(1 − b + b·len/avglen)) × the same idf, L2-normalised as before (len = n-grams in the text).
        var bm25 = new Dictionary<string, (double K1, double B)>(StringComparer.Ordinal);
        foreach (var extra in args.Where(a => a.StartsWith("bm25:", StringComparison.Ordinal)))
        {
            var parts = extra.Split(':');
            viewSettings[parts[1]] = settings;
            bm25[parts[1]] = (double.Parse(parts[2], CultureInfo.InvariantCulture), double.Parse(parts[3], CultureInfo.InvariantCulture));
        }

        var views = new Dictionary<string, (TextFeaturizer Featurizer, SparseVector[] Train, SparseVector[] Test)>(StringComparer.Ordinal);
        (TextFeaturizer Featurizer, SparseVector[] Train, SparseVector[] Test) View(string view)
        {
            if (!views.TryGetValue(view, out var v))
            {
                var clock = Stopwatch.StartNew();
                var features = viewSettings[view].FeaturesFor(train.Select(r => r.Text));
                var featurizer = new TextFeaturizer(features);
                var counts = train.Select(r => Extract(featurizer, r.Text)).ToList();
                var idf = ClassifierTrainer.Idf([.. counts], featurizer.Dimension);
                if (bm25.TryGetValue(view, out var saturation))
                {
                    var averageLength = counts.Average(c => c.Sum(t => t.Item2));
                    v = (featurizer, [.. counts.Select(c => Bm25(c, idf, featurizer, saturation.K1, saturation.B, averageLength))],
                        [.. test.Select(r => Bm25(Extract(featurizer, r.Text), idf, featurizer, saturation.K1, saturation.B, averageLength))]);
                }
                else
                {
                    v = (featurizer, [.. counts.Select(c => TextClassifier.Vectorize(c, idf, featurizer))],
                        [.. test.Select(r => TextClassifier.Vectorize(Extract(featurizer, r.Text), idf, featurizer))]);
                }
                views[view] = v;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"view {view}: {TextFeaturizer.Describe(features)}, {clock.Elapsed.TotalSeconds:F1} s, {v.Train.Average(x => x.Count):F0} features per training text"));
            }

            return v;
        }

        var members = new Dictionary<string, (string View, MemberSettings Member)>
        {
            ["svm4"] = ("char", new(MemberKind.Svm, 4)),
            ["nbsvm1"] = ("char", new(MemberKind.NbSvm, 1)),
        };
        foreach (var extra in args.Where(a => a.StartsWith("member:", StringComparison.Ordinal)))
        {
            // member:NAME:VIEW:KIND:C
            var parts = extra.Split(':');
            members[parts[1]] = (parts[2], new(Enum.Parse<MemberKind>(parts[3]), double.Parse(parts[4], CultureInfo.InvariantCulture)));
        }

        // softmax:NAME:VIEW:EPOCHS:RATE[:SCALE] — a fastText-style member: one multinomial softmax layer over the same vector,
        // trained by plain SGD with a linearly decaying rate and no penalty (early stopping by the epoch count), each
        // text weighted inversely to its label's size; its logits times SCALE (the stacker's L2 is not scale-free: unscaled,
        // this member's scores spread ~3× wider than the SVMs' and are "cheaper" to lean on). A different loss and optimiser than the one-vs-rest SVMs (so
        // perhaps different mistakes); still linear in the vector, so it folds into the one matrix like the others.
        var softmaxMembers = new Dictionary<string, (string View, int Epochs, double Rate, double Scale)>(StringComparer.Ordinal);
        foreach (var extra in args.Where(a => a.StartsWith("softmax:", StringComparison.Ordinal)))
        {
            var parts = extra.Split(':');
            softmaxMembers[parts[1]] = (parts[2], int.Parse(parts[3], CultureInfo.InvariantCulture), double.Parse(parts[4], CultureInfo.InvariantCulture),
                parts.Length > 5 ? double.Parse(parts[5], CultureInfo.InvariantCulture) : 1);
            members[parts[1]] = (parts[2], new(MemberKind.Svm, 0)); // placeholder: fitted by FitSoftmaxMember below
        }

        // bag:NAME:BASE:N[:SHARE] — bagging (Breiman 1996): BASE's learner fitted on N bootstrap samples of each training
        // part (SHARE × the part, drawn with replacement; 1 unless asked), weights and biases averaged — still one linear
        // model, so it folds into the one matrix like the others. Seeded per fold and bag.
        var bags = new Dictionary<string, (int Count, double Share)>(StringComparer.Ordinal);
        foreach (var extra in args.Where(a => a.StartsWith("bag:", StringComparison.Ordinal)))
        {
            var parts = extra.Split(':');
            members[parts[1]] = members[parts[2]];
            bags[parts[1]] = (int.Parse(parts[3], CultureInfo.InvariantCulture), parts.Length > 4 ? double.Parse(parts[4], CultureInfo.InvariantCulture) : 1);
        }

        (float[] Weights, float[] Bias) FitBagged(SparseVector[] x, int[] part, int dimension, MemberSettings member, (int Count, double Share) bag, int salt)
        {
            float[]? sumW = null;
            float[]? sumB = null;
            for (var j = 0; j < bag.Count; j++)
            {
                var random = new Random(settings.Seed + 7919 * salt + j);
                var sample = new int[(int)Math.Round(part.Length * bag.Share)];
                for (var i = 0; i < sample.Length; i++)
                {
                    sample[i] = part[random.Next(part.Length)];
                }

                Array.Sort(sample);
                var (w, b) = ClassifierTrainer.FitMember(x, yTrain, sample, k, dimension, member, settings);
                sumW ??= new float[w.Length];
                sumB ??= new float[b.Length];
                for (var i = 0; i < w.Length; i++)
                {
                    sumW[i] += w[i] / bag.Count;
                }

                for (var i = 0; i < b.Length; i++)
                {
                    sumB[i] += b[i] / bag.Count;
                }
            }

            return (sumW!, sumB!);
        }

        var oof = new Dictionary<string, double[][]>();
        var held = new Dictionary<string, double[][]>();
        Directory.CreateDirectory(cacheDirectory);
        foreach (var (name, (viewName, member)) in members)
        {
            var cache = $"{cacheDirectory}/{name}.bin";
            if (File.Exists(cache))
            {
                (oof[name], held[name]) = ReadCache(cache, train.Count, test.Count, k);
                continue;
            }

            var (featurizer, xTrain, xTest) = View(viewName);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var o = new double[train.Count][];
            for (var f = 0; f < folds; f++)
            {
                var part = Enumerable.Range(0, train.Count).Where(i => fold[i] != f).ToArray();
                var (w, b) = softmaxMembers.TryGetValue(name, out var sm)
                    ? FitSoftmaxMember(xTrain, yTrain, part, k, featurizer.Dimension, sm.Epochs, sm.Rate, sm.Scale, settings.Seed)
                    : bags.TryGetValue(name, out var bag) ? FitBagged(xTrain, part, featurizer.Dimension, member, bag, f + 1)
                    : ClassifierTrainer.FitMember(xTrain, yTrain, part, k, featurizer.Dimension, member, settings);
                for (var i = 0; i < train.Count; i++)
                {
                    if (fold[i] == f)
                    {
                        o[i] = ClassifierTrainer.Score(w, b, xTrain[i]);
                    }
                }
            }

            var (wf, bf) = softmaxMembers.TryGetValue(name, out var smf)
                ? FitSoftmaxMember(xTrain, yTrain, [.. Enumerable.Range(0, train.Count)], k, featurizer.Dimension, smf.Epochs, smf.Rate, smf.Scale, settings.Seed)
                : bags.TryGetValue(name, out var fullBag) ? FitBagged(xTrain, [.. Enumerable.Range(0, train.Count)], featurizer.Dimension, member, fullBag, 0)
                : ClassifierTrainer.FitMember(xTrain, yTrain, [.. Enumerable.Range(0, train.Count)], k, featurizer.Dimension, member, settings);
            var h = xTest.Select(x => ClassifierTrainer.Score(wf, bf, x)).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} ({viewName}): {folds + 1} fits in {clock.Elapsed.TotalSeconds:F1} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s CPU"));
            WriteCache(cache, o, h);
            oof[name] = o;
            held[name] = h;
        }

        foreach (var name in members.Keys)
        {
            Report(name, oof[name], yTrain, held[name], yTest, k);
        }

        // mlp:NAME:HIDDEN[:VOCABULARY[:DROPOUT[:RATE]]] — a non-linear member (HiddenLayerNetwork): the "char" vector → one
        // hidden ReLU layer → softmax; out-of-fold logits from the same folds, held-out logits from a fit on all training
        // rows. NAME + "s" is the same logits scaled to svm4's out-of-fold spread (the stacker's L2 is not scale-free).
        // mlp-threads:N fits that many folds at once (each fit is single-threaded and seeded, so results do not depend on N).
        var mlpThreads = args.Where(a => a.StartsWith("mlp-threads:", StringComparison.Ordinal)).Select(a => int.Parse(a[12..], CultureInfo.InvariantCulture)).DefaultIfEmpty(1).First();
        foreach (var spec in args.Where(a => a.StartsWith("mlp:", StringComparison.Ordinal)))
        {
            var parts = spec.Split(':');
            var name = parts[1];
            var mlpSettings = new HiddenLayerNetwork.Settings
            {
                Hidden = int.Parse(parts[2], CultureInfo.InvariantCulture),
                Vocabulary = parts.Length > 3 ? int.Parse(parts[3], CultureInfo.InvariantCulture) : 32768,
                Dropout = parts.Length > 4 ? double.Parse(parts[4], CultureInfo.InvariantCulture) : 0.5,
                Rate = parts.Length > 5 ? double.Parse(parts[5], CultureInfo.InvariantCulture) : 1e-3,
                Seed = settings.Seed,
            };
            var cache = $"{cacheDirectory}/{name}.bin";
            if (File.Exists(cache))
            {
                (oof[name], held[name]) = ReadCache(cache, train.Count, test.Count, k);
            }
            else
            {
                var (featurizer, xTrain, xTest) = View("char");
                var texts = train.Select(r => r.Text).ToArray();
                var clock = Stopwatch.StartNew();
                var fits = new (HiddenLayerNetwork Network, string Log, double CpuSeconds, double WallSeconds)[folds + 1];
                Parallel.For(0, folds + 1, new ParallelOptions { MaxDegreeOfParallelism = mlpThreads }, f =>
                {
                    var part = Enumerable.Range(0, train.Count).Where(i => f == folds || fold[i] != f).ToArray();
                    var cpu = ClassifierCommands.ThreadCpuTime();
                    var wall = Stopwatch.StartNew();
                    var (network, log) = HiddenLayerNetwork.Fit(xTrain, yTrain, texts, part, k, featurizer.Dimension, mlpSettings, mlpSettings.Seed + f);
                    fits[f] = (network, log, (ClassifierCommands.ThreadCpuTime() - cpu)?.TotalSeconds ?? double.NaN, wall.Elapsed.TotalSeconds);
                });
                var o = new double[train.Count][];
                var scratch = new float[mlpSettings.Hidden];
                for (var i = 0; i < train.Count; i++)
                {
                    o[i] = fits[fold[i]].Network.Logits(xTrain[i], scratch);
                }

                var full = fits[folds].Network;
                var h = xTest.Select(x => full.Logits(x, scratch)).ToArray();
                for (var f = 0; f <= folds; f++)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{name} {(f == folds ? "all training rows" : $"fold {f}")}: {fits[f].CpuSeconds:F1} s CPU, {fits[f].WallSeconds:F1} s wall; {fits[f].Log}"));
                }

                // Serving cost of the forward pass alone on one thread (the vector is the linear model's own work, timed
                // next to it), and what the weights would take in a model file.
                foreach (var x in xTest.Take(300))
                {
                    full.Logits(x, scratch);
                }

                var forwardCpu = ClassifierCommands.ThreadCpuTime();
                var forwardClock = Stopwatch.StartNew();
                foreach (var x in xTest)
                {
                    full.Logits(x, scratch);
                }

                var forwardSeconds = (ClassifierCommands.ThreadCpuTime() - forwardCpu)?.TotalSeconds ?? forwardClock.Elapsed.TotalSeconds;
                var vectorSeconds = VectorisingSeconds(featurizer, train, test);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: {folds + 1} fits in {clock.Elapsed.TotalSeconds:F1} s wall; forward pass {forwardSeconds * 1e6 / xTest.Length:F1} µs per held-out text on one thread's CPU, vectorising {vectorSeconds * 1e6 / test.Count:F1} µs, together {test.Count / (forwardSeconds + vectorSeconds):F0} texts/s; weights {full.ModelBytes / 1e6:F1} MB as float32 ({full.InputRows} input rows × {full.Hidden} hidden)"));
                WriteCache(cache, o, h);
                oof[name] = o;
                held[name] = h;
            }

            Report(name, oof[name], yTrain, held[name], yTest, k, logits: true);
            if (oof.ContainsKey("svm4") && oof.ContainsKey("nbsvm1"))
            {
                // Does it get right what the linear members get wrong? Out-of-fold rows by who is right: the linear sum
                // (svm4 + nbsvm1), the mlp; and the Pearson correlation of their per-row margins (top − second).
                var linear = Sum([oof["svm4"], oof["nbsvm1"]]);
                int both = 0, linearOnly = 0, mlpOnly = 0, neither = 0;
                for (var i = 0; i < train.Count; i++)
                {
                    var linearRight = ArgMax(linear[i]) == yTrain[i];
                    var mlpRight = ArgMax(oof[name][i]) == yTrain[i];
                    _ = linearRight ? mlpRight ? both++ : linearOnly++ : mlpRight ? mlpOnly++ : neither++;
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name} against svm4+nbsvm1, out-of-fold rows: both right {both}, linear only {linearOnly}, {name} only {mlpOnly}, neither {neither}"));
            }

            var mlpScale = Std(oof["svm4"]) / Math.Max(Std(oof[name]), 1e-12);
            oof[name + "s"] = [.. oof[name].Select(z => z.Select(x => x * mlpScale).ToArray())];
            held[name + "s"] = [.. held[name].Select(z => z.Select(x => x * mlpScale).ToArray())];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}s = {name} × {mlpScale:F3} (out-of-fold logit std {Std(oof[name]):F3} → svm4's {Std(oof["svm4"]):F3})"));
        }

        // knn (exact retrieval) and/or knn-df:CAP (retrieval through features in at most CAP training rows): kNN members
        // over the "char" view, named knn{K}p{P}[df{CAP}] (per label Σ sim^P over the K nearest) and knnmax[df{CAP}]
        // (per label the highest similarity), for combo:… like any member.
        var caps = args.Where(a => a.StartsWith("knn-df:", StringComparison.Ordinal)).Select(a => int.Parse(a[7..], CultureInfo.InvariantCulture)).ToList();
        if (args.Contains("knn"))
        {
            caps.Insert(0, 0);
        }

        // knn-rerank:N — with a cap, how many partial-score leaders are rescored exactly (64 unless asked).
        var rerank = args.Where(a => a.StartsWith("knn-rerank:", StringComparison.Ordinal)).Select(a => int.Parse(a[11..], CultureInfo.InvariantCulture)).DefaultIfEmpty(64).First();
        if (caps.Count > 0)
        {
            var (charFeaturizer, xTrain, xTest) = View("char");
            var index = new NeighbourIndex(xTrain, yTrain, k, charFeaturizer.Dimension);

            // For scale: what the linear model's own work per text costs on one thread (n-grams → TF-IDF vector; its
            // 7 dot products are a few hundred multiply-adds more), the budget a kNN lookup adds to.
            var charIdf = ClassifierTrainer.Idf([.. train.Select(r => Extract(charFeaturizer, r.Text))], charFeaturizer.Dimension);
            for (var pass = 0; pass < 2; pass++)
            {
                var vectorCpu = ClassifierCommands.ThreadCpuTime();
                var vectorClock = Stopwatch.StartNew();
                foreach (var r in test)
                {
                    TextClassifier.Vectorize(Extract(charFeaturizer, r.Text), charIdf, charFeaturizer);
                }

                var vectorSeconds = (ClassifierCommands.ThreadCpuTime() - vectorCpu)?.TotalSeconds ?? vectorClock.Elapsed.TotalSeconds;
                if (pass == 1)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"vectorising a held-out text (the linear model's own work): {test.Count / vectorSeconds:F0} per s of one thread's CPU ({vectorSeconds * 1e6 / test.Count:F0} µs each; mean {test.Average(r => r.Text.Length):F0} characters)"));
                }
            }
            foreach (var cap in caps)
            {
                var suffix = cap == 0 ? "" : $"df{cap}";
                var names = KnnMembers(suffix).ToList();
                var clock = Stopwatch.StartNew();
                var oofNeighbours = new (int[] Rows, double[] Similarities, double[] MaxPerLabel)[train.Count];
                Parallel.For(0, train.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                    () => new NeighbourIndex.Scratch(train.Count),
                    (i, _, scratch) =>
                    {
                        var f = fold[i];
                        oofNeighbours[i] = index.Query(xTrain[i], scratch, cap, rerank, row => fold[row] == f);
                        return scratch;
                    },
                    _ => { });
                var oofSeconds = clock.Elapsed.TotalSeconds;

                // Held-out queries on one thread, timed by the thread's CPU time (the lookup only: the vector is the
                // linear model's own, already computed). Once to warm up, once timed.
                var heldScratch = new NeighbourIndex.Scratch(train.Count);
                foreach (var x in xTest.Take(300))
                {
                    index.Query(x, heldScratch, cap, rerank);
                }

                var cpu = ClassifierCommands.ThreadCpuTime();
                clock.Restart();
                var heldNeighbours = xTest.Select(x => index.Query(x, heldScratch, cap, rerank)).ToArray();
                var seconds = (ClassifierCommands.ThreadCpuTime() - cpu)?.TotalSeconds ?? clock.Elapsed.TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"knn retrieval {(cap == 0 ? "exact" : $"df ≤ {cap}, {rerank} rescored")}: out-of-fold {oofSeconds:F1} s wall; held-out lookups {xTest.Length / seconds:F0} per s of one thread's CPU ({seconds * 1e6 / xTest.Length:F0} µs each), mean top-1 similarity {heldNeighbours.Average(h => h.Similarities.Length > 0 ? h.Similarities[0] : 0):F3}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  postings read per held-out lookup: {xTest.Average(x => x.Indices.Sum(j => index.DocumentFrequency(j) is var df && (cap == 0 || df <= cap) ? df : 0)):F0} (of {xTest.Average(x => x.Indices.Sum(index.DocumentFrequency)):F0} without a cap)"));
                if (cap == 0 && oof.ContainsKey("svm4") && oof.ContainsKey("nbsvm1"))
                {
                    // Where are the near-duplicates, and does the linear sum already get them right? Out-of-fold, by
                    // the nearest row's similarity: rows, 1-NN accuracy, svm4+nbsvm1 (summed) accuracy.
                    var linear = Sum([oof["svm4"], oof["nbsvm1"]]);
                    foreach (var (lo, hi) in new[] { (0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01) })
                    {
                        var bin = Enumerable.Range(0, train.Count).Where(i => oofNeighbours[i].Similarities is [var top, ..] && top >= lo && top < hi).ToArray();
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  nearest similarity [{lo:F1}, {hi:F1}): {bin.Length} rows, 1-NN acc {(bin.Length == 0 ? 0 : bin.Average(i => index.LabelOf(oofNeighbours[i].Rows[0]) == yTrain[i] ? 1.0 : 0)):F3}, linear acc {(bin.Length == 0 ? 0 : bin.Average(i => ArgMax(linear[i]) == yTrain[i] ? 1.0 : 0)):F3}"));
                    }
                }

                var reference = oof.TryGetValue("svm4", out var svm) ? Std(svm) : 1;
                foreach (var (name, neighbours, p) in names)
                {
                    oof[name] = [.. oofNeighbours.Select(n => KnnScores(n, index, k, neighbours, p))];
                    held[name] = [.. heldNeighbours.Select(n => KnnScores(n, index, k, neighbours, p))];
                    Report(name, oof[name], yTrain, held[name], yTest, k);

                    // The stacker's L2 is not scale-free (Σ sim⁴ is ~10⁻³): NAME + "s" is the same scores scaled to the
                    // spread of svm4's out-of-fold scores (one factor from the training part).
                    var scale = reference / Math.Max(Std(oof[name]), 1e-12);
                    oof[name + "s"] = [.. oof[name].Select(v => v.Select(x => x * scale).ToArray())];
                    held[name + "s"] = [.. held[name].Select(v => v.Select(x => x * scale).ToArray())];
                }
            }
        }

        var combos = args.Where(a => a.StartsWith("combo:", StringComparison.Ordinal)).Select(a => a[6..].Split('+')).ToList();
        if (combos.Count == 0)
        {
            combos = [["svm4", "nbsvm1"]];
        }

        foreach (var combo in combos)
        {
            var name = string.Join("+", combo);
            var sumOof = Sum(combo.Select(c => oof[c]).ToArray());
            var sumHeld = Sum(combo.Select(c => held[c]).ToArray());
            Report($"sum {name}", sumOof, yTrain, sumHeld, yTest, k);

            var stackOof = Concat(combo.Select(c => oof[c]).ToArray());
            var stackHeld = Concat(combo.Select(c => held[c]).ToArray());
            if (args.Contains("meta"))
            {
                stackOof = Meta(stackOof, train.Select(r => r.Text).ToArray());
                stackHeld = Meta(stackHeld, test.Select(r => r.Text).ToArray());
                name += "+meta";
            }
            // The shipped stacker's L2 (10⁻³, chosen in 0021) unless others are asked for: l2:1e-4
            var l2s = args.Where(a => a.StartsWith("l2:", StringComparison.Ordinal)).Select(a => double.Parse(a[3..], CultureInfo.InvariantCulture)).DefaultIfEmpty(1e-3);
            foreach (var l2 in l2s)
            {
                // Stacker's own out-of-fold predictions on train (same folds), for honest selection.
                var stackedOof = new double[train.Count][];
                for (var f = 0; f < folds; f++)
                {
                    var part = Enumerable.Range(0, train.Count).Where(i => fold[i] != f).ToArray();
                    var (sw, sb) = FitSoftmax([.. part.Select(i => stackOof[i])], [.. part.Select(i => yTrain[i])], k, l2);
                    for (var i = 0; i < train.Count; i++)
                    {
                        if (fold[i] == f)
                        {
                            stackedOof[i] = Apply(sw, sb, stackOof[i], k);
                        }
                    }
                }

                var (w, b) = FitSoftmax(stackOof, yTrain, k, l2);
                var stackedHeld = stackHeld.Select(z => Apply(w, b, z, k)).ToArray();
                Report(string.Create(CultureInfo.InvariantCulture, $"stack {name} l2={l2}"), stackedOof, yTrain, stackedHeld, yTest, k, logits: true);

                // mlpstack:HIDDEN:STEPS:L2 — the linear stacker plus a small tanh layer beside it (NonLinearStacker), judged
                // the same way: its own out-of-fold predictions on the training part, then fitted on all of it for the held-out part.
                foreach (var spec in args.Where(a => a.StartsWith("mlpstack:", StringComparison.Ordinal)))
                {
                    var parts = spec.Split(':');
                    var (hidden, steps, mlpL2) = (int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture), double.Parse(parts[3], CultureInfo.InvariantCulture));
                    var mlpOof = new double[train.Count][];
                    for (var f = 0; f < folds; f++)
                    {
                        var part = Enumerable.Range(0, train.Count).Where(i => fold[i] != f).ToArray();
                        var net = NonLinearStacker.Fit([.. part.Select(i => stackOof[i])], [.. part.Select(i => yTrain[i])], k, hidden, steps, mlpL2, 17 + f);
                        for (var i = 0; i < train.Count; i++)
                        {
                            if (fold[i] == f)
                            {
                                mlpOof[i] = net.Logits(stackOof[i]);
                            }
                        }
                    }

                    var all = NonLinearStacker.Fit(stackOof, yTrain, k, hidden, steps, mlpL2, 99);
                    Report(string.Create(CultureInfo.InvariantCulture, $"mlpstack {name} h={hidden} steps={steps} l2={mlpL2}"), mlpOof, yTrain,
                        [.. stackHeld.Select(all.Logits)], yTest, k, logits: true);
                }
                if (!args.Contains("offsets"))
                {
                    continue;
                }

                // Offsets judged honestly: fitted on four folds' stacked scores, applied to the fifth.
                var nested = new double[train.Count][];
                for (var f = 0; f < folds; f++)
                {
                    var part = Enumerable.Range(0, train.Count).Where(i => fold[i] != f).ToArray();
                    var off = FitOffsets([.. part.Select(i => stackedOof[i])], [.. part.Select(i => yTrain[i])], k);
                    for (var i = 0; i < train.Count; i++)
                    {
                        if (fold[i] == f)
                        {
                            nested[i] = stackedOof[i].Select((v, l) => v + off[l]).ToArray();
                        }
                    }
                }

                var nestedMetrics = Metrics(nested, yTrain, k);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stack {name} l2={l2} + offsets, nested cv: acc {nestedMetrics.Accuracy:F4} F1 {nestedMetrics.MacroF1:F4}"));
                var so = FitOffsets(stackedOof, yTrain, k);
                Report(string.Create(CultureInfo.InvariantCulture, $"stack {name} l2={l2} + offsets"), Shift(stackedOof, so), yTrain, Shift(stackedHeld, so), yTest, k, logits: true);
            }
        }

        // prune:RULE,… — learning with noisy labels (confident learning, Northcutt et al. 2021): rows whose label the
        // shipped stack's out-of-fold probabilities contradict are dropped from the TRAINING part only, and svm4 + nbsvm1
        // are refitted and restacked without them. Rules: "cl" (the confident joint's off-diagonal: some other label j has
        // p_j ≥ t_j, the mean p_j over rows labelled j, and is the likeliest such label) or a number T (p of the row's own
        // label < T). CV scores every training row, dropped ones included, by models that never saw its fold; the
        // decision which rows to drop used out-of-fold scores of all five folds (a second-order look at the validation
        // labels, so CV is slightly optimistic); the held-out part never enters any decision.
        foreach (var rule in args.Where(a => a.StartsWith("prune:", StringComparison.Ordinal)).SelectMany(a => a[6..].Split(',')))
        {
            var baseOof = Concat([oof["svm4"], oof["nbsvm1"]]);
            var stackedOof = new double[train.Count][];
            for (var f = 0; f < folds; f++)
            {
                var part = Enumerable.Range(0, train.Count).Where(i => fold[i] != f).ToArray();
                var (sw, sb) = FitSoftmax([.. part.Select(i => baseOof[i])], [.. part.Select(i => yTrain[i])], k, 1e-3);
                for (var i = 0; i < train.Count; i++)
                {
                    if (fold[i] == f)
                    {
                        stackedOof[i] = TextClassifier.Softmax(Apply(sw, sb, baseOof[i], k), 1);
                    }
                }
            }

            var dropped = new bool[train.Count];
            if (rule == "cl")
            {
                var thresholds = Enumerable.Range(0, k).Select(j => Enumerable.Range(0, train.Count).Where(i => yTrain[i] == j).Average(i => stackedOof[i][j])).ToArray();
                for (var i = 0; i < train.Count; i++)
                {
                    var likeliest = -1;
                    for (var j = 0; j < k; j++)
                    {
                        if (stackedOof[i][j] >= thresholds[j] && (likeliest < 0 || stackedOof[i][j] > stackedOof[i][likeliest]))
                        {
                            likeliest = j;
                        }
                    }

                    dropped[i] = likeliest >= 0 && likeliest != yTrain[i];
                }
            }
            else
            {
                var below = double.Parse(rule, CultureInfo.InvariantCulture);
                for (var i = 0; i < train.Count; i++)
                {
                    dropped[i] = stackedOof[i][yTrain[i]] < below;
                }
            }

            var perLabel = string.Join(", ", Enumerable.Range(0, k).Select(j => $"{labels[j]} {Enumerable.Range(0, train.Count).Count(i => dropped[i] && yTrain[i] == j)}"));
            Console.WriteLine($"prune {rule}: {dropped.Count(d => d)} of {train.Count} training rows dropped ({perLabel})");
            var (_, xTrain, xTest) = View("char");
            var dimension = View("char").Featurizer.Dimension;
            var prunedOof = new List<double[][]>();
            var prunedHeld = new List<double[][]>();
            var clock = Stopwatch.StartNew();
            foreach (var memberName in new[] { "svm4", "nbsvm1" })
            {
                var member = members[memberName].Member;
                var o = new double[train.Count][];
                for (var f = 0; f < folds; f++)
                {
                    var part = Enumerable.Range(0, train.Count).Where(i => fold[i] != f && !dropped[i]).ToArray();
                    var (w, b) = ClassifierTrainer.FitMember(xTrain, yTrain, part, k, dimension, member, settings);
                    for (var i = 0; i < train.Count; i++)
                    {
                        if (fold[i] == f)
                        {
                            o[i] = ClassifierTrainer.Score(w, b, xTrain[i]);
                        }
                    }
                }

                var (wf, bf) = ClassifierTrainer.FitMember(xTrain, yTrain, [.. Enumerable.Range(0, train.Count).Where(i => !dropped[i])], k, dimension, member, settings);
                prunedOof.Add(o);
                prunedHeld.Add([.. xTest.Select(x => ClassifierTrainer.Score(wf, bf, x))]);
                Report($"{memberName} pruned {rule}", o, yTrain, prunedHeld[^1], yTest, k);
            }

            var zOof = Concat([.. prunedOof]);
            var zHeld = Concat([.. prunedHeld]);
            var restacked = new double[train.Count][];
            for (var f = 0; f < folds; f++)
            {
                var part = Enumerable.Range(0, train.Count).Where(i => fold[i] != f && !dropped[i]).ToArray();
                var (sw, sb) = FitSoftmax([.. part.Select(i => zOof[i])], [.. part.Select(i => yTrain[i])], k, 1e-3);
                for (var i = 0; i < train.Count; i++)
                {
                    if (fold[i] == f)
                    {
                        restacked[i] = Apply(sw, sb, zOof[i], k);
                    }
                }
            }

            var keptRows = Enumerable.Range(0, train.Count).Where(i => !dropped[i]).ToArray();
            var (fw, fb) = FitSoftmax([.. keptRows.Select(i => zOof[i])], [.. keptRows.Select(i => yTrain[i])], k, 1e-3);
            Report($"stack svm4+nbsvm1 pruned {rule}", restacked, yTrain, [.. zHeld.Select(z => Apply(fw, fb, z, k))], yTest, k, logits: true);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"prune {rule}: 12 fits in {clock.Elapsed.TotalSeconds:F0} s"));
        }
    }

    /// <summary>Seconds of one thread's CPU to turn every held-out text into its vector (the second of two passes).</summary>
    private static double VectorisingSeconds(TextFeaturizer featurizer, List<LabelledCsv.Row> train, List<LabelledCsv.Row> test)
    {
        var idf = ClassifierTrainer.Idf([.. train.Select(r => Extract(featurizer, r.Text))], featurizer.Dimension);
        var seconds = 0.0;
        for (var pass = 0; pass < 2; pass++)
        {
            var cpu = ClassifierCommands.ThreadCpuTime();
            var clock = Stopwatch.StartNew();
            foreach (var r in test)
            {
                TextClassifier.Vectorize(Extract(featurizer, r.Text), idf, featurizer);
            }

            seconds = (ClassifierCommands.ThreadCpuTime() - cpu)?.TotalSeconds ?? clock.Elapsed.TotalSeconds;
        }

        return seconds;
    }

    /// <summary>The kNN score variants: (name, K, P); K = 0 is the per-label maximum similarity.</summary>
    private static IEnumerable<(string Name, int Neighbours, double Power)> KnnMembers(string suffix)
    {
        foreach (var neighbours in new[] { 5, 10, 20 })
        {
            foreach (var power in new[] { 1, 4 })
            {
                yield return ($"knn{neighbours}p{power}{suffix}", neighbours, power);
            }
        }

        yield return ($"knnmax{suffix}", 0, 1);
    }

    /// <summary>Per label: Σ sim^P over the K nearest rows of that label, or (K = 0) the highest similarity.</summary>
    private static double[] KnnScores((int[] Rows, double[] Similarities, double[] MaxPerLabel) found, NeighbourIndex index, int k, int neighbours, double power)
    {
        if (neighbours == 0)
        {
            return [.. found.MaxPerLabel];
        }

        var s = new double[k];
        for (var n = 0; n < Math.Min(neighbours, found.Rows.Length); n++)
        {
            s[index.LabelOf(found.Rows[n])] += Math.Pow(found.Similarities[n], power);
        }

        return s;
    }

    /// <summary>Scores again for title-only texts (their own stacker weights), a title-only flag and the log length.</summary>
    private static double[][] Meta(double[][] z, string[] texts) =>
        [.. z.Select((v, i) =>
        {
            var titleOnly = TextFeaturizer.TitleEnd(texts[i]) == 0 ? 1.0 : 0.0;
            return v.Concat(v.Select(s => s * titleOnly)).Concat([titleOnly, Math.Log(1 + texts[i].Length) / 5]).ToArray();
        })];

    /// <summary>BM25 saturation × idf, L2-normalised per block as <see cref="TextClassifier.Vectorize(List{ValueTuple{int, int}}, float[], TextFeaturizer)"/> does.</summary>
    private static SparseVector Bm25(List<(int Bucket, int Count)> counts, float[] idf, TextFeaturizer featurizer, double k1, double b, double averageLength)
    {
        var length = counts.Sum(c => c.Count);
        var norm = k1 * (1 - b + b * length / averageLength);
        var indices = new int[counts.Count];
        var values = new float[counts.Count];
        var titleStart = featurizer.TitleBlockStart;
        double bodyNorm = 0, titleNorm = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            var (bucket, count) = counts[i];
            var v = (float)(count * (k1 + 1) / (count + norm) * idf[bucket]);
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

    /// <summary>
    /// fastText-style softmax layer: SGD over the rows in a seeded shuffled order each epoch, rate decaying linearly to 0,
    /// no penalty; each text's gradient weighted by n / (K · size of its label). Weights [bucket * K + label], logits out.
    /// </summary>
    private static (float[] Weights, float[] Bias) FitSoftmaxMember(SparseVector[] x, int[] y, int[] rows, int k, int dimension, int epochs, double rate, double scale, int seed)
    {
        var w = new double[dimension * k];
        var b = new double[k];
        var sizes = new int[k];
        foreach (var i in rows)
        {
            sizes[y[i]]++;
        }

        var weight = sizes.Select(c => c == 0 ? 0 : (double)rows.Length / (k * c)).ToArray();
        var order = rows.ToArray();
        var rng = new Random(seed);
        var s = new double[k];
        var steps = (double)epochs * order.Length;
        var step = 0;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            rng.Shuffle(order);
            foreach (var i in order)
            {
                var lr = rate * (1 - step++ / steps);
                var v = x[i];
                for (var l = 0; l < k; l++)
                {
                    s[l] = b[l];
                }

                for (var t = 0; t < v.Count; t++)
                {
                    var row = v.Indices[t] * k;
                    for (var l = 0; l < k; l++)
                    {
                        s[l] += v.Values[t] * w[row + l];
                    }
                }

                var p = TextClassifier.Softmax(s, 1);
                p[y[i]] -= 1;
                var g = lr * weight[y[i]];
                for (var l = 0; l < k; l++)
                {
                    b[l] -= g * p[l];
                }

                for (var t = 0; t < v.Count; t++)
                {
                    var row = v.Indices[t] * k;
                    var value = g * v.Values[t];
                    for (var l = 0; l < k; l++)
                    {
                        w[row + l] -= value * p[l];
                    }
                }
            }
        }

        return ([.. w.Select(d => (float)(d * scale))], [.. b.Select(d => (float)(d * scale))]);
    }

    private static List<(int, int)> Extract(TextFeaturizer featurizer, string text)
    {
        var c = new List<(int, int)>();
        featurizer.Extract(text, c);
        return c;
    }

    private static void Report(string name, double[][] oof, int[] yTrain, double[][] held, int[] yTest, int k, bool logits = false)
    {
        var o = Metrics(oof, yTrain, k);
        var h = Metrics(held, yTest, k);
        var ll = logits ? string.Create(CultureInfo.InvariantCulture, $" log-loss cv {LogLoss(oof, yTrain):F3} held {LogLoss(held, yTest):F3}") : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-40} cv acc {o.Accuracy:F4} F1 {o.MacroF1:F4} | held acc {h.Accuracy:F4} F1 {h.MacroF1:F4}{ll}"));
    }

    private static double LogLoss(double[][] logits, int[] y)
    {
        var total = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            total -= Math.Log(Math.Max(TextClassifier.Softmax(logits[i], 1)[y[i]], 1e-12));
        }

        return total / y.Length;
    }

    internal static (double Accuracy, double MacroF1) Metrics(double[][] scores, int[] y, int k)
    {
        var tp = new int[k];
        var fp = new int[k];
        var fn = new int[k];
        var correct = 0;
        for (var i = 0; i < y.Length; i++)
        {
            var p = ArgMax(scores[i]);
            if (p == y[i])
            {
                tp[p]++;
                correct++;
            }
            else
            {
                fp[p]++;
                fn[y[i]]++;
            }
        }

        var f1 = 0.0;
        for (var l = 0; l < k; l++)
        {
            f1 += tp[l] == 0 ? 0 : 2.0 * tp[l] / (2.0 * tp[l] + fp[l] + fn[l]);
        }

        return ((double)correct / y.Length, f1 / k);
    }

    private static int ArgMax(double[] s)
    {
        var best = 0;
        for (var l = 1; l < s.Length; l++)
        {
            if (s[l] > s[best])
            {
                best = l;
            }
        }

        return best;
    }

    private static double Std(double[][] scores)
    {
        var all = scores.SelectMany(v => v).ToArray();
        var mean = all.Average();
        return Math.Sqrt(all.Sum(x => (x - mean) * (x - mean)) / all.Length);
    }

    private static double[][] Sum(double[][][] parts) =>
        [.. Enumerable.Range(0, parts[0].Length).Select(i => Enumerable.Range(0, parts[0][i].Length).Select(l => parts.Sum(p => p[i][l])).ToArray())];

    private static double[][] Concat(double[][][] parts) =>
        [.. Enumerable.Range(0, parts[0].Length).Select(i => parts.SelectMany(p => p[i]).ToArray())];

    private static double[][] Shift(double[][] s, double[] offsets) =>
        [.. s.Select(v => v.Select((x, l) => x + offsets[l]).ToArray())];

    /// <summary>Per-label offsets maximising macro-F1 (coordinate search over a grid, a few rounds).</summary>
    internal static double[] FitOffsets(double[][] scores, int[] y, int k)
    {
        var offsets = new double[k];
        var spread = scores.SelectMany(s => s).Select(Math.Abs).Average();
        var best = Metrics(scores, y, k).MacroF1;
        for (var round = 0; round < 3; round++)
        {
            for (var l = 0; l < k; l++)
            {
                var keep = offsets[l];
                var bestValue = keep;
                for (var step = -20; step <= 20; step++)
                {
                    offsets[l] = step * spread * 0.01;
                    var f = Metrics(Shift(scores, offsets), y, k).MacroF1;
                    if (f > best + 1e-9)
                    {
                        best = f;
                        bestValue = offsets[l];
                    }
                }

                offsets[l] = bestValue;
            }
        }

        return offsets;
    }

    private static (double[] W, double[] B) FitSoftmax(double[][] z, int[] y, int k, double l2) => ClassifierTrainer.FitSoftmax(z, y, k, l2);

    internal static double[] Apply(double[] w, double[] b, double[] z, int k)
    {
        var d = z.Length;
        var s = new double[k];
        for (var l = 0; l < k; l++)
        {
            var v = b[l];
            for (var j = 0; j < d; j++)
            {
                v += w[l * d + j] * z[j];
            }

            s[l] = v;
        }

        return s;
    }

    private static void WriteCache(string path, double[][] oof, double[][] held)
    {
        using var w = new BinaryWriter(File.Create(path));
        foreach (var v in oof.Concat(held))
        {
            foreach (var x in v)
            {
                w.Write(x);
            }
        }
    }

    private static (double[][], double[][]) ReadCache(string path, int nTrain, int nTest, int k)
    {
        using var r = new BinaryReader(File.OpenRead(path));
        double[] Next() => [.. Enumerable.Range(0, k).Select(_ => r.ReadDouble())];
        return ([.. Enumerable.Range(0, nTrain).Select(_ => Next())], [.. Enumerable.Range(0, nTest).Select(_ => Next())]);
    }
}
