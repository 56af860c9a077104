using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;

namespace Jiexin.Modules.Events.Shared;

/// <summary>
/// Who may see an event and which actions they may take on it: residents their own events only; staff the events
/// of the grids their scope covers, or that are assigned to a unit their scope covers.
/// </summary>
public sealed class EventAccess(IOrgScope scope, ITerritoryLookup territory)
{
    public Guid StreetId => territory.Street?.Id ?? Guid.Empty;

    public async Task<bool> CanSeeAsync(ClaimsPrincipal user, Event e)
    {
        if (user.IsInRole(Roles.Resident) && e.ReporterUserId is { } reporter && reporter == user.GetUserId())
        {
            return true;
        }

        if (!Roles.Staff.Any(user.IsInRole))
        {
            return false;
        }

        var home = e.GridId is { } grid ? new OrgUnitRef(OrgUnitKind.Grid, grid) : new OrgUnitRef(OrgUnitKind.Street, StreetId);
        if (await scope.CanActOnAsync(user, home))
        {
            return true;
        }

        if (e.AssigneeKind is { } kind && e.AssigneeId is { } id && await scope.CanActOnAsync(user, new OrgUnitRef(kind, id)))
        {
            return true;
        }

        // Every department summoned to it (吹哨报到 / 多部门派单), not only the lead one (needs Summons loaded).
        foreach (var summons in MultiDepartment.CurrentSummons(e))
        {
            if (await scope.CanActOnAsync(user, new OrgUnitRef(OrgUnitKind.Department, summons.DepartmentId)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the user's scope covers the unit a transition is checked against.</summary>
    public async Task<bool> InScopeAsync(ClaimsPrincipal user, Transition transition, Event e) => transition.Scope switch
    {
        ScopeTarget.Reporter => e.ReporterUserId is { } reporter && reporter == user.GetUserId(),
        ScopeTarget.Summons => user.GetOrgUnit() is { } unit && MultiDepartment.SummonsOf(e, unit) is not null && await scope.CanActOnAsync(user, unit),
        _ => EventWorkflow.ScopeUnit(transition, e, StreetId) is { } unit && await scope.CanActOnAsync(user, unit),
    };

    /// <summary>The actions this user may take on the event now: state, role and scope.</summary>
    public async Task<IReadOnlyList<Transition>> AvailableActionsAsync(ClaimsPrincipal user, Event e)
    {
        var roles = RolesOf(user);
        var result = new List<Transition>();
        foreach (var transition in EventWorkflow.Available(e, roles, user.GetOrgUnit()))
        {
            if (await InScopeAsync(user, transition, e))
            {
                result.Add(transition);
            }
        }

        return result;
    }

    public Task<bool> CanActOnAsync(ClaimsPrincipal user, OrgUnitRef unit) => scope.CanActOnAsync(user, unit);

    public static IReadOnlyCollection<string> RolesOf(ClaimsPrincipal user) =>
        [.. Roles.All.Where(user.IsInRole)];
}
