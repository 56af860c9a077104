using Jiexin.Modules.Attribution.Model;

namespace Jiexin.UnitTests.Modules.Attribution.Model;

/// <summary>The word view: a vocabulary carried by the model, matched at serving time without jieba.</summary>
public sealed class WordViewTests
{
    private const char B = TextFeaturizer.BoundaryChar;
    private static readonly string[] Vocabulary = ["路灯", "路灯杆", "垃圾", "垃圾桶", "噪音", "拖欠", "工资", "马路"];

    [Fact]
    public void Matcher_FindsVocabularyWords_PrefersTheLongest_AndNeverCrossesABoundary()
    {
        var matcher = new WordMatcher(Vocabulary);

        Assert.Equal(3, matcher.LongestAt("路灯杆坏了", 0, B));
        Assert.Equal(2, matcher.LongestAt("路灯坏了", 0, B));
        Assert.Equal(0, matcher.LongestAt("灯坏了", 0, B));
        Assert.Equal(2, matcher.LongestAt($"路灯{B}杆", 0, B));
        Assert.Equal(0, matcher.LongestAt($"路{B}灯", 0, B));
        Assert.Equal(0, matcher.LongestAt("路", 0, B)); // single characters are never words
    }

    [Fact]
    public void Tokens_AreForwardMaximumMatching_WithUncoveredCharactersAlone()
    {
        var matcher = new WordMatcher(Vocabulary);
        const string text = "马路灯杆旁垃圾桶";

        var tokens = matcher.Tokens(text, B).Select(t => text.Substring(t.Start, t.Length)).ToList();

        // Forward: "马路" is taken first, then "灯" (no word starts there), "杆", "旁", then the longest "垃圾桶".
        Assert.Equal(["马路", "灯", "杆", "旁", "垃圾桶"], tokens);
    }

    [Fact]
    public void Featurizer_WithWords_AddsFeatures_OnlyForVocabularyWords_AndIsDeterministic()
    {
        var chars = new TextFeaturizer(new FeatureSettings { TitleMaxN = 3 });
        var words = new TextFeaturizer(new FeatureSettings { TitleMaxN = 3, Words = Vocabulary });
        var pairs = new TextFeaturizer(new FeatureSettings { TitleMaxN = 3, Words = Vocabulary, WordBigrams = true });
        const string text = "公司拖欠工资，路灯杆坏了";

        var plain = Extract(chars, text);
        var withWords = Extract(words, text);
        var withPairs = Extract(pairs, text);

        Assert.Equal(3, Total(withWords) - Total(plain)); // 拖欠, 工资, 路灯杆
        Assert.Equal(Total(withWords) + 5, Total(withPairs)); // adjacent tokens of 公|司|拖欠|工资 and 路灯杆|坏|了, not across "，"
        Assert.Equal(withPairs, Extract(pairs, text));
        Assert.Equal(withPairs, Extract(new TextFeaturizer(new FeatureSettings { TitleMaxN = 3, Words = [.. Vocabulary], WordBigrams = true }), text));
        Assert.Equal(Extract(chars, "今天天气很好"), Extract(words, "今天天气很好")); // no vocabulary word: nothing added
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("😀😀😀🎉")]
    [InlineData("路灯😀垃圾桶🎉噪音 road lamp 路灯 ١٢٣")]
    public void Featurizer_WithWords_OddInput_NeverThrows(string text)
    {
        var pairs = new TextFeaturizer(new FeatureSettings { TitleMaxN = 3, Words = Vocabulary, WordBigrams = true });

        var features = Extract(pairs, text);

        Assert.All(features, f => Assert.InRange(f.Bucket, 0, pairs.Dimension - 1));
    }

    [Fact]
    public void Featurizer_WithWords_AHundredThousandCharacters_CostsWhatTheFirstFourThousandDo()
    {
        var pairs = new TextFeaturizer(new FeatureSettings { TitleMaxN = 3, Words = Vocabulary, WordBigrams = true });
        var huge = string.Concat(Enumerable.Repeat("路灯杆坏了垃圾桶满了", 10_000));

        Assert.Equal(Extract(pairs, huge[..4000]), Extract(pairs, huge));
    }

    [Fact]
    public void Model_WithWords_SavesAndLoadsItsVocabulary_AndPredictsTheSame()
    {
        var settings = ClassifierTrainer.Recommended with
        {
            CalibrationFolds = 0,
            Features = ClassifierTrainer.Recommended.Features with { Words = Vocabulary, WordBigrams = true },
        };
        var model = ClassifierTrainer.Train(SyntheticCorpus.Generate(20, seed: 5), settings, "words");
        using var file = new MemoryStream();
        model.Save(file);
        file.Position = 0;

        var loaded = TextClassifier.Load(file);

        Assert.Equal(Vocabulary.Order(StringComparer.Ordinal), loaded.Featurizer.Settings.Words.Order(StringComparer.Ordinal));
        Assert.True(loaded.Featurizer.Settings.WordBigrams);
        foreach (var (text, _) in SyntheticCorpus.Generate(3, seed: 11))
        {
            Assert.Equal(model.Predict(text).Probabilities, loaded.Predict(text).Probabilities, (a, b) => Math.Abs(a - b) < 1e-2);
        }
    }

    [Fact]
    public void Vocabulary_FromJieba_KeepsWordsOfEnoughTexts_Normalised_AndSorted()
    {
        string[] texts = ["小区路灯坏了，晚上很黑", "路灯不亮已经一周", "楼下垃圾桶满了没人清理", "ＡＢＣ小区路灯又坏了"];

        var words = WordVocabulary.FromJieba(texts, minDocuments: 2, maxChars: 4000);

        Assert.Contains("路灯", words);
        Assert.Contains("小区", words);
        Assert.DoesNotContain("垃圾桶", words); // one text only
        Assert.All(words, w => Assert.True(w.Length >= 2 && !w.Contains(B) && w == w.ToLowerInvariant()));
        Assert.Equal(words.Order(StringComparer.Ordinal), words);
    }

    private static List<(int Bucket, int Count)> Extract(TextFeaturizer featurizer, string text)
    {
        var into = new List<(int Bucket, int Count)>();
        featurizer.Extract(text, into);
        return into;
    }

    private static int Total(List<(int Bucket, int Count)> features) => features.Sum(f => f.Count);
}
