using Jiexin.Data;

namespace Jiexin.Modules.SelfGovernance.Domain;

public enum AmendmentStatus
{
    Proposed,
    Discussing,
    Adopted,
    Rejected,
    Withdrawn,
}

/// <summary>居民自治章程 of one community: its adopted versions and the amendments that made them.</summary>
public sealed class Charter : IHasVersion
{
    public Guid Id { get; set; }

    public Guid CommunityId { get; set; }

    public required string Title { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Version { get; set; }

    public List<CharterVersion> Versions { get; set; } = [];

    public List<CharterAmendment> Amendments { get; set; } = [];
}

/// <summary>One adopted text (第 N 版), never changed afterwards.</summary>
public sealed class CharterVersion
{
    public Guid Id { get; set; }

    public Guid CharterId { get; set; }

    public int Number { get; set; }

    public required string Text { get; set; }

    public DateTime AdoptedAt { get; set; }

    public Guid AmendmentId { get; set; }
}

/// <summary>A proposed new text (the first draft or a revision), discussed and then put to a recorded vote.</summary>
public sealed class CharterAmendment : IHasVersion
{
    public Guid Id { get; set; }

    public Guid CharterId { get; set; }

    public required string Title { get; set; }

    /// <summary>The whole proposed text: adopted as is, it becomes the next version.</summary>
    public required string Text { get; set; }

    public string? Rationale { get; set; }

    public AmendmentStatus Status { get; set; }

    public string? ProposedBy { get; set; }

    public DateTime ProposedAt { get; set; }

    /// <summary>讨论意见, one per line with who and when.</summary>
    public string? Discussion { get; set; }

    public int? EligibleVoters { get; set; }

    public int? VotesFor { get; set; }

    public int? VotesAgainst { get; set; }

    public int? VotesAbstain { get; set; }

    public DateTime? DecidedAt { get; set; }

    public int Version { get; set; }
}

public sealed record CharterInput
{
    public string? Note { get; init; }
    public int? EligibleVoters { get; init; }
    public int? VotesFor { get; init; }
    public int? VotesAgainst { get; init; }
    public int? VotesAbstain { get; init; }
}

public enum AmendmentAction
{
    OpenDiscussion,
    AddComment,
    RecordVote,
    Withdraw,
}

/// <summary>
/// The stated threshold: the vote is valid when at least two thirds of those entitled (居民会议成员或居民代表) voted,
/// and the amendment is adopted when more than half of the votes cast are for it. Adoption makes the next version.
/// </summary>
public static class CharterRules
{
    public static bool Quorate(int eligible, int cast) => cast * 3 >= eligible * 2;

    public static bool Adopted(int eligible, int votesFor, int against, int abstain)
    {
        var cast = votesFor + against + abstain;
        return Quorate(eligible, cast) && votesFor * 2 > cast;
    }

    public static string StatusName(AmendmentStatus s) => s switch
    {
        AmendmentStatus.Proposed => "已提出",
        AmendmentStatus.Discussing => "讨论中",
        AmendmentStatus.Adopted => "已通过",
        AmendmentStatus.Rejected => "未通过",
        _ => "已撤回",
    };

    public static readonly StateTable<CharterAmendment, AmendmentStatus, AmendmentAction, CharterInput> Amendments = new(
    [
        new(AmendmentAction.OpenDiscussion, "提交讨论", States.Of(AmendmentStatus.Proposed), AmendmentStatus.Discussing, (_, _) => null, (a, i, c) => Comment(a, i, c)),
        new(AmendmentAction.AddComment, "记录讨论意见", States.Of(AmendmentStatus.Discussing), null,
            (_, i) => string.IsNullOrWhiteSpace(i.Note) ? new("note", "请填写讨论意见。") : null, Comment),
        new(AmendmentAction.RecordVote, "记录表决结果", States.Of(AmendmentStatus.Discussing), null,
            (_, i) => i.EligibleVoters is not > 0 ? new("eligibleVoters", "请填写应参加表决的人数。")
                : i.VotesFor is not >= 0 || i.VotesAgainst is not >= 0 || i.VotesAbstain is not >= 0 ? new("votesFor", "请填写赞成、反对、弃权票数。")
                : i.VotesFor + i.VotesAgainst + i.VotesAbstain > i.EligibleVoters ? new("votesFor", "票数合计超过应参加表决的人数。")
                : null,
            (a, i, c) =>
            {
                a.EligibleVoters = i.EligibleVoters;
                a.VotesFor = i.VotesFor;
                a.VotesAgainst = i.VotesAgainst;
                a.VotesAbstain = i.VotesAbstain;
                a.DecidedAt = c.Now;
            },
            a => Adopted(a.EligibleVoters!.Value, a.VotesFor!.Value, a.VotesAgainst!.Value, a.VotesAbstain!.Value) ? AmendmentStatus.Adopted : AmendmentStatus.Rejected),
        new(AmendmentAction.Withdraw, "撤回", States.Of(AmendmentStatus.Proposed, AmendmentStatus.Discussing), AmendmentStatus.Withdrawn, (_, _) => null, Comment),
    ], a => a.Status, (a, s) => a.Status = s, StatusName);

    private static void Comment(CharterAmendment a, CharterInput i, ActContext c)
    {
        if (!string.IsNullOrWhiteSpace(i.Note))
        {
            var line = $"{c.Now.AddHours(8):yyyy-MM-dd HH:mm} {c.UserName}：{i.Note.Trim().ReplaceLineEndings(" ")}";
            a.Discussion = string.IsNullOrEmpty(a.Discussion) ? line : a.Discussion + "\n" + line;
        }
    }
}
