using System.Linq.Expressions;
using Jiexin.Data;

namespace Jiexin.Platform.Auth;

/// <summary>
/// The org units a user may act on, as plain id arrays so that EF Core turns them into <c>IN (...)</c>.
/// <see cref="AllTerritory"/> means "no filter". Get one from <see cref="IOrgScope.FilterFor(System.Security.Claims.ClaimsPrincipal)"/>
/// and apply it with the <see cref="ScopeQueryExtensions"/> (or read the arrays in your own <c>Where</c>).
/// </summary>
public sealed class ScopeFilter
{
    public static readonly ScopeFilter Nothing = new();

    public static readonly ScopeFilter Everything = new() { AllTerritory = true };

    /// <summary>The whole street: every community, grid and department.</summary>
    public bool AllTerritory { get; init; }

    public Guid[] CommunityIds { get; init; } = [];

    /// <summary>Grids in scope, including the grids of the communities in scope.</summary>
    public Guid[] GridIds { get; init; } = [];

    public Guid[] DepartmentIds { get; init; } = [];

    public bool IsEmpty => !AllTerritory && CommunityIds.Length == 0 && GridIds.Length == 0 && DepartmentIds.Length == 0;

    /// <summary>Is this unit in the filter? (The street itself only with <see cref="AllTerritory"/>.)</summary>
    public bool Includes(OrgUnitRef unit) => AllTerritory || unit.Kind switch
    {
        OrgUnitKind.Community => CommunityIds.Contains(unit.Id),
        OrgUnitKind.Grid => GridIds.Contains(unit.Id),
        OrgUnitKind.Department => DepartmentIds.Contains(unit.Id),
        _ => false,
    };

    /// <summary>Same test for a (kind, id) pair that may be unset, as <see cref="ScopeQueryExtensions.WhereUnitInScope"/> applies it.</summary>
    public bool Includes(OrgUnitKind? kind, Guid? id) => AllTerritory || (kind is { } k && id is { } i && Includes(new OrgUnitRef(k, i)));
}

/// <summary>
/// Scope filters as EF Core <c>Where</c> clauses, for the usual ways an item is attached to the territory.
/// (<c>Enumerable.Contains</c> is spelled out: C# 14 would otherwise bind array <c>Contains</c> to the span overload.)
/// </summary>
public static class ScopeQueryExtensions
{
    /// <summary>Items attached to one grid (全要素网格: events, houses, facilities ...).</summary>
    public static IQueryable<T> WhereGridInScope<T>(this IQueryable<T> query, ScopeFilter scope, Expression<Func<T, Guid>> grid)
    {
        if (scope.AllTerritory)
        {
            return query;
        }

        var ids = scope.GridIds;
        Expression<Func<Guid, bool>> test = g => Enumerable.Contains(ids, g);
        return query.Where(Compose(grid, test));
    }

    /// <summary>Items attached to one grid that may be unset (unset: only an all-territory scope sees them).</summary>
    public static IQueryable<T> WhereGridInScope<T>(this IQueryable<T> query, ScopeFilter scope, Expression<Func<T, Guid?>> grid)
    {
        if (scope.AllTerritory)
        {
            return query;
        }

        var ids = scope.GridIds;
        Expression<Func<Guid?, bool>> test = g => g != null && Enumerable.Contains(ids, g.Value);
        return query.Where(Compose(grid, test));
    }

    /// <summary>Items assigned to one department (dispatched tasks, department records).</summary>
    public static IQueryable<T> WhereDepartmentInScope<T>(this IQueryable<T> query, ScopeFilter scope, Expression<Func<T, Guid>> department)
    {
        if (scope.AllTerritory)
        {
            return query;
        }

        var ids = scope.DepartmentIds;
        Expression<Func<Guid, bool>> test = d => Enumerable.Contains(ids, d);
        return query.Where(Compose(department, test));
    }

    /// <summary>
    /// Items bound to a unit of any kind through a (kind, id) pair of columns, like accounts. Street-bound items and
    /// items without a unit are visible only to an all-territory scope.
    /// </summary>
    public static IQueryable<T> WhereUnitInScope<T>(
        this IQueryable<T> query, ScopeFilter scope, Expression<Func<T, OrgUnitKind?>> kind, Expression<Func<T, Guid?>> id)
    {
        if (scope.AllTerritory)
        {
            return query;
        }

        var communities = scope.CommunityIds;
        var grids = scope.GridIds;
        var departments = scope.DepartmentIds;
        Expression<Func<OrgUnitKind?, Guid?, bool>> test = (k, i) => i != null && (
            (k == OrgUnitKind.Community && Enumerable.Contains(communities, i.Value))
            || (k == OrgUnitKind.Grid && Enumerable.Contains(grids, i.Value))
            || (k == OrgUnitKind.Department && Enumerable.Contains(departments, i.Value)));

        var item = Expression.Parameter(typeof(T), "x");
        var body = new Replace(test.Parameters[0], Rebind(kind, item))
            .Visit(new Replace(test.Parameters[1], Rebind(id, item)).Visit(test.Body))!;
        return query.Where(Expression.Lambda<Func<T, bool>>(body, item));
    }

    private static Expression<Func<T, bool>> Compose<T, TKey>(Expression<Func<T, TKey>> selector, Expression<Func<TKey, bool>> test)
    {
        var body = new Replace(test.Parameters[0], selector.Body).Visit(test.Body)!;
        return Expression.Lambda<Func<T, bool>>(body, selector.Parameters[0]);
    }

    private static Expression Rebind<T, TValue>(Expression<Func<T, TValue>> selector, ParameterExpression item) =>
        new Replace(selector.Parameters[0], item).Visit(selector.Body)!;

    private sealed class Replace(Expression from, Expression to) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node) => node == from ? to : base.Visit(node);
    }
}
