using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Platform.Auth;

namespace Jiexin.Modules.Disputes.Screening;

/// <summary>
/// Who sees and records 排查: staff whose org scope covers the round's grid (a grid worker their grid, community staff
/// their community, the street everything). Recording: grid workers, community staff, the command centre; turning a
/// risk into a case (纳入调处): community staff, mediators, the command centre. Not visible → 404.
/// </summary>
public sealed class ScreeningAccess(IOrgScope scope)
{
    public static readonly string[] RecordingRoles = [Roles.GridWorker, Roles.CommunityStaff, Roles.Commander, Roles.Admin];

    public static readonly string[] IntakeRoles = [Roles.CommunityStaff, Roles.Mediator, Roles.Commander, Roles.Admin];

    public static bool CanRecord(ClaimsPrincipal user) => RecordingRoles.Any(user.IsInRole);

    public static bool CanIntake(ClaimsPrincipal user) => IntakeRoles.Any(user.IsInRole);

    public Task<bool> CanSeeAsync(ClaimsPrincipal user, Guid gridId) =>
        Roles.Staff.Any(user.IsInRole) ? scope.CanActOnAsync(user, new OrgUnitRef(OrgUnitKind.Grid, gridId)) : Task.FromResult(false);

    public IQueryable<ScreeningRound> Visible(IQueryable<ScreeningRound> query, ClaimsPrincipal user)
    {
        if (!Roles.Staff.Any(user.IsInRole))
        {
            return query.Where(_ => false);
        }

        var filter = scope.FilterFor(user);
        if (filter.AllTerritory)
        {
            return query;
        }

        var grids = filter.GridIds;
        return query.Where(r => Enumerable.Contains(grids, r.GridId));
    }
}
