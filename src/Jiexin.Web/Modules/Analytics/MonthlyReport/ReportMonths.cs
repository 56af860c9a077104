using System.Security.Claims;
using Jiexin.Modules.Analytics.Domain;
using Jiexin.Platform.Auth;

namespace Jiexin.Modules.Analytics.MonthlyReport;

/// <summary>
/// Who reads and writes which report: street-wide accounts (Commander, Leader, Admin) the street's; community staff
/// their community's. Street reports are written by Commander and Admin, community reports by the community's staff
/// (and Admin); Leader reads.
/// </summary>
public static class ReportAccess
{
    public const string ReaderRoles = $"{Roles.Commander},{Roles.Leader},{Roles.Admin},{Roles.CommunityStaff}";

    public static readonly string[] Readers = [Roles.Commander, Roles.Leader, Roles.Admin, Roles.CommunityStaff];

    /// <summary>The report the user's scope gives: the street when it covers all territory, its community when bound to one; else none.</summary>
    public static ReportScope? ScopeOf(ClaimsPrincipal user, IOrgScope scopes)
    {
        if (!Readers.Any(user.IsInRole))
        {
            return null;
        }

        var filter = scopes.FilterFor(user);
        return filter.AllTerritory ? ReportScope.Street
            : filter.CommunityIds.Length == 1 ? new ReportScope(ReportScopeKind.Community, filter.CommunityIds[0])
            : null;
    }

    public static bool CanEdit(ClaimsPrincipal user, ReportScope scope) =>
        user.IsInRole(Roles.Admin)
        || (scope.Kind == ReportScopeKind.Street ? user.IsInRole(Roles.Commander) : user.IsInRole(Roles.CommunityStaff));
}
