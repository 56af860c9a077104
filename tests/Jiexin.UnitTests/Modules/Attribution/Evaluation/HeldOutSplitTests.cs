using Jiexin.Modules.Attribution.Evaluation;

namespace Jiexin.UnitTests.Modules.Attribution.Evaluation;

public sealed class HeldOutSplitTests
{
    private static readonly string[] Texts =
    [
        "路灯坏了 很久了", "路灯坏了   很久了", " 路灯坏了\t很久了\n", "小区门口噪音扰民", "学校门口道路积水", "医院挂号难",
        "餐馆油烟", "工资拖欠三个月", "公交站牌被撞坏", "垃圾没人清运", "广场舞太吵", "菜市场占道经营", "", "a", "A",
    ];

    [Fact]
    public void FiveResidues_HoldOutEveryTextExactlyOnce_AndIdenticalTextsStayTogether()
    {
        var heldOut = new List<string>();
        for (var residue = 0; residue < 5; residue++)
        {
            var (train, test) = HeldOutSplit.Split(Texts, t => t, 5, residue);

            Assert.Equal(Texts.Length, train.Count + test.Count);
            Assert.All(test, t => Assert.Equal(residue, HeldOutSplit.Residue(t)));
            Assert.Empty(train.Select(HeldOutSplit.Key).Intersect(test.Select(HeldOutSplit.Key)));
            heldOut.AddRange(test);
        }

        Assert.Equal(Texts.Order(StringComparer.Ordinal), heldOut.Order(StringComparer.Ordinal));
        // The three spellings of one message differ only in whitespace: one residue for all.
        Assert.Single(Texts.Take(3).Select(t => HeldOutSplit.Residue(t)).Distinct());
    }

    [Fact]
    public void ResidueZero_IsTheDefaultHeldOutPart()
    {
        var (train, test) = HeldOutSplit.Split(Texts, t => t);

        Assert.Equal(Texts.Where(t => HeldOutSplit.IsHeldOut(t)), test);
        Assert.Equal(Texts.Where(t => HeldOutSplit.Residue(t) != 0), train);
    }
}
