using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.ServiceLists.Domain;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;

namespace Jiexin.Modules.ServiceLists.Shared;

/// <summary>
/// Who sees and edits list items: staff whose org scope covers the item's place (its grid, else its community);
/// street-wide resources are read by every staff member (any community may draw on them) and edited by street
/// staff. Residents see only their own needs and published lists. Not visible → 404.
/// </summary>
public sealed class ListAccess(IOrgScope scope, IOrgDirectory directory, ITerritoryLookup territory)
{
    public Guid StreetId => territory.Street?.Id ?? Guid.Empty;

    public static bool IsStaff(ClaimsPrincipal user) => Roles.Staff.Any(user.IsInRole);

    public static string ActorName(ClaimsPrincipal user) =>
        user.FindFirst(JiexinClaims.DisplayName)?.Value ?? user.Identity?.Name ?? "?";

    public OrgUnitRef HomeOf(Guid? communityId, Guid? gridId) =>
        gridId is { } g ? new(OrgUnitKind.Grid, g)
        : communityId is { } c ? new(OrgUnitKind.Community, c)
        : new(OrgUnitKind.Street, StreetId);

    public OrgUnitRef HomeOf(ListItem item) => HomeOf(item.CommunityId, item.GridId);

    public string PlaceName(Guid? communityId, Guid? gridId)
    {
        var home = HomeOf(communityId, gridId);
        return directory.Exists(home) ? directory.Describe(home) : "—";
    }

    /// <summary>The community a grid belongs to, or null when it is no grid of the territory.</summary>
    public Guid? CommunityOfGrid(Guid gridId) =>
        territory.Communities.FirstOrDefault(c => territory.GridsOf(c.Id).Any(g => g.Id == gridId))?.Id;

    public Task<bool> CanEditAsync(ClaimsPrincipal user, ListItem item) =>
        IsStaff(user) ? scope.CanActOnAsync(user, HomeOf(item)) : Task.FromResult(false);

    public Task<bool> CanActOnAsync(ClaimsPrincipal user, OrgUnitRef unit) =>
        IsStaff(user) ? scope.CanActOnAsync(user, unit) : Task.FromResult(false);

    public async Task<bool> CanSeeAsync(ClaimsPrincipal user, ListItem item)
    {
        if (!IsStaff(user))
        {
            return user.IsInRole(Roles.Resident) && item.ResidentUserId is { } r && r == user.GetUserId();
        }

        return item.CommunityId is null || await scope.CanActOnAsync(user, HomeOf(item));
    }

    /// <summary>The same rule as a database filter (staff only; others see nothing through it).</summary>
    public IQueryable<ListItem> Visible(IQueryable<ListItem> query, ClaimsPrincipal user)
    {
        if (!IsStaff(user))
        {
            return query.Where(_ => false);
        }

        var filter = scope.FilterFor(user);
        if (filter.AllTerritory)
        {
            return query;
        }

        var grids = filter.GridIds;
        var communities = filter.CommunityIds;
        return query.Where(i => i.CommunityId == null
            || (i.GridId != null && Enumerable.Contains(grids, i.GridId.Value))
            || (i.GridId == null && Enumerable.Contains(communities, i.CommunityId.Value)));
    }
}
