using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Attribution.Model;
using Jiexin.Modules.Attribution.Seed;

namespace Jiexin.UnitTests.Modules.Attribution.Model;

/// <summary>The first-level model combined with the shipped taxonomy's phrases, as intake calls it.</summary>
public sealed class ModelAttributorTests
{
    private static readonly Lazy<TextClassifier> Synthetic = new(() => SyntheticCorpus.Model("synthetic-a"));
    private readonly FakeTerritory _territory = new() { Departments = FakeTerritory.DemoDepartments };

    private Task<AttributionResult> AttributeAsync(string text, double threshold = 0.6) =>
        _territory.ModelAttributor(ShippedTaxonomy.Snapshot, FakeTerritory.ModelHost(Synthetic.Value), threshold)
            .AttributeAsync(new AttributionRequest(text), TestContext.Current.CancellationToken);

    [Fact]
    public async Task AttributeAsync_APhraseOfTheLabelTheModelBelieves_PicksThat小类_Confidently()
    {
        var result = await AttributeAsync("我们小区路灯坏了，晚上很黑，请尽快处理");

        Assert.Equal("synthetic-a", result.Model);
        Assert.Equal("0201", result.Top.Code);
        Assert.Equal("城乡建设", result.Top.Label);
        Assert.True(result.IsConfident, $"top probability {result.Top.Probability}");
        Assert.Equal("城管", result.Department?.ShortName);
        Assert.NotEmpty(result.Words);
        Assert.All(result.Words, w => Assert.Contains(w, "我们小区路灯坏了，晚上很黑，请尽快处理"));
    }

    [Fact]
    public async Task AttributeAsync_Candidates_AreRankedWithProbabilitiesSummingToAtMostOne_EachWithItsWords()
    {
        var result = await AttributeAsync("工厂排污，还拖欠工资");

        Assert.InRange(result.Candidates.Count, 2, 5); // only 小类 with a matching phrase
        Assert.Equal(result.Candidates.OrderByDescending(c => c.Probability).Select(c => c.Code), result.Candidates.Select(c => c.Code));
        Assert.InRange(result.Candidates.Sum(c => c.Probability), 0, 1 + 1e-9);
        Assert.Equal(result.Top.Words, result.Words);
        Assert.Contains(result.Candidates, c => c.Label == "劳动和社会保障");
        Assert.Contains(result.Candidates, c => c.Label == "环境保护");
        Assert.All(result.Candidates, c => Assert.NotEmpty(c.Words));
    }

    [Fact]
    public async Task AttributeAsync_WithoutExplanations_RanksTheSame_AndNamesOnlyTheMatchedPhrases()
    {
        const string text = "工厂排污，还拖欠工资，路灯也坏了";
        var attributor = _territory.ModelAttributor(ShippedTaxonomy.Snapshot, FakeTerritory.ModelHost(Synthetic.Value), 0.6);
        var ct = TestContext.Current.CancellationToken;

        var explained = await attributor.AttributeAsync(new AttributionRequest(text), ct);
        var plain = await attributor.AttributeAsync(new AttributionRequest(text, Explain: false), ct);

        Assert.Equal(explained.Candidates.Select(c => (c.Code, c.Probability)), plain.Candidates.Select(c => (c.Code, c.Probability)));
        Assert.Equal(explained.IsConfident, plain.IsConfident);
        Assert.Equal(explained.Department?.Id, plain.Department?.Id);
        // The model's n-grams are the explanation: only the phrase words of the keyword layer's top remain.
        Assert.True(explained.Candidates.Sum(c => c.Words.Count) > plain.Candidates.Sum(c => c.Words.Count));
        Assert.All(plain.Candidates.Skip(1).Where(c => c.Code != plain.Top.Code), c => Assert.True(c.Words.Count <= explained.Candidates.Single(e => e.Code == c.Code).Words.Count));
    }

    [Fact]
    public async Task AttributeAsync_BelowTheThreshold_GoesToTriage()
    {
        var sure = await AttributeAsync("拖欠工资三个月", threshold: 0.3);
        var unsure = await AttributeAsync("拖欠工资三个月", threshold: 0.999);

        Assert.Equal(sure.Top.Code, unsure.Top.Code);
        Assert.True(sure.IsConfident);
        Assert.False(unsure.IsConfident);
        Assert.Equal(0.999, unsure.Threshold);
    }

    [Fact]
    public async Task AttributeAsync_NoPhraseOfAny小类_Is其他_EvenWhenTheModelKnowsTheLabel()
    {
        // The synthetic model knows "航道疏浚" as 交通运输, but no 小类 lists a phrase of it: nothing to dispatch by.
        var result = await AttributeAsync("我想反映航道疏浚，盼回复");

        var only = Assert.Single(result.Candidates);
        Assert.Equal(SeedTaxonomy.FallbackCode, only.Code);
        Assert.False(result.IsConfident);
    }

    [Fact]
    public async Task AttributeAsync_APhraseOfALabelTheModelRejects_CountsLittle_AndAPersonDecides()
    {
        // "路灯" is a 城乡建设 phrase; the synthetic model reads the rest as 劳动和社会保障 (拖欠工资, 社保断缴).
        var result = await AttributeAsync("拖欠工资，社保断缴，养老金没发，路灯");
        var lamp = result.Candidates.FirstOrDefault(c => c.Code == "0201");

        Assert.Equal("劳动和社会保障", result.Top.Label);
        Assert.True(lamp is null || lamp.Probability < result.Top.Probability / 2);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("😀😀😀")]
    [InlineData("？？！！……")]
    public async Task AttributeAsync_NothingToRead_Is其他_WithNoEvidence(string text)
    {
        var result = await AttributeAsync(text);

        var only = Assert.Single(result.Candidates);
        Assert.Equal(SeedTaxonomy.FallbackCode, only.Code);
        Assert.Equal(0, only.Probability);
        Assert.False(result.IsConfident);
        Assert.Empty(result.Words);
    }

    [Fact]
    public async Task AttributeAsync_HugeAndMixedScriptTexts_AnswerWithoutThrowing()
    {
        var huge = await AttributeAsync(string.Concat(Enumerable.Repeat("路灯坏了 lamp 😀", 7_200))); // ~100,000 characters
        var mixed = await AttributeAsync("Street light 路灯坏了 ３号楼 Привет مرحبا 🙂");

        Assert.Equal("0201", huge.Top.Code);
        Assert.Equal("0201", mixed.Top.Code);
    }

    [Fact]
    public async Task AttributeAsync_WithoutAModel_IsTheKeywordBaseline()
    {
        var attributor = _territory.ModelAttributor(ShippedTaxonomy.Snapshot, FakeTerritory.ModelHost(null));

        var result = await attributor.AttributeAsync(new AttributionRequest("路灯坏了"), TestContext.Current.CancellationToken);

        Assert.Equal("keyword-baseline-1", result.Model);
        Assert.Equal("0201", result.Top.Code);
    }

    [Fact]
    public async Task Swap_UnderConcurrentClassification_NeverFailsACall_AndEachAnswerComesFromOneWholeModel()
    {
        var a = Synthetic.Value;
        var b = SyntheticCorpus.Model("synthetic-b", seed: 2);
        var host = FakeTerritory.ModelHost(a);
        var attributor = _territory.ModelAttributor(ShippedTaxonomy.Snapshot, host);
        var ct = TestContext.Current.CancellationToken;
        using var stop = new CancellationTokenSource();
        var texts = SyntheticCorpus.Generate(5, seed: 3).Select(r => r.Text).ToArray();

        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var calls = 0;
            while (!stop.IsCancellationRequested)
            {
                var result = await attributor.AttributeAsync(new AttributionRequest(texts[(calls + w) % texts.Length]), ct);
                Assert.Contains(result.Model, new[] { "synthetic-a", "synthetic-b" });
                Assert.NotEmpty(result.Candidates);
                Assert.InRange(result.Candidates.Sum(c => c.Probability), 0.0, 1 + 1e-9);
                calls++;
            }

            return calls;
        }, ct)).ToArray();

        var models = new[] { b, a };
        for (var i = 0; i < 200; i++)
        {
            host.Swap(models[i % 2]);
            await Task.Delay(1, ct);
        }

        await stop.CancelAsync();
        var calls = await Task.WhenAll(workers); // rethrows any failed call
        Assert.All(calls, c => Assert.True(c > 0));
        Assert.Same(a, host.Current);
    }
}
