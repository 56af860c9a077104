using Jiexin.Modules.Attribution.Model;

namespace Jiexin.UnitTests.Modules.Attribution.Model;

/// <summary>The first-level classifier trained on a small made-up corpus: behaviour, not scores.</summary>
public sealed class TextClassifierTests
{
    private static readonly Lazy<TextClassifier> Shared = new(() => SyntheticCorpus.Model());

    [Fact]
    public void Train_OnAnObviousTwoWaySplit_ClassifiesUnseenMessagesRight()
    {
        var labels = new[] { "劳动和社会保障", "环境保护" };
        var model = ClassifierTrainer.Train(SyntheticCorpus.Generate(20, seed: 7, labels), ClassifierTrainer.Recommended with { CalibrationFolds = 0 }, "two-way");

        Assert.Equal(labels.Order(StringComparer.Ordinal), model.Labels);
        Assert.Equal("劳动和社会保障", model.Predict("公司老板拖欠工资半年了").BestLabel);
        Assert.Equal("环境保护", model.Predict("隔壁工厂排污，河水发臭").BestLabel);
    }

    [Fact]
    public void Predict_HeldOutSyntheticMessages_AreAllRight_AndProbabilitiesSumToOne()
    {
        var model = Shared.Value;
        var heldOut = SyntheticCorpus.Generate(10, seed: 99);

        foreach (var (text, label) in heldOut)
        {
            var prediction = model.Predict(text);
            Assert.Equal(label, prediction.BestLabel);
            Assert.Equal(1.0, prediction.Probabilities.Sum(), 6);
            Assert.All(prediction.Probabilities, p => Assert.InRange(p, 0, 1));
        }
    }

    [Fact]
    public void Predict_RanksTheRightLabelFirst_AndAMixedMessageSplitsBetweenItsTwoTopics()
    {
        var model = Shared.Value;

        var mixed = model.Predict("工厂排污，还拖欠工资");
        var ranked = mixed.Probabilities.Select((p, i) => (p, label: model.Labels[i])).OrderByDescending(t => t.p).ToList();

        Assert.Equal(["劳动和社会保障", "环境保护"], ranked.Take(2).Select(t => t.label).Order(StringComparer.Ordinal));
        Assert.True(ranked[1].p > 2 * ranked[2].p, "the two topics named stand well above the rest");
        Assert.True(model.Predict("拖欠工资").Probabilities.Max() > mixed.Probabilities.Max(), "one topic is surer than two");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t\n")]
    [InlineData("😀😀😀🎉")]
    [InlineData("，。！？……")]
    public void Predict_NothingToRead_HasNoFeatures_AndStillValidProbabilities(string text)
    {
        var prediction = Shared.Value.Predict(text);

        Assert.Equal(0, prediction.Features);
        Assert.Equal(1.0, prediction.Probabilities.Sum(), 6);
    }

    [Fact]
    public void Predict_HugeAndMixedScriptTexts_AnswerWithoutThrowing()
    {
        var model = Shared.Value;
        var huge = string.Concat(Enumerable.Repeat("拖欠工资😀abc ", 10_000)); // 100,000 characters

        var big = model.Predict(huge);
        var mixed = model.Predict("Boss 拖欠工资 ３个月 ＡＢＣ مرحبا Привет 🙂");

        Assert.Equal("劳动和社会保障", big.BestLabel);
        Assert.Equal("劳动和社会保障", mixed.BestLabel);
        Assert.Equal(1.0, big.Probabilities.Sum(), 6);
    }

    [Fact]
    public void Explain_GivesTheWordsThatDroveEachLabel_FromTheText()
    {
        var model = Shared.Value;
        const string text = "最近工厂排污，还拖欠工资";
        var labels = new[] { IndexOf(model, "环境保护"), IndexOf(model, "劳动和社会保障") };

        var words = model.Explain(text, labels);

        Assert.Contains(words[0], w => "工厂排污".Contains(w, StringComparison.Ordinal));
        Assert.Contains(words[1], w => "拖欠工资".Contains(w, StringComparison.Ordinal));
        Assert.All(words.SelectMany(w => w), w => Assert.Contains(w, text));
    }

    [Fact]
    public void SaveAndLoad_GiveTheSamePredictions()
    {
        var model = Shared.Value;
        using var buffer = new MemoryStream();
        model.Save(buffer);
        buffer.Position = 0;

        var loaded = TextClassifier.Load(buffer);

        Assert.Equal(model.Name, loaded.Name);
        Assert.Equal(model.Labels, loaded.Labels);
        foreach (var (text, _) in SyntheticCorpus.Generate(3, seed: 5))
        {
            var (a, b) = (model.Predict(text), loaded.Predict(text));
            Assert.Equal(a.BestLabel, b.BestLabel);
            Assert.All(a.Probabilities.Zip(b.Probabilities), p => Assert.Equal(p.First, p.Second, 2));
        }
    }

    [Fact]
    public void Load_Garbage_IsInvalidData_NotACrash()
    {
        using var garbage = new MemoryStream([1, 2, 3, 4, 5, 6, 7, 8]);

        Assert.Throws<InvalidDataException>(() => TextClassifier.Load(garbage));
    }

    private static int IndexOf(TextClassifier model, string label) => model.Labels.ToList().IndexOf(label);
}
