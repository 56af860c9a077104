using Jiexin.Modules.Attribution.Model;

namespace Jiexin.UnitTests.Modules.Attribution.Model;

/// <summary>
/// Made-up resident messages for the seven first-level labels: each is neutral filler around one topic phrase of its
/// label, so a model can only get them right by learning the topic words. Deterministic for a seed.
/// </summary>
internal static class SyntheticCorpus
{
    public static readonly IReadOnlyDictionary<string, string[]> Topics = new Dictionary<string, string[]>
    {
        ["城乡建设"] = ["路灯坏了", "井盖丢了", "道路破损", "楼上漏水", "物业不作为", "违章搭建", "自来水停水"],
        ["劳动和社会保障"] = ["拖欠工资", "社保断缴", "养老金没发", "失业金领取", "不签劳动合同", "工伤认定"],
        ["教育文体"] = ["学校乱收费", "入学划片", "老师体罚学生", "幼儿园学位", "课外补习班", "教师编制"],
        ["商贸旅游"] = ["商家欺诈", "虚假宣传", "退款不退", "景区门票", "产品质量差", "预付卡跑路"],
        ["环境保护"] = ["工厂排污", "噪音扰民", "油烟污染", "河水发臭", "焚烧垃圾", "粉尘污染"],
        ["卫生计生"] = ["医院乱收费", "医生态度差", "疫苗接种", "生育证明", "药品价格高", "诊所无证行医"],
        ["交通运输"] = ["公交线路", "出租车拒载", "驾照考试", "货车超载", "网约车", "航道疏浚"],
    };

    private static readonly string[] Openings = ["我们小区", "A市A3区", "最近", "我想反映", "请问", "街道这边", "本人是居民"];
    private static readonly string[] Closings = ["请尽快处理", "希望有关部门管一管", "已经好几天了", "谢谢", "盼回复", "影响很大"];

    public static List<(string Text, string Label)> Generate(int perLabel, int seed, IReadOnlyCollection<string>? labels = null)
    {
        var random = new Random(seed);
        var rows = new List<(string, string)>();
        foreach (var (label, topics) in Topics.Where(t => labels is null || labels.Contains(t.Key)))
        {
            for (var i = 0; i < perLabel; i++)
            {
                var topic = topics[random.Next(topics.Length)];
                rows.Add(($"{Openings[random.Next(Openings.Length)]}{topic}，{Closings[random.Next(Closings.Length)]}", label));
            }
        }

        return rows;
    }

    /// <summary>A quick model on the whole synthetic corpus (no calibration folds, to stay fast).</summary>
    public static TextClassifier Model(string name = "synthetic-1", int seed = 1) =>
        ClassifierTrainer.Train(Generate(30, seed), ClassifierTrainer.Recommended with { CalibrationFolds = 2 }, name);
}
