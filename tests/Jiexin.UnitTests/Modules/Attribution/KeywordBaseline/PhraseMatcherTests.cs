using Jiexin.Modules.Attribution.KeywordBaseline;

namespace Jiexin.UnitTests.Modules.Attribution.KeywordBaseline;

public sealed class PhraseMatcherTests
{
    private static List<(int Start, int Length, string Phrase)> Find(string[] phrases, string text)
    {
        var hits = new List<PhraseHit>();
        new PhraseMatcher(phrases).FindAll(text, hits);
        return [.. hits.Select(h => (h.Start, h.Length, phrases[h.Phrase])).OrderBy(h => h.Start).ThenBy(h => h.Length)];
    }

    [Fact]
    public void FindAll_ReportsOverlappingAndNestedPhrases_ThroughFailureLinks()
    {
        // The textbook set: "she" ends where "he" ends; "hers" continues from "he" after the failure link.
        var hits = Find(["he", "she", "his", "hers"], "ushers");

        Assert.Equal([(1, 3, "she"), (2, 2, "he"), (2, 4, "hers")], hits);
    }

    [Fact]
    public void FindAll_FindsChinesePhrasesInsideEachOther_AndRepeated()
    {
        var hits = Find(["路灯", "路灯不亮", "不亮"], "路灯不亮，另一盏路灯也不亮");

        Assert.Equal(
            [(0, 2, "路灯"), (0, 4, "路灯不亮"), (2, 2, "不亮"), (8, 2, "路灯"), (11, 2, "不亮")],
            hits);
    }

    [Fact]
    public void FindAll_IgnoresWidthAndCaseOfLatinLetters()
    {
        var hits = Find(["KTV", "wifi"], "楼下ｋｔｖ很吵，WiFi 也不好");

        Assert.Equal([(2, 3, "KTV"), (8, 4, "wifi")], hits);
    }

    [Fact]
    public void FindAll_WithNothingToFind_ReportsNothing()
    {
        Assert.Empty(Find(["路灯"], "今天天气不错 😀"));
        Assert.Empty(Find(["路灯"], ""));
    }

    [Fact]
    public void Constructor_RefusesAnEmptyPhrase()
    {
        Assert.Throws<ArgumentException>(() => new PhraseMatcher(["路灯", ""]));
    }
}
