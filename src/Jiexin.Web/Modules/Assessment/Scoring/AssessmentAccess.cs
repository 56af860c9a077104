using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Platform.Auth;

namespace Jiexin.Modules.Assessment.Scoring;

/// <summary>
/// Who reads assessment and which rows: the command centre, leaders and Admin see every unit; a community's staff its
/// community and its grids; a grid worker its grid; a department its own row. Ranks are always among all units.
/// Only Admin changes rules and 包干; the command centre and Admin close a month.
/// </summary>
public sealed class AssessmentAccess(IOrgScope scopes)
{
    public static readonly string[] Readers =
        [Roles.Commander, Roles.Leader, Roles.Admin, Roles.CommunityStaff, Roles.GridWorker, Roles.DepartmentStaff];

    public static readonly string[] Closers = [Roles.Commander, Roles.Admin];

    public const string ReaderRoles = "Commander,Leader,Admin,CommunityStaff,GridWorker,DepartmentStaff";

    /// <summary>Null when the user may not read assessment at all (no role or no scope).</summary>
    public ScopeFilter? RowsFor(ClaimsPrincipal user)
    {
        if (!Readers.Any(user.IsInRole))
        {
            return null;
        }

        var scope = scopes.FilterFor(user);
        return scope.IsEmpty ? null : scope;
    }

    public static bool Sees(ScopeFilter scope, OrgUnitKind kind, Guid id) => scope.Includes(kind, id);
}
