using System.Security.Claims;
using Jiexin.Data;
using Microsoft.AspNetCore.Authorization;

namespace Jiexin.Platform.Auth;

/// <summary>
/// THE question every module asks before showing or changing an item: "may this user act on something that
/// belongs to org unit X?" (docs/decisions/0006-org-scope-authorisation.md). Inject it; never test roles and
/// unit ids by hand.
/// </summary>
public interface IOrgScope
{
    /// <summary>May <paramref name="user"/> act on an item that belongs to <paramref name="unit"/>?</summary>
    Task<bool> CanActOnAsync(ClaimsPrincipal user, OrgUnitRef unit);

    /// <summary>Every unit <paramref name="user"/> may act on, as id sets for filtering lists in the database.</summary>
    ScopeFilter FilterFor(ClaimsPrincipal user);

    /// <summary>What one unit covers (a community: itself and its grids), e.g. to list a unit's items.</summary>
    ScopeFilter FilterFor(OrgUnitRef unit);
}

/// <summary>The resource-based requirement behind <see cref="IOrgScope"/>: the resource is an <see cref="OrgUnitRef"/>.</summary>
public sealed class OrgScopeRequirement : IAuthorizationRequirement
{
    public static readonly OrgScopeRequirement Instance = new();

    private OrgScopeRequirement() { }
}

/// <summary>
/// Succeeds when the user's roles and org unit cover the resource unit. Registered with ASP.NET Core
/// authorization, so <c>IAuthorizationService.AuthorizeAsync(user, unit, OrgScopeRequirement.Instance)</c>
/// and <see cref="IOrgScope.CanActOnAsync"/> give the same answer.
/// </summary>
public sealed class OrgScopeHandler(IOrgDirectory directory) : AuthorizationHandler<OrgScopeRequirement, OrgUnitRef>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OrgScopeRequirement requirement, OrgUnitRef resource)
    {
        if (OrgScopeRules.CanActOn(context.User, resource, directory))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// The rules, pure: Admin acts on every existing unit; Commander, Leader (and a Mediator) bound to the street on
/// everything in it; CommunityStaff on its community and that community's grids; GridWorker on its grid;
/// DepartmentStaff and Mediator on their department. Residents have no unit: modules check their own items by
/// owner id. A binding whose kind does not fit the role (a GridWorker bound to the street) grants nothing.
/// </summary>
public static class OrgScopeRules
{
    public static bool CanActOn(ClaimsPrincipal user, OrgUnitRef unit, IOrgDirectory directory)
    {
        if (user.Identity?.IsAuthenticated != true || !directory.Exists(unit))
        {
            return false;
        }

        if (user.IsInRole(Roles.Admin))
        {
            return true;
        }

        return BoundScope(user) is { } scope && directory.Covers(scope, unit);
    }

    public static ScopeFilter FilterFor(ClaimsPrincipal user, IOrgDirectory directory)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return ScopeFilter.Nothing;
        }

        if (user.IsInRole(Roles.Admin))
        {
            return ScopeFilter.Everything;
        }

        return BoundScope(user) is { } scope ? FilterFor(scope, directory) : ScopeFilter.Nothing;
    }

    public static ScopeFilter FilterFor(OrgUnitRef unit, IOrgDirectory directory)
    {
        if (!directory.Exists(unit))
        {
            return ScopeFilter.Nothing;
        }

        return unit.Kind switch
        {
            OrgUnitKind.Street => ScopeFilter.Everything,
            OrgUnitKind.Community => new ScopeFilter { CommunityIds = [unit.Id], GridIds = [.. directory.GridIdsOf(unit.Id)] },
            OrgUnitKind.Grid => new ScopeFilter { GridIds = [unit.Id] },
            OrgUnitKind.Department => new ScopeFilter { DepartmentIds = [unit.Id] },
            _ => ScopeFilter.Nothing,
        };
    }

    /// <summary>The user's unit when one of the user's staff roles may be bound to that kind of unit; otherwise null.</summary>
    private static OrgUnitRef? BoundScope(ClaimsPrincipal user)
    {
        if (user.GetOrgUnit() is not { } unit)
        {
            return null;
        }

        foreach (var role in Roles.Staff)
        {
            if (user.IsInRole(role) && RoleUnits.Fits(role, unit.Kind))
            {
                return unit;
            }
        }

        return null;
    }
}

internal sealed class OrgScope(IAuthorizationService authorization, IOrgDirectory directory) : IOrgScope
{
    public async Task<bool> CanActOnAsync(ClaimsPrincipal user, OrgUnitRef unit) =>
        (await authorization.AuthorizeAsync(user, unit, OrgScopeRequirement.Instance)).Succeeded;

    public ScopeFilter FilterFor(ClaimsPrincipal user) => OrgScopeRules.FilterFor(user, directory);

    public ScopeFilter FilterFor(OrgUnitRef unit) => OrgScopeRules.FilterFor(unit, directory);
}
