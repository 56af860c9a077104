namespace Jiexin.Modules.SelfGovernance.Domain;

/// <summary>The stated rules of 四方议事 (docs/decisions/0028-self-governance.md) and the zh-CN names.</summary>
public static class DeliberationRules
{
    /// <summary>The four parties that vote; residents' representatives attend without a party vote.</summary>
    public static readonly IReadOnlyList<DeliberationParty> VotingParties =
        [DeliberationParty.PartyOrganisation, DeliberationParty.ResidentsCommittee, DeliberationParty.OwnersCommittee, DeliberationParty.PropertyCompany];

    /// <summary>A resolution is carried when every voting party has voted and at least this many voted for it.</summary>
    public const int VotesToCarry = 3;

    /// <summary>
    /// 法定人数: every one of the four parties has someone present, and at least half of those invited are present.
    /// Returns the reason it is not met, or null.
    /// </summary>
    public static string? QuorumProblem(IReadOnlyCollection<MeetingAttendee> attendees)
    {
        var missing = VotingParties.Where(p => !attendees.Any(a => a.Party == p && a.Present)).ToList();
        if (missing.Count > 0)
        {
            return $"未达到法定人数：{string.Join("、", missing.Select(PartyName))}无人出席（四方均须到场）。";
        }

        var present = attendees.Count(a => a.Present);
        return present * 2 < attendees.Count ? $"未达到法定人数：应到 {attendees.Count} 人，实到 {present} 人，不足半数。" : null;
    }

    /// <summary>Carried (≥ <see cref="VotesToCarry"/> of the four parties for) or rejected; null while a party has not voted.</summary>
    public static ResolutionStatus? Tally(IReadOnlyCollection<ResolutionVote> votes)
    {
        if (VotingParties.Any(p => votes.All(v => v.Party != p)))
        {
            return null;
        }

        return votes.Count(v => VotingParties.Contains(v.Party) && v.Choice == VoteChoice.For) >= VotesToCarry
            ? ResolutionStatus.Carried
            : ResolutionStatus.Rejected;
    }

    public static string PartyName(DeliberationParty p) => p switch
    {
        DeliberationParty.PartyOrganisation => "社区党组织",
        DeliberationParty.ResidentsCommittee => "居委会",
        DeliberationParty.OwnersCommittee => "业委会",
        DeliberationParty.PropertyCompany => "物业公司",
        _ => "居民代表",
    };

    public static string SourceName(TopicSource s) => s switch
    {
        TopicSource.Resident => "居民提议",
        TopicSource.Party => "四方提议",
        TopicSource.Event => "事件转议题",
        _ => "需求转议题",
    };

    public static string TopicStatusName(TopicStatus s) => s switch
    {
        TopicStatus.Proposed => "待受理",
        TopicStatus.Accepted => "已受理",
        TopicStatus.OnAgenda => "已列入议程",
        TopicStatus.Deliberated => "已议",
        _ => "不予受理",
    };

    public static string MeetingStatusName(MeetingStatus s) => s switch
    {
        MeetingStatus.Planned => "待召开",
        MeetingStatus.Held => "已召开",
        _ => "已取消",
    };

    public static string ResolutionStatusName(ResolutionStatus s) => s switch
    {
        ResolutionStatus.Voting => "表决中",
        ResolutionStatus.Carried => "已通过",
        ResolutionStatus.Rejected => "未通过",
        _ => "已落实",
    };

    public static string ChoiceName(VoteChoice c) => c switch
    {
        VoteChoice.For => "赞成",
        VoteChoice.Against => "反对",
        _ => "弃权",
    };
}
