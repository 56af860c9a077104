using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Attribution.Seed;

namespace Jiexin.UnitTests.Modules.Attribution.KeywordBaseline;

/// <summary>The keyword baseline over the shipped taxonomy, as intake calls it.</summary>
public sealed class KeywordAttributorTests
{
    private readonly FakeTerritory _territory = new() { Departments = FakeTerritory.DemoDepartments };

    private Task<AttributionResult> AttributeAsync(string text, double threshold = 0.6) =>
        _territory.Attributor(ShippedTaxonomy.Snapshot, threshold).AttributeAsync(new AttributionRequest(text), TestContext.Current.CancellationToken);

    [Theory]
    [InlineData("路灯坏了", "0201", "路灯不亮", "城管")]
    [InlineData("楼下烧烤店油烟太大", "0403", "油烟", "城管")]
    [InlineData("老板拖欠工资三个月", "0801", "欠薪", "人社")]
    [InlineData("小区门口的井盖不见了，晚上很危险", "0202", "井盖缺失", "城管")]
    [InlineData("隔壁工地半夜施工，吵得睡不着", "0402", "施工噪声", "生态环境")]
    [InlineData("消防通道被电动车堵住了", "0601", "消防通道堵塞", "应急")]
    [InlineData("孩子上小学划片不合理，入学难", "1101", "入学招生", "教育")]
    public async Task AttributeAsync_EverydayReports_GetTheirSubcategoryAndDepartment(string text, string code, string subcategory, string department)
    {
        var result = await AttributeAsync(text);

        Assert.Equal(code, result.Top.Code);
        Assert.Equal(subcategory, result.Top.SubcategoryName);
        Assert.Equal(department, result.Department?.ShortName);
        Assert.Equal(RoutingSource.CategoryDefault, result.RoutingSource);
        Assert.Equal($"按默认: 小类 {subcategory} → {department}", result.RoutingReason);
        Assert.NotEmpty(result.Words);
        Assert.All(result.Words, w => Assert.Contains(w, text));
        Assert.Equal("keyword-baseline-1", result.Model);
    }

    [Fact]
    public async Task AttributeAsync_TheWordsThatDroveTheTopCandidate_AreItsOwnStrongestFirst()
    {
        var result = await AttributeAsync("楼下烧烤店油烟太大，每天晚上烟熏火燎");

        Assert.Equal("0403", result.Top.Code);
        Assert.Equal(["烧烤店", "油烟", "烟熏"], result.Words);
    }

    [Theory]
    [InlineData("今天天气不错")]
    [InlineData("😀😀😀")]
    [InlineData("   ")]
    [InlineData("")]
    public async Task AttributeAsync_NothingRecognised_Is其他_NotConfident(string text)
    {
        var result = await AttributeAsync(text);

        var only = Assert.Single(result.Candidates);
        Assert.Equal(SeedTaxonomy.FallbackCode, only.Code);
        Assert.Equal("其他", only.SubcategoryName);
        Assert.Equal(0, only.Probability);
        Assert.False(result.IsConfident);
        Assert.Empty(result.Words);
        Assert.Null(result.Department);
        Assert.Equal(RoutingSource.None, result.RoutingSource);
    }

    [Fact]
    public async Task AttributeAsync_Candidates_AreRankedWithProbabilitiesSummingToAtMostOne()
    {
        var result = await AttributeAsync("小区物业不作为，电梯经常坏，楼道堆满杂物，楼上漏水也不管 物业费照收");

        Assert.InRange(result.Candidates.Count, 3, 5);
        Assert.All(result.Candidates, c => Assert.InRange(c.Probability, 0, 1));
        Assert.All(result.Candidates.Zip(result.Candidates.Skip(1)), p => Assert.True(p.First.Probability >= p.Second.Probability));
        Assert.True(result.Candidates.Sum(c => c.Probability) <= 1);
        Assert.Equal("0503", result.Top.Code);
        Assert.Equal(result.Candidates.Select(c => c.Code).Distinct(), result.Candidates.Select(c => c.Code));
    }

    [Fact]
    public async Task AttributeAsync_IsConfident_ExactlyWhenTheTopProbabilityReachesTheThreshold()
    {
        var strong = await AttributeAsync("老板拖欠工资三个月，讨薪无门");
        var weak = await AttributeAsync("路上有个大坑");

        Assert.True(strong.Top.Probability >= 0.6);
        Assert.True(strong.IsConfident);
        Assert.True(weak.Top.Probability < 0.6);
        Assert.False(weak.IsConfident);
        Assert.Equal(0.6, weak.Threshold);

        var strict = await AttributeAsync("老板拖欠工资三个月，讨薪无门", threshold: 0.999);
        Assert.False(strict.IsConfident);
        Assert.Equal(strong.Top, strict.Top);
    }

    [Fact]
    public async Task AttributeAsync_AHundredThousandCharacters_AnswersWithoutFailing()
    {
        var text = "路灯坏了" + string.Concat(Enumerable.Repeat("今天天气不错，", 15_000));

        var result = await AttributeAsync(text);

        Assert.Equal("0201", result.Top.Code);
    }
}
