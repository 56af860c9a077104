using Jiexin.Modules.Events.Contracts;
using Jiexin.Modules.Warnings;
using Jiexin.Modules.Warnings.Hotspots;
using Jiexin.Modules.Warnings.Rules;

namespace Jiexin.UnitTests.Modules.Warnings;

public sealed class PoissonSpikeTests
{
    [Theory]
    [InlineData(0, 1.0, 1.0)]
    [InlineData(1, 1.0, 0.6321205588)] // 1 − e⁻¹
    [InlineData(7, 1.0, 0.0000832411)]
    [InlineData(5, 3.0, 0.1847367555)]
    public void Upper_tail_matches_the_poisson_distribution(int k, double lambda, double expected) =>
        Assert.Equal(expected, PoissonSpike.UpperTail(k, lambda), 8);

    [Fact]
    public void Threshold_is_the_smallest_count_whose_tail_is_below_alpha()
    {
        var threshold = PoissonSpike.Threshold(2.0, 0.001);
        Assert.True(PoissonSpike.UpperTail(threshold, 2.0) < 0.001);
        Assert.True(PoissonSpike.UpperTail(threshold - 1, 2.0) >= 0.001);
    }

    [Fact]
    public void A_spike_fires_a_flat_day_and_a_small_count_on_an_empty_baseline_do_not()
    {
        Assert.True(PoissonSpike.Evaluate(7, [.. Enumerable.Repeat(1, 28)], 5, 0.001).Fires);
        Assert.False(PoissonSpike.Evaluate(5, [.. Enumerable.Repeat(3, 28)], 5, 0.001).Fires);
        // Never seen before, 4 today: below the minimum count however unlikely.
        Assert.False(PoissonSpike.Evaluate(4, [.. Enumerable.Repeat(0, 28)], 5, 0.001).Fires);
        Assert.True(PoissonSpike.Evaluate(5, [.. Enumerable.Repeat(0, 28)], 5, 0.001).Fires);
    }
}

public sealed class HotspotFinderTests
{
    private static readonly DateTime Now = new(2026, 11, 29, 2, 0, 0, DateTimeKind.Utc);

    private static ReportedEvent Report(string text, double north, double hoursAgo = 0, Guid? reporter = null) =>
        new(Guid.CreateVersion7(), "JX", text, 31.44 + north / 111_320, 119.79, null, Guid.Empty, null, reporter, null, null, Now.AddHours(-hoursAgo), true, 1);

    [Fact]
    public void Jieba_words_link_similar_reports_and_keep_dissimilar_apart()
    {
        var a = WordTokens.Of("滨河花园3号楼下水道堵塞，污水外溢到路面");
        var b = WordTokens.Of("3号楼下水道又堵塞了，污水外溢");
        var c = WordTokens.Of("广场舞音响声音太大，晚上十点还在扰民");
        Assert.Contains("下水道", a);
        Assert.True(WordTokens.Jaccard(a, b) >= 0.25);
        Assert.True(WordTokens.Jaccard(a, c) < 0.1);
    }

    [Fact]
    public void Heat_halves_every_half_life_and_one_reporter_counts_half()
    {
        var fresh = new[] { Report("a", 0), Report("b", 0) };
        Assert.Equal(20.0, HotspotFinder.Heat(fresh, Now, 48));
        var aged = new[] { Report("a", 0, 48), Report("b", 0, 48) };
        Assert.Equal(10.0, HotspotFinder.Heat(aged, Now, 48));
        var one = Guid.NewGuid();
        var sameReporter = new[] { Report("a", 0, 0, one), Report("b", 0, 0, one) };
        Assert.Equal(15.0, HotspotFinder.Heat(sameReporter, Now, 48)); // 10 × 2 × (0.5 + 0.5 × 1/2)
    }

    [Fact]
    public void A_hotspot_needs_similar_words_nearness_and_time_together()
    {
        var o = new WarningsOptions();
        var near = new[]
        {
            Report("桥头路灯不亮，晚上走路看不见", 0),
            Report("桥头那边路灯坏了不亮，晚上很黑", 30),
            Report("桥头路灯一直不亮，晚上走路不安全", 60),
        };
        var hotspot = Assert.Single(HotspotFinder.Find(near, Now, o));
        Assert.Equal(3, hotspot.ReportCount);

        var far = new[] { near[0], near[1], Report("桥头路灯一直不亮，晚上走路不安全", 2000) };
        Assert.Empty(HotspotFinder.Find(far, Now, o));

        // Same words and place, but 100 hours before the others (more than 72 h apart): only two linked, no hotspot.
        var longAgo = new[] { near[0], near[1], Report("桥头路灯一直不亮，晚上走路不安全", 60, hoursAgo: 100) };
        Assert.Empty(HotspotFinder.Find(longAgo, Now, o));
    }
}
