using Jiexin.Data;

namespace Jiexin.Platform.Auth;

/// <summary>
/// Which kind of org unit each role is bound to. One table, used both when an account is created or edited
/// (the unit must fit the role) and when a scope is checked (a binding that does not fit grants nothing).
/// </summary>
public static class RoleUnits
{
    private static readonly Dictionary<string, OrgUnitKind[]> Allowed = new(StringComparer.Ordinal)
    {
        [Roles.Resident] = [],
        [Roles.GridWorker] = [OrgUnitKind.Grid],
        [Roles.CommunityStaff] = [OrgUnitKind.Community],
        [Roles.DepartmentStaff] = [OrgUnitKind.Department],
        [Roles.Mediator] = [OrgUnitKind.Department, OrgUnitKind.Street],
        [Roles.Commander] = [OrgUnitKind.Street],
        [Roles.Leader] = [OrgUnitKind.Street],
        [Roles.Admin] = [OrgUnitKind.Street],
    };

    /// <summary>The unit kinds a role may be bound to; empty for residents (and for unknown roles).</summary>
    public static IReadOnlyList<OrgUnitKind> AllowedKinds(string role) =>
        Allowed.TryGetValue(role, out var kinds) ? kinds : [];

    /// <summary>True when the role needs an org unit (every staff role).</summary>
    public static bool RequiresUnit(string role) => AllowedKinds(role).Count > 0;

    /// <summary>Does a binding to <paramref name="kind"/> (null: no unit) fit <paramref name="role"/>?</summary>
    public static bool Fits(string role, OrgUnitKind? kind) =>
        Allowed.TryGetValue(role, out var kinds) && (kind is null ? kinds.Length == 0 : kinds.Contains(kind.Value));

    /// <summary>zh-CN description of what a role must be bound to, for validation messages.</summary>
    public static string Requirement(string role) => AllowedKinds(role) switch
    {
        [] => Localization.Text.T("居民账号不绑定组织单元", "a resident account has no org unit"),
        var kinds => Localization.Text.T(
            $"{Roles.DisplayName(role)}必须绑定到{string.Join("或", kinds.Select(KindName))}",
            $"a {Roles.DisplayName(role)} must be bound to a {string.Join(" or ", kinds.Select(KindName))}"),
    };

    public static string KindName(OrgUnitKind kind) => kind switch
    {
        OrgUnitKind.Street => Localization.Text.T("街道", "street"),
        OrgUnitKind.Community => Localization.Text.T("村社区", "community"),
        OrgUnitKind.Grid => Localization.Text.T("网格", "grid"),
        OrgUnitKind.Department => Localization.Text.T("部门", "department"),
        _ => kind.ToString(),
    };
}
