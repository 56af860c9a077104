using Jiexin.Data;

namespace Jiexin.Modules.Disputes.Domain;

/// <summary>
/// 矛盾纠纷分析研判会 of one month and scope (the street — <see cref="Guid.Empty"/> — or one community): when it was held,
/// who took part, what it concluded. The measures it decided are <see cref="DisputeAnalysisMeasure"/> rows.
/// No row until the first save (docs/decisions/0039-dispute-analysis.md).
/// </summary>
public sealed class DisputeAnalysisMeeting : IHasVersion
{
    public const int TextMaxLength = 4000;

    public Guid Id { get; set; }

    /// <summary>"yyyy-MM", China time.</summary>
    public required string Month { get; set; }

    /// <summary>The community; <see cref="Guid.Empty"/> for the street.</summary>
    public Guid ScopeId { get; set; }

    public DateOnly? HeldOn { get; set; }

    public string Participants { get; set; } = "";

    /// <summary>研判结论.</summary>
    public string Conclusions { get; set; } = "";

    public DateTime UpdatedAt { get; set; }

    public string UpdatedByName { get; set; } = "";

    public int Version { get; set; }
}

public enum MeasureStatus
{
    /// <summary>落实中.</summary>
    Open,

    /// <summary>已落实, with a note of what was done.</summary>
    Done,
}

/// <summary>
/// 工作措施 decided by an analysis meeting: what, which unit answers for it, by when; tracked until done. An open measure
/// shows again in the following months' analysis (carried over) and is overdue after its deadline.
/// </summary>
public sealed class DisputeAnalysisMeasure : IHasVersion
{
    public const int ContentMaxLength = 1000;

    public Guid Id { get; set; }

    /// <summary>The meeting's month ("yyyy-MM").</summary>
    public required string Month { get; set; }

    public Guid ScopeId { get; set; }

    public required string Content { get; set; }

    /// <summary>责任单位.</summary>
    public required string OwnerUnit { get; set; }

    public DateOnly Deadline { get; set; }

    public MeasureStatus Status { get; set; }

    public string? DoneNote { get; set; }

    public DateTime? DoneAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public string CreatedByName { get; set; } = "";

    public int Version { get; set; }
}
