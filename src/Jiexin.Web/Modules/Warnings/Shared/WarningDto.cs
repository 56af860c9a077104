using System.Security.Claims;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.Modules.Warnings.Domain;
using Jiexin.Platform.Auth;

namespace Jiexin.Modules.Warnings.Shared;

/// <summary>An alert as the API and pages show it.</summary>
public sealed record WarningDto(
    Guid Id,
    WarningKind Kind,
    string KindName,
    WarningSeverity Severity,
    string SeverityName,
    WarningStatus Status,
    string StatusName,
    string Title,
    string Summary,
    WarningEvidence Evidence,
    Guid? CommunityId,
    string? CommunityName,
    Guid? GridId,
    string? GridName,
    Guid? DepartmentId,
    string? DepartmentName,
    DateTime RaisedAt,
    DateTime? AcknowledgedAt,
    string? AcknowledgedByName,
    OrgUnitKind? AssigneeKind,
    Guid? AssigneeId,
    string? AssigneeName,
    Guid? AssigneeUserId,
    string? AssignNote,
    DateTime? AssignedAt,
    string? AssignedByName,
    DateTime? ClosedAt,
    string? CloseNote,
    int Version,
    DateTime? ResponseDueAt,
    DateTime? RespondedAt,
    string? RespondedByName,
    string? ResponseMeasure,
    DateTime? EscalatedAt)
{
    public static WarningDto From(Warning w, IOrgDirectory orgs, string? assigneeUserName = null) => new(
        w.Id, w.Kind, NameOf(w.Kind), w.Severity, NameOf(w.Severity), w.Status, NameOf(w.Status), w.Title, w.Summary,
        JsonSerializer.Deserialize<WarningEvidence>(w.EvidenceJson, Evaluate.EvaluateWarnings.Json) ?? new(new Dictionary<string, double>(), [], []),
        w.CommunityId, Name(orgs, OrgUnitKind.Community, w.CommunityId),
        w.GridId, Name(orgs, OrgUnitKind.Grid, w.GridId),
        w.DepartmentId, Name(orgs, OrgUnitKind.Department, w.DepartmentId),
        w.RaisedAt, w.AcknowledgedAt, w.AcknowledgedByName,
        w.AssigneeKind, w.AssigneeId,
        w.AssigneeKind is { } k && w.AssigneeId is { } id ? orgs.Describe(new OrgUnitRef(k, id)) : assigneeUserName,
        w.AssigneeUserId, w.AssignNote, w.AssignedAt, w.AssignedByName, w.ClosedAt, w.CloseNote, w.Version,
        w.ResponseDueAt, w.RespondedAt, w.RespondedByName, w.ResponseMeasure, w.EscalatedAt);

    private static string? Name(IOrgDirectory orgs, OrgUnitKind kind, Guid? id) => id is { } i ? orgs.Describe(new OrgUnitRef(kind, i)) : null;

    public static string NameOf(WarningKind k) => k switch
    {
        WarningKind.CategorySpike => "类别激增",
        WarningKind.RepeatedPlace => "同地重复上报",
        WarningKind.RepeatedReporter => "同人重复上报",
        WarningKind.DisputeRisk => "矛盾纠纷风险",
        WarningKind.OverdueCluster => "超期积压",
        WarningKind.ScreeningRisk => "排查隐患",
        _ => k.ToString(),
    };

    public static string NameOf(WarningSeverity s) => s switch
    {
        WarningSeverity.Red => "红色",
        WarningSeverity.Orange => "橙色",
        _ => "黄色",
    };

    public static string NameOf(WarningStatus s) => s switch
    {
        WarningStatus.Open => "待确认",
        WarningStatus.Acknowledged => "已确认",
        WarningStatus.Assigned => "已指派",
        _ => "已关闭",
    };
}

/// <summary>
/// Who sees and who acts: street-wide staff see every alert, others those of their community, grid or department and
/// those assigned to their unit or to them; Commander and Admin act.
/// </summary>
public sealed class WarningAccess(IOrgScope scope)
{
    public static readonly string[] ActingRoles = [Roles.Commander, Roles.Admin];

    public static bool CanAct(ClaimsPrincipal user) => ActingRoles.Any(user.IsInRole);

    public IQueryable<Warning> Visible(IQueryable<Warning> query, ClaimsPrincipal user)
    {
        var filter = scope.FilterFor(user);
        if (filter.AllTerritory)
        {
            return query;
        }

        var communities = filter.CommunityIds;
        var grids = filter.GridIds;
        var departments = filter.DepartmentIds;
        var me = user.GetUserId() ?? Guid.Empty;
        return query.Where(w => (w.CommunityId != null && Enumerable.Contains(communities, w.CommunityId.Value))
                                || (w.GridId != null && Enumerable.Contains(grids, w.GridId.Value))
                                || (w.DepartmentId != null && Enumerable.Contains(departments, w.DepartmentId.Value))
                                || (w.AssigneeId != null && w.AssigneeKind == OrgUnitKind.Community && Enumerable.Contains(communities, w.AssigneeId.Value))
                                || (w.AssigneeId != null && w.AssigneeKind == OrgUnitKind.Grid && Enumerable.Contains(grids, w.AssigneeId.Value))
                                || (w.AssigneeId != null && w.AssigneeKind == OrgUnitKind.Department && Enumerable.Contains(departments, w.AssigneeId.Value))
                                || w.AssigneeUserId == me);
    }
}
