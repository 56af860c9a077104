namespace Jiexin.Modules.Disputes.Domain;

/// <summary>
/// The stated rules of intake and triage: 群体性 threshold, the risk score (排查预警) and default deadlines.
/// Pure, so the rules can be read, unit-tested and shown to the centre.
/// </summary>
public static class DisputeRules
{
    /// <summary>群体性纠纷: five or more people involved (the usual threshold in 矛调 statistics).</summary>
    public const int GroupThreshold = 5;

    /// <summary>Amount at stake (yuan) that alone gives a yellow warning; ten times it gives orange.</summary>
    public const decimal LargeAmount = 100_000m;

    /// <summary>Words that signal escalation risk in the description.</summary>
    public static readonly IReadOnlyList<string> AlarmWords = ["扬言", "极端", "上访", "集体", "自杀", "报复", "堵路", "围堵"];

    /// <summary>Working days to accept a routed case, and to mediate it, by tier (人民调解: generally within 30 days).</summary>
    public const int AcceptWorkingDays = 1;

    public static int MediationWorkingDays(TriageTier tier) => tier switch
    {
        TriageTier.General => 10,
        TriageTier.Specialist => 15,
        TriageTier.Joint => 20,
        _ => 20,
    };

    /// <summary>回访 after signing: 7 and 30 days (issue 6 §5).</summary>
    public static readonly IReadOnlyList<int> FollowUpDays = [7, 30];

    public static bool IsGroup(int peopleCount) => peopleCount >= GroupThreshold;

    /// <summary>
    /// Risk level and the reasons (each rule that fired adds points: ≥6 red, ≥4 orange, ≥2 yellow).
    /// <paramref name="vulnerablePeople"/>: elderly, minors or disabled people involved (排查预警) add 2.
    /// </summary>
    public static (RiskLevel Level, IReadOnlyList<string> Reasons) Assess(
        string description, int peopleCount, decimal? amount, DisputeUrgency urgency, int repeatCount, bool vulnerablePeople = false)
    {
        var points = 0;
        var reasons = new List<string>();
        if (peopleCount >= GroupThreshold * 4)
        {
            points += 4;
            reasons.Add($"群体性（{peopleCount} 人）");
        }
        else if (IsGroup(peopleCount))
        {
            points += 2;
            reasons.Add($"群体性（{peopleCount} 人）");
        }

        if (amount >= LargeAmount * 10)
        {
            points += 3;
            reasons.Add("涉及金额巨大");
        }
        else if (amount >= LargeAmount)
        {
            points += 2;
            reasons.Add("涉及金额较大");
        }

        if (repeatCount > 0)
        {
            points += 2;
            reasons.Add($"同一当事人重复纠纷（{repeatCount} 起）");
        }

        var words = AlarmWords.Where(w => description.Contains(w, StringComparison.Ordinal)).ToList();
        if (words.Count > 0)
        {
            points += 4;
            reasons.Add($"含风险词：{string.Join("、", words)}");
        }

        if (vulnerablePeople)
        {
            points += 2;
            reasons.Add("涉及老人、未成年人、残疾人等弱势群体");
        }

        if (urgency == DisputeUrgency.Critical)
        {
            points += 2;
            reasons.Add("紧急程度：特急");
        }

        var level = points switch
        {
            >= 6 => RiskLevel.Red,
            >= 4 => RiskLevel.Orange,
            >= 2 => RiskLevel.Yellow,
            _ => RiskLevel.None,
        };
        return (level, reasons);
    }

    public static string StatusName(DisputeStatus s) => s switch
    {
        DisputeStatus.Received => "已受理待分流",
        DisputeStatus.Routed => "已分流待接收",
        DisputeStatus.Mediating => "调解中",
        DisputeStatus.Signing => "协议待签署",
        DisputeStatus.Referred => "已移交五调",
        DisputeStatus.Closed => "已结案",
        DisputeStatus.Rejected => "不予受理",
        _ => s.ToString(),
    };

    public static string TierName(TriageTier t) => t switch
    {
        TriageTier.General => "全科",
        TriageTier.Specialist => "专家门诊",
        TriageTier.Joint => "会诊",
        TriageTier.Special => "特诊",
        _ => t.ToString(),
    };

    public static string ChannelName(DisputeChannel c) => c switch
    {
        DisputeChannel.WalkIn => "来访",
        DisputeChannel.Phone => "来电",
        DisputeChannel.ResidentH5 => "居民线上",
        DisputeChannel.CourtReferral => "法院诉前委派",
        DisputeChannel.Hotline12345 => "12345",
        DisputeChannel.Event => "事件转入",
        DisputeChannel.GridDiscovery => "网格排查",
        _ => c.ToString(),
    };

    public static string RiskName(RiskLevel r) => r switch
    {
        RiskLevel.Red => "红色",
        RiskLevel.Orange => "橙色",
        RiskLevel.Yellow => "黄色",
        _ => "无",
    };

    public static string UrgencyName(DisputeUrgency u) => u switch
    {
        DisputeUrgency.Urgent => "紧急",
        DisputeUrgency.Critical => "特急",
        _ => "一般",
    };

    public static string OutcomeName(DisputeOutcome o) => o switch
    {
        DisputeOutcome.Agreement => "调解成功",
        DisputeOutcome.PartialAgreement => "部分达成协议",
        DisputeOutcome.Failed => "调解不成",
        DisputeOutcome.ResolvedByReferral => "五调联动化解",
        DisputeOutcome.UnresolvedByReferral => "五调联动未化解",
        DisputeOutcome.Withdrawn => "当事人撤回",
        _ => o.ToString(),
    };

    public static string GuidanceName(LegalGuidance g) => g switch
    {
        LegalGuidance.Litigation => "引导诉讼",
        LegalGuidance.Arbitration => "引导仲裁",
        LegalGuidance.LabourArbitration => "引导劳动仲裁",
        LegalGuidance.Administrative => "引导行政途径",
        _ => g.ToString(),
    };

    public static string ReferralName(ReferralChannel c) => c switch
    {
        ReferralChannel.Court => "诉调",
        ReferralChannel.Police => "警调",
        ReferralChannel.Professional => "专调",
        ReferralChannel.Petition => "访调",
        ReferralChannel.Labour => "劳调",
        _ => c.ToString(),
    };

    public static string PartyRoleName(PartyRole r) => r == PartyRole.Applicant ? "申请人" : "被申请人";
}
