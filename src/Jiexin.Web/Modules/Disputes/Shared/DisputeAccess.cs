using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Disputes.Shared;

/// <summary>
/// Who sees a dispute and who may act on it (issue 6 §11): residents their own cases (as a party or the filer);
/// the front desk — staff whose org scope covers the case's place (the street covers all), and whoever took it in;
/// the receiver — the mediator it was routed to, the lead of the room, the staff of the department.
/// Not visible → 404, never 403.
/// </summary>
public sealed class DisputeAccess(IOrgScope scope, ITerritoryLookup territory, JiexinDbContext db)
{
    private Guid[]? _myRooms;

    public Guid StreetId => territory.Street?.Id ?? Guid.Empty;

    /// <summary>Where the case belongs: its grid, else its community, else the street.</summary>
    public OrgUnitRef HomeOf(Dispute d) =>
        d.GridId is { } g ? new(OrgUnitKind.Grid, g)
        : d.CommunityId is { } c ? new(OrgUnitKind.Community, c)
        : new(OrgUnitKind.Street, StreetId);

    public static bool IsStaff(ClaimsPrincipal user) => Roles.Staff.Any(user.IsInRole);

    public async Task<bool> IsDeskAsync(ClaimsPrincipal user, Dispute d) =>
        IsStaff(user) && ((d.CreatedByUserId is { } by && by == user.GetUserId()) || await scope.CanActOnAsync(user, HomeOf(d)));

    public async Task<bool> IsReceiverAsync(ClaimsPrincipal user, Dispute d)
    {
        if (!IsStaff(user))
        {
            return false;
        }

        var me = user.GetUserId();
        return (d.ReceiverUserId is { } u && u == me)
            || (d.ReceiverRoomId is { } room && (await MyRoomsAsync(user)).Contains(room))
            || (d.ReceiverDepartmentId is { } dept && await scope.CanActOnAsync(user, new OrgUnitRef(OrgUnitKind.Department, dept)));
    }

    public async Task<bool> CanSeeAsync(ClaimsPrincipal user, Dispute d)
    {
        var me = user.GetUserId();
        if (user.IsInRole(Roles.Resident) && me is { } resident
            && (d.ReporterUserId == resident || d.Parties.Any(p => p.UserId == resident)))
        {
            return true;
        }

        return await IsDeskAsync(user, d) || await IsReceiverAsync(user, d);
    }

    public async Task<bool> InScopeAsync(ClaimsPrincipal user, DisputeTransition t, Dispute d) => t.Scope switch
    {
        DisputeScope.Desk => await IsDeskAsync(user, d),
        DisputeScope.Receiver => await IsReceiverAsync(user, d),
        _ => await IsDeskAsync(user, d) || await IsReceiverAsync(user, d),
    };

    public async Task<IReadOnlyList<DisputeTransition>> AvailableActionsAsync(ClaimsPrincipal user, Dispute d)
    {
        var result = new List<DisputeTransition>();
        foreach (var t in DisputeWorkflow.Available(d, RolesOf(user)))
        {
            if (await InScopeAsync(user, t, d))
            {
                result.Add(t);
            }
        }

        return result;
    }

    /// <summary>The same rules as a database filter, for lists.</summary>
    public async Task<IQueryable<Dispute>> VisibleAsync(IQueryable<Dispute> query, ClaimsPrincipal user)
    {
        var me = user.GetUserId() ?? Guid.Empty;
        if (!IsStaff(user))
        {
            return user.IsInRole(Roles.Resident)
                ? query.Where(d => d.ReporterUserId == me || d.Parties.Any(p => p.UserId == me))
                : query.Where(_ => false);
        }

        var filter = scope.FilterFor(user);
        if (filter.AllTerritory)
        {
            return query;
        }

        var rooms = await MyRoomsAsync(user);
        var grids = filter.GridIds;
        var communities = filter.CommunityIds;
        var departments = filter.DepartmentIds;
        return query.Where(d => d.CreatedByUserId == me || d.ReceiverUserId == me
            || (d.ReceiverRoomId != null && Enumerable.Contains(rooms, d.ReceiverRoomId.Value))
            || (d.ReceiverDepartmentId != null && Enumerable.Contains(departments, d.ReceiverDepartmentId.Value))
            || (d.GridId != null && Enumerable.Contains(grids, d.GridId.Value))
            || (d.GridId == null && d.CommunityId != null && Enumerable.Contains(communities, d.CommunityId.Value)));
    }

    private async Task<Guid[]> MyRoomsAsync(ClaimsPrincipal user)
    {
        if (_myRooms is null)
        {
            var me = user.GetUserId();
            _myRooms = me is null ? [] : await db.Set<MediationRoom>().AsNoTracking().Where(r => r.LeadUserId == me).Select(r => r.Id).ToArrayAsync();
        }

        return _myRooms;
    }

    public static IReadOnlyCollection<string> RolesOf(ClaimsPrincipal user) => [.. Roles.All.Where(user.IsInRole)];
}
