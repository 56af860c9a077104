using System.Security.Claims;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.Modules.Analytics.Domain;
using Jiexin.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Analytics.MonthlyReport;

/// <summary>The four commentary fields: 总体形势, 突出问题, 风险研判, 下步工作建议.</summary>
public sealed record Commentary(string OverallSituation, string ProminentIssues, string RiskAssessment, string NextSteps)
{
    public static readonly Commentary Empty = new("", "", "", "");

    /// <summary>(JSON field name, label) in report order.</summary>
    public static readonly IReadOnlyList<(string Field, string Label)> Fields =
    [
        ("overallSituation", "总体形势"),
        ("prominentIssues", "突出问题"),
        ("riskAssessment", "风险研判"),
        ("nextSteps", "下步工作建议"),
    ];

    public IEnumerable<(string Field, string Label, string Text)> InOrder()
    {
        yield return (Fields[0].Field, Fields[0].Label, OverallSituation);
        yield return (Fields[1].Field, Fields[1].Label, ProminentIssues);
        yield return (Fields[2].Field, Fields[2].Label, RiskAssessment);
        yield return (Fields[3].Field, Fields[3].Label, NextSteps);
    }
}

/// <summary>One month's report for the caller's scope: figures (live for a draft, the frozen snapshot once final) and commentary.</summary>
public sealed record MonthlyReportDto(
    string Month,
    ReportScopeKind ScopeKind,
    Guid? CommunityId,
    string ScopeName,
    ReportStatus Status,
    string StatusName,
    int Version,
    bool CanEdit,
    bool FiguresFrozen,
    Commentary Commentary,
    DateTime? UpdatedAt,
    string? UpdatedByName,
    DateTime? FinalisedAt,
    string? FinalisedByName,
    ReportFigures Figures);

public enum ReportOutcomeStatus
{
    Ok,
    Forbidden,
    Invalid,
    Conflict,
}

public sealed record ReportOutcome(ReportOutcomeStatus Status, MonthlyReportDto? Report = null, string? Field = null, string? Message = null)
{
    public static ReportOutcome Forbidden() => new(ReportOutcomeStatus.Forbidden, Message: "只有街道指挥中心、领导、系统管理员和村社区工作人员可以查看本范围的研判报告。");

    public static ReportOutcome Invalid(string field, string message) => new(ReportOutcomeStatus.Invalid, Field: field, Message: message);
}

/// <summary>Reads stored reports and shapes them; shared by the slices of the monthly report.</summary>
public sealed class ReportStore(JiexinDbContext db, MonthlyReportFigures figures)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<MonthlyAnalysisReport?> FindAsync(string month, ReportScope scope, bool tracked, CancellationToken ct)
    {
        var rows = tracked ? db.Set<MonthlyAnalysisReport>() : db.Set<MonthlyAnalysisReport>().AsNoTracking();
        return rows.SingleOrDefaultAsync(r => r.Month == month && r.ScopeKind == scope.Kind && r.ScopeId == scope.CommunityId, ct);
    }

    public static string Serialize(ReportFigures f) => JsonSerializer.Serialize(f, Json);

    public async Task<MonthlyReportDto> ShapeAsync(string month, ReportScope scope, MonthlyAnalysisReport? row, ClaimsPrincipal user, CancellationToken ct)
    {
        var frozen = row is { Status: ReportStatus.Final, FiguresJson: { } json };
        var f = frozen ? JsonSerializer.Deserialize<ReportFigures>(row!.FiguresJson!, Json)! : await figures.ComputeAsync(month, scope, ct);
        var status = row?.Status ?? ReportStatus.Draft;
        return new MonthlyReportDto(
            month,
            scope.Kind,
            scope.CommunityOrNull,
            f.ScopeName,
            status,
            StatusName(status),
            row?.Version ?? 0,
            status == ReportStatus.Draft && ReportAccess.CanEdit(user, scope),
            frozen,
            row is null ? Commentary.Empty : new Commentary(row.OverallSituation, row.ProminentIssues, row.RiskAssessment, row.NextSteps),
            row?.UpdatedAt,
            row?.UpdatedByName,
            row?.FinalisedAt,
            row?.FinalisedByName,
            f);
    }

    public static string StatusName(ReportStatus s) => s == ReportStatus.Final ? "已定稿" : "草稿";

    public static string ActorName(ClaimsPrincipal user) => user.FindFirst(JiexinClaims.DisplayName)?.Value ?? user.Identity?.Name ?? "";
}
