using Jiexin.Data;

namespace Jiexin.Modules.Analytics.Domain;

/// <summary>Whose monthly report: the whole street, or one community.</summary>
public enum ReportScopeKind : short
{
    Street = 0,
    Community = 1,
}

public enum ReportStatus : short
{
    /// <summary>草稿: figures computed live on every read; commentary editable.</summary>
    Draft = 0,

    /// <summary>已定稿: figures frozen in <see cref="MonthlyAnalysisReport.FiguresJson"/>, nothing editable.</summary>
    Final = 1,
}

/// <summary>
/// 月度研判报告 of one month and scope: the editors' commentary and, once finalised (定稿), the figures as they were
/// when it was signed (docs/decisions/0035-monthly-report.md). No row until someone first saves or finalises.
/// </summary>
public sealed class MonthlyAnalysisReport : IHasVersion
{
    /// <summary>Characters per commentary field (about four pages of A4 each).</summary>
    public const int CommentaryMaxLength = 4000;

    public Guid Id { get; set; }

    /// <summary>"yyyy-MM", China time.</summary>
    public required string Month { get; set; }

    public ReportScopeKind ScopeKind { get; set; }

    /// <summary>The community; <see cref="Guid.Empty"/> for the street.</summary>
    public Guid ScopeId { get; set; }

    public ReportStatus Status { get; set; }

    /// <summary>总体形势.</summary>
    public string OverallSituation { get; set; } = "";

    /// <summary>突出问题.</summary>
    public string ProminentIssues { get; set; } = "";

    /// <summary>风险研判.</summary>
    public string RiskAssessment { get; set; } = "";

    /// <summary>下步工作建议.</summary>
    public string NextSteps { get; set; } = "";

    /// <summary>The figures at finalisation (JSON of the report's figures record); null while a draft.</summary>
    public string? FiguresJson { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string UpdatedByName { get; set; } = "";

    public DateTime? FinalisedAt { get; set; }

    public string? FinalisedByName { get; set; }

    public int Version { get; set; }
}
