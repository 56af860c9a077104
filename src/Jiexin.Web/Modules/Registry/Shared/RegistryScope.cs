using System.Linq.Expressions;
using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;

namespace Jiexin.Modules.Registry.Shared;

/// <summary>Where a new record belongs: a grid (and its community), only a community, or nowhere yet (street).</summary>
public readonly record struct Placement(Guid? CommunityId, Guid? GridId)
{
    public static Placement Of(IGridAttached item) => new(item.CommunityId, item.GridId);
}

/// <summary>
/// Who sees which registry records (docs/decisions/0025-registry.md): a grid worker the records of their grid, community
/// staff those of their community (located or not), street staff everything; departments and residents nothing.
/// </summary>
public sealed class RegistryScope(IOrgScope scope, ITerritoryLookup territory, IGridLocator locator)
{
    /// <summary>Roles that may see an ID number or phone in full, with a reason, audited.</summary>
    public static readonly IReadOnlyList<string> RevealRoles = [Roles.Commander, Roles.CommunityStaff, Roles.GridWorker];

    public static bool MayReveal(ClaimsPrincipal user) => RevealRoles.Any(user.IsInRole);

    public ScopeFilter FilterFor(ClaimsPrincipal user) => scope.FilterFor(user);

    public static bool Includes(ScopeFilter filter, IGridAttached item) =>
        filter.AllTerritory
        || (item.GridId is { } g && filter.GridIds.Contains(g))
        || (item.CommunityId is { } c && filter.CommunityIds.Contains(c));

    public bool CanSee(ClaimsPrincipal user, IGridAttached item) => Includes(scope.FilterFor(user), item);

    public bool CanPlace(ClaimsPrincipal user, Placement placement) =>
        Includes(scope.FilterFor(user), new Probe { CommunityId = placement.CommunityId, GridId = placement.GridId });

    /// <summary>Where a record goes when nothing locates it: the creating staff member's grid or community.</summary>
    public Placement PlacementOf(ClaimsPrincipal user) => user.GetOrgUnit() switch
    {
        { Kind: OrgUnitKind.Grid } u => new Placement(CommunityOfGrid(u.Id), u.Id),
        { Kind: OrgUnitKind.Community } u => new Placement(u.Id, null),
        _ => new Placement(null, null),
    };

    /// <summary>The grid of a point, or null when it is outside the territory.</summary>
    public Placement? Locate(double latitude, double longitude) =>
        locator.Locate(latitude, longitude) is { } l ? new Placement(l.CommunityId, l.GridId) : null;

    public Guid? CommunityOfGrid(Guid gridId)
    {
        foreach (var c in territory.Communities)
        {
            if (territory.GridsOf(c.Id).Any(g => g.Id == gridId))
            {
                return c.Id;
            }
        }

        return null;
    }

    private sealed class Probe : IGridAttached
    {
        public Guid? CommunityId { get; set; }

        public Guid? GridId { get; set; }
    }
}

public static class RegistryQueryExtensions
{
    /// <summary>The records a scope covers, as one SQL <c>WHERE</c> (see <see cref="RegistryScope"/>).</summary>
    public static IQueryable<T> InScope<T>(this IQueryable<T> query, ScopeFilter filter) where T : class, IGridAttached
    {
        if (filter.AllTerritory)
        {
            return query;
        }

        var grids = filter.GridIds;
        var communities = filter.CommunityIds;
        // Spelled out per entity type so EF sees plain member access (no interface cast).
        var item = Expression.Parameter(typeof(T), "x");
        var grid = Expression.Property(item, nameof(IGridAttached.GridId));
        var community = Expression.Property(item, nameof(IGridAttached.CommunityId));
        Expression<Func<Guid?, Guid?, bool>> test = (g, c) =>
            (g != null && Enumerable.Contains(grids, g.Value)) || (c != null && Enumerable.Contains(communities, c.Value));
        var body = new Replace(test.Parameters[0], grid).Visit(new Replace(test.Parameters[1], community).Visit(test.Body))!;
        return query.Where(Expression.Lambda<Func<T, bool>>(body, item));
    }

    private sealed class Replace(Expression from, Expression to) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node) => node == from ? to : base.Visit(node);
    }
}

/// <summary>Names of communities and grids for DTOs, from the in-memory territory.</summary>
public sealed class TerritoryNames(ITerritoryLookup territory)
{
    private Dictionary<Guid, string>? _names;

    public string? Of(Guid? id)
    {
        if (id is not { } value)
        {
            return null;
        }

        _names ??= Build();
        return _names.GetValueOrDefault(value);
    }

    private Dictionary<Guid, string> Build()
    {
        var names = new Dictionary<Guid, string>();
        foreach (var c in territory.Communities)
        {
            names[c.Id] = c.Name;
            foreach (var g in territory.GridsOf(c.Id))
            {
                names[g.Id] = g.Name;
            }
        }

        return names;
    }
}
