using Jiexin.Modules.Attribution.Model;

namespace Jiexin.UnitTests.Modules.Attribution.Model;

/// <summary>The stacked recipe: members' out-of-fold scores → softmax regression → folded into the one weight matrix.</summary>
public sealed class StackingTests
{
    [Fact]
    public void StackedModel_ScoresExactlyLikeTheStackerOnTheMembers_ThoughServedAsOneMatrix()
    {
        var rows = SyntheticCorpus.Generate(12, seed: 3);
        var settings = ClassifierTrainer.Recommended with { CalibrationFolds = 3 };
        var model = ClassifierTrainer.Train(rows, settings, "stacked");

        // The same steps by hand, kept apart: members on all rows, stacker on their out-of-fold scores.
        var labels = model.Labels.ToArray();
        var k = labels.Length;
        var featurizer = new TextFeaturizer(settings.Features);
        var counts = rows.Select(r =>
        {
            var c = new List<(int, int)>();
            featurizer.Extract(r.Text, c);
            return c;
        }).ToArray();
        var idf = ClassifierTrainer.Idf(counts, featurizer.Dimension);
        var x = counts.Select(c => TextClassifier.Vectorize(c, idf, featurizer)).ToArray();
        var y = rows.Select(r => Array.IndexOf(labels, r.Label)).ToArray();
        var fold = ClassifierTrainer.Folds([.. rows.Select(r => r.Text)], 3);
        var all = Enumerable.Range(0, rows.Count).ToArray();
        var stackInput = rows.Select(_ => new double[k * settings.Members.Count]).ToArray();
        var full = new List<(float[] W, float[] B)>();
        for (var m = 0; m < settings.Members.Count; m++)
        {
            for (var f = 0; f < 3; f++)
            {
                var (w, b) = ClassifierTrainer.FitMember(x, y, [.. all.Where(i => fold[i] != f)], k, featurizer.Dimension, settings.Members[m], settings);
                foreach (var i in all.Where(i => fold[i] == f))
                {
                    ClassifierTrainer.Score(w, b, x[i]).CopyTo(stackInput[i], m * k);
                }
            }

            full.Add(ClassifierTrainer.FitMember(x, y, all, k, featurizer.Dimension, settings.Members[m], settings));
        }

        var (stacker, stackerBias) = ClassifierTrainer.FitSoftmax(stackInput, y, k, settings.StackL2);

        foreach (var (text, _) in SyntheticCorpus.Generate(2, seed: 41))
        {
            var v = model.Vectorize(text);
            var z = full.SelectMany(member => ClassifierTrainer.Score(member.W, member.B, v)).ToArray();
            var logits = Enumerable.Range(0, k).Select(l => stackerBias[l] + z.Select((value, j) => stacker[l * z.Length + j] * value).Sum()).ToArray();
            var expected = TextClassifier.Softmax(logits, 1);

            var actual = model.Predict(text).Probabilities;
            for (var l = 0; l < k; l++)
            {
                Assert.Equal(expected[l], actual[l], 3);
            }
        }

        Assert.Equal(1, model.Temperature);
        Assert.Contains("stacked", model.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Folds_PutIdenticalTexts_InOneFold_AndUseEveryFold()
    {
        var texts = Enumerable.Range(0, 200).Select(i => $"第{i % 50}号  楼 漏水").ToArray();

        var fold = ClassifierTrainer.Folds(texts, 5);

        Assert.Equal(Enumerable.Range(0, 5), fold.Distinct().Order());
        foreach (var group in texts.Select((t, i) => (key: string.Join(' ', t.Split(' ', StringSplitOptions.RemoveEmptyEntries)), f: fold[i])).GroupBy(g => g.key))
        {
            Assert.Single(group.Select(g => g.f).Distinct());
        }
    }

    [Fact]
    public void FitSoftmax_LearnsWhichInputSpeaksForWhichLabel_AndLowersTheLoss()
    {
        // Three labels; input 0 says label 2, input 1 says label 0, input 2 is noise: the stacker must route them.
        var random = new Random(5);
        var z = new double[300][];
        var y = new int[300];
        for (var i = 0; i < z.Length; i++)
        {
            y[i] = i % 3;
            z[i] = [y[i] == 2 ? 1 + random.NextDouble() : -random.NextDouble(), y[i] == 0 ? 1 + random.NextDouble() : -random.NextDouble(), random.NextDouble()];
        }

        var (w, b) = ClassifierTrainer.FitSoftmax(z, y, 3, 1e-3);

        var correct = z.Select((v, i) => Enumerable.Range(0, 3).MaxBy(l => b[l] + w[l * 3] * v[0] + w[l * 3 + 1] * v[1] + w[l * 3 + 2] * v[2]) == y[i]).Count(ok => ok);
        Assert.Equal(300, correct);
        Assert.True(w[2 * 3 + 0] > 0 && w[0 * 3 + 1] > 0, "input 0 raises label 2, input 1 raises label 0");
    }
}
