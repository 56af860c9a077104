using Jiexin.Modules.Attribution.KeywordBaseline;

namespace Jiexin.UnitTests.Modules.Attribution.KeywordBaseline;

/// <summary>The scoring rules of keyword-baseline-1, on small hand-made taxonomies.</summary>
public sealed class KeywordClassifierTests
{
    private static KeywordCategory Category(string code, params string[] phrases) => new(code, "大类", "小类" + code, "城乡建设", phrases);

    [Fact]
    public void Classify_OverlappingPhrases_TheLongestSpeaksForTheText()
    {
        var classifier = new KeywordClassifier([Category("A", "垃圾"), Category("B", "垃圾分类")]);

        var result = classifier.Classify("小区垃圾分类做得不好");

        var only = Assert.Single(result.Ranked);
        Assert.Equal("B", only.Category.Code);
        Assert.Equal(["垃圾分类"], result.Words);
    }

    [Fact]
    public void Classify_APhraseSharedByTwoCategories_WeighsLessThanAPhraseOfOne()
    {
        var classifier = new KeywordClassifier([Category("A", "噪音", "施工"), Category("B", "噪音"), Category("C", "油烟")]);

        var result = classifier.Classify("噪音，油烟");

        // Both phrases have two characters; 油烟 belongs to C alone, 噪音 is split between A and B.
        Assert.Equal("C", result.Ranked[0].Category.Code);
        Assert.True(result.Ranked[0].Score > result.Ranked.Single(r => r.Category.Code == "A").Score);
        Assert.Equal(KeywordClassifier.Specificity(2, 3), result.Ranked.Single(r => r.Category.Code == "A").Score / 2, 6);
    }

    [Theory]
    [InlineData("噪音 晚上楼下的油烟", "A")]
    [InlineData("油烟 晚上楼下的噪音", "B")]
    public void Classify_APhraseInTheTitle_CountsMore(string text, string expected)
    {
        var classifier = new KeywordClassifier([Category("A", "噪音"), Category("B", "油烟")]);

        Assert.Equal(expected, classifier.Classify(text).Ranked[0].Category.Code);
    }

    [Fact]
    public void Classify_ARepeatedPhrase_CountsLessEachTime_AndNotAfterTheThird()
    {
        var settings = new KeywordClassifierSettings();
        var classifier = new KeywordClassifier([Category("A", "噪音")], settings);

        var once = classifier.Classify("有噪音。").Ranked[0].Score;
        var five = classifier.Classify("有噪音，噪音，噪音，噪音，噪音。").Ranked[0].Score;

        Assert.Equal(once * (1 + 2 * settings.RepeatWeight), five, 9);
    }

    [Fact]
    public void Classify_Probabilities_AreOrdered_AndSumToAtMostOne()
    {
        var classifier = new KeywordClassifier([Category("A", "噪音"), Category("B", "油烟扰民"), Category("C", "烧烤")]);

        var ranked = classifier.Classify("楼下烧烤，油烟扰民，还有噪音").Ranked;

        // 油烟扰民 is the longest; 噪音 and 烧烤 tie, and a tie goes to the category listed first.
        Assert.Equal(["B", "A", "C"], ranked.Select(r => r.Category.Code));
        Assert.All(ranked.Zip(ranked.Skip(1)), pair => Assert.True(pair.First.Probability >= pair.Second.Probability));
        Assert.All(ranked, r => Assert.InRange(r.Probability, 0, 1));
        Assert.True(ranked.Sum(r => r.Probability) < 1);
    }

    [Fact]
    public void Classify_OneShortPhraseAlone_IsAToss_ALongOneIsLikely()
    {
        var classifier = new KeywordClassifier([Category("A", "噪音"), Category("B", "油烟扰民")]);

        // The background equals one two-character phrase: alone it gets one half.
        Assert.Equal(0.5, classifier.Classify("有噪音").Ranked[0].Probability, 9);
        Assert.True(classifier.Classify("油烟扰民").Ranked[0].Probability > 0.75);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("😀😀😀👍")]
    [InlineData("今天天气不错")]
    public void Classify_NothingRecognisable_MatchesNothing(string text)
    {
        var classifier = new KeywordClassifier([Category("A", "噪音")]);

        var result = classifier.Classify(text);

        Assert.False(result.Matched);
        Assert.Empty(result.Words);
        Assert.Null(result.TopLabel());
    }

    [Fact]
    public void Classify_AVeryLongText_ReadsOnlyItsBeginning()
    {
        var settings = new KeywordClassifierSettings { MaxChars = 4000 };
        var classifier = new KeywordClassifier([Category("A", "噪音"), Category("B", "油烟")], settings);
        var text = "油烟" + new string('很', 100_000) + "噪音";

        var result = classifier.Classify(text);

        Assert.Equal(["B"], result.Ranked.Select(r => r.Category.Code));
    }

    [Fact]
    public void TopLabel_SumsProbabilityOverTheSubcategoriesOfEachLabel()
    {
        KeywordCategory[] categories =
        [
            new("A", "大类", "甲", "劳动和社会保障", ["拖欠工资"]),
            new("B", "大类", "乙", "城乡建设", ["物业费"]),
            new("C", "大类", "丙", "城乡建设", ["小区门"]),
        ];
        var result = new KeywordClassifier(categories).Classify("拖欠工资，物业费，小区门");

        // A alone scores highest, but B and C together carry more probability for 城乡建设.
        Assert.Equal("A", result.Ranked[0].Category.Code);
        Assert.True(result.Ranked.Where(r => r.Category.Label == "城乡建设").Sum(r => r.Probability) > result.Ranked[0].Probability);
        Assert.Equal("城乡建设", result.TopLabel());
    }
}
