using System.Security.Claims;
using Jiexin.Platform.Auth;

namespace Jiexin.Modules.Disputes.Analysis;

public enum AnalysisScopeKind
{
    /// <summary>The whole centre: commander, leader, admin.</summary>
    Street,

    /// <summary>One community's cases: its community staff.</summary>
    Community,

    /// <summary>A mediator's own cases and rooms (what the queue shows them); the meeting read is the street's.</summary>
    Mediator,
}

/// <summary>Whose analysis: <see cref="MeetingScopeId"/> is the community, or <see cref="Guid.Empty"/> for the street's meeting.</summary>
public sealed record AnalysisScope(AnalysisScopeKind Kind, Guid? CommunityId)
{
    public Guid MeetingScopeId => Kind == AnalysisScopeKind.Community ? CommunityId!.Value : Guid.Empty;
}

/// <summary>
/// Who reads and writes the dispute analysis (分析研判) and statistics (信息报送): street-wide accounts the whole centre,
/// community staff their community, mediators their own cases (issue 6 §11). The street's meeting record is written by
/// Commander and Admin, a community's by its staff; mediators and leaders read.
/// </summary>
public static class AnalysisAccess
{
    public const string ReaderRoles = $"{Roles.Commander},{Roles.Leader},{Roles.Admin},{Roles.CommunityStaff},{Roles.Mediator}";

    public static AnalysisScope? ScopeOf(ClaimsPrincipal user, IOrgScope scopes)
    {
        var filter = scopes.FilterFor(user);
        if ((user.IsInRole(Roles.Commander) || user.IsInRole(Roles.Leader) || user.IsInRole(Roles.Admin)) && filter.AllTerritory)
        {
            return new(AnalysisScopeKind.Street, null);
        }

        if (user.IsInRole(Roles.CommunityStaff) && filter.CommunityIds.Length == 1)
        {
            return new(AnalysisScopeKind.Community, filter.CommunityIds[0]);
        }

        return user.IsInRole(Roles.Mediator) ? new(AnalysisScopeKind.Mediator, null) : null;
    }

    public static bool CanEdit(ClaimsPrincipal user, AnalysisScope scope) => scope.Kind switch
    {
        AnalysisScopeKind.Street => user.IsInRole(Roles.Commander) || user.IsInRole(Roles.Admin),
        AnalysisScopeKind.Community => user.IsInRole(Roles.CommunityStaff),
        _ => false,
    };

    public const string Refused = "只有街道指挥中心、领导、系统管理员、村社区工作人员和调解员可以查看矛盾纠纷分析研判。";

    public const string EditRefused = "您只能查看本范围的分析研判会记录，不能修改。";
}

public enum AnalysisOutcomeStatus
{
    Ok,
    Forbidden,
    Invalid,
    NotFound,
    Conflict,
}

/// <summary>What a slice of the analysis answers: the value, or why not (mapped to 403/400/404/409 problem+json).</summary>
public sealed record AnalysisOutcome<T>(AnalysisOutcomeStatus Status, T? Value = default, string? Field = null, string? Message = null)
    where T : class
{
    public static AnalysisOutcome<T> Ok(T value) => new(AnalysisOutcomeStatus.Ok, value);

    public static AnalysisOutcome<T> Forbidden(string message = AnalysisAccess.Refused) => new(AnalysisOutcomeStatus.Forbidden, Message: message);

    public static AnalysisOutcome<T> Invalid(string field, string message) => new(AnalysisOutcomeStatus.Invalid, Field: field, Message: message);

    public static AnalysisOutcome<T> NotFound(string message) => new(AnalysisOutcomeStatus.NotFound, Message: message);

    public static AnalysisOutcome<T> Conflict(string message, T? current = null) => new(AnalysisOutcomeStatus.Conflict, current, Message: message);
}
