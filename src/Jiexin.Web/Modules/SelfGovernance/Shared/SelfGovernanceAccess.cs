using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;

namespace Jiexin.Modules.SelfGovernance.Shared;

/// <summary>
/// Self-governance items belong to a community. Staff whose org scope covers the community (its community staff, the
/// street's commanders and leaders, admins) see them; community staff, commanders and admins manage them. Leaders
/// read. Not visible → 404, never 403.
/// </summary>
public sealed class SelfGovernanceAccess(IOrgScope scope, IOrgDirectory orgs, ITerritoryLookup territory)
{
    private static readonly string[] ManagerRoles = [Roles.CommunityStaff, Roles.Commander, Roles.Admin];

    public static bool IsStaff(ClaimsPrincipal user) => Roles.Staff.Any(user.IsInRole);

    public static bool IsManager(ClaimsPrincipal user) => ManagerRoles.Any(user.IsInRole);

    public bool CommunityExists(Guid communityId) => orgs.Exists(new OrgUnitRef(OrgUnitKind.Community, communityId));

    public string CommunityName(Guid communityId) => territory.Communities.FirstOrDefault(c => c.Id == communityId)?.Name ?? "";

    public async Task<bool> CanSeeAsync(ClaimsPrincipal user, Guid communityId) =>
        IsStaff(user) && await scope.CanActOnAsync(user, new OrgUnitRef(OrgUnitKind.Community, communityId));

    public async Task<bool> CanManageAsync(ClaimsPrincipal user, Guid communityId) =>
        IsManager(user) && await scope.CanActOnAsync(user, new OrgUnitRef(OrgUnitKind.Community, communityId));

    /// <summary>The communities whose items the user may list; null means all.</summary>
    public Guid[]? VisibleCommunities(ClaimsPrincipal user)
    {
        if (!IsStaff(user))
        {
            return [];
        }

        var filter = scope.FilterFor(user);
        return filter.AllTerritory ? null : filter.CommunityIds;
    }

    /// <summary>Communities the user may choose in a form (all for street staff, their own for community staff).</summary>
    public IReadOnlyList<OrgUnitSummary> ChoosableCommunities(ClaimsPrincipal user)
    {
        var visible = VisibleCommunities(user);
        return [.. territory.Communities.Where(c => visible is null || visible.Contains(c.Id))];
    }
}
