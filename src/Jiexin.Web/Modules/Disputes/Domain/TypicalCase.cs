using Jiexin.Data;

namespace Jiexin.Modules.Disputes.Domain;

/// <summary>
/// 典型案例 of the case library (知“新”网格学堂): a closed case's facts, process, outcome and the mediator's method,
/// anonymised automatically when proposed and again on every edit, reviewed by a person, then published for all staff.
/// Holds no link a reader could follow back to the parties: only the source case's id, for staff who already see it.
/// </summary>
public sealed class TypicalCase : IHasVersion
{
    public Guid Id { get; set; }

    /// <summary>The closed case it was drawn from (one typical case per dispute).</summary>
    public Guid DisputeId { get; set; }

    public required string Title { get; set; }

    public required string Facts { get; set; }

    public required string Process { get; set; }

    public required string Result { get; set; }

    /// <summary>调解员的方法心得: what worked and why.</summary>
    public required string MethodNotes { get; set; }

    public required string TypeCode { get; set; }

    public required string TypeName { get; set; }

    /// <summary>Mediation methods as "|背对背调解|情理法结合|" so one tag is a plain Contains on every engine.</summary>
    public string MethodTags { get; set; } = "";

    public TypicalCaseStatus Status { get; set; }

    /// <summary>jieba words of title and facts (space separated), kept for the similar-cases ranking at intake.</summary>
    public string Words { get; set; } = "";

    public Guid? ProposedByUserId { get; set; }

    public string ProposedBy { get; set; } = "";

    public DateTime ProposedAt { get; set; }

    public string? ReviewedBy { get; set; }

    public DateTime? PublishedAt { get; set; }

    public string? UnpublishReason { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }
}

public enum TypicalCaseStatus
{
    /// <summary>推荐待审核: anonymised automatically, waiting for a person to read and edit it.</summary>
    Proposed,

    /// <summary>已发布: visible to all staff and offered at intake.</summary>
    Published,

    /// <summary>已撤回: taken out of the library (can be edited and published again).</summary>
    Withdrawn,
}

/// <summary>调解方法 tags of the case library.</summary>
public static class MediationMethods
{
    public static readonly IReadOnlyList<string> All =
    [
        "面对面调解", "背对背调解", "情理法结合", "冷处理", "换位思考", "亲情感化", "第三方评估", "专家会诊",
        "联合调解", "以案释法", "司法确认", "分步履行",
    ];
}
