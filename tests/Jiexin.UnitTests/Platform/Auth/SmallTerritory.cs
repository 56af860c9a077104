using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Platform.Auth;

namespace Jiexin.UnitTests.Platform.Auth;

/// <summary>
/// A hand-built territory: street S; community C1 with grids G1 and G2; community C2 with grid G3;
/// departments D1 and D2. Containment as <see cref="IOrgDirectory.Covers"/> documents it.
/// </summary>
internal sealed class SmallTerritory : IOrgDirectory
{
    public static readonly OrgUnitRef S = new(OrgUnitKind.Street, Id(1));
    public static readonly OrgUnitRef C1 = new(OrgUnitKind.Community, Id(11));
    public static readonly OrgUnitRef C2 = new(OrgUnitKind.Community, Id(12));
    public static readonly OrgUnitRef G1 = new(OrgUnitKind.Grid, Id(111));
    public static readonly OrgUnitRef G2 = new(OrgUnitKind.Grid, Id(112));
    public static readonly OrgUnitRef G3 = new(OrgUnitKind.Grid, Id(121));
    public static readonly OrgUnitRef D1 = new(OrgUnitKind.Department, Id(31));
    public static readonly OrgUnitRef D2 = new(OrgUnitKind.Department, Id(32));

    /// <summary>A community that is not (or no longer) in the territory.</summary>
    public static readonly OrgUnitRef Gone = new(OrgUnitKind.Community, Id(99));

    public static readonly IReadOnlyDictionary<string, OrgUnitRef> ByName = new Dictionary<string, OrgUnitRef>
    {
        ["S"] = S, ["C1"] = C1, ["C2"] = C2, ["G1"] = G1, ["G2"] = G2, ["G3"] = G3, ["D1"] = D1, ["D2"] = D2, ["Gone"] = Gone,
    };

    public static readonly OrgUnitRef[] Units = [S, C1, C2, G1, G2, G3, D1, D2];

    private static readonly Dictionary<Guid, Guid> CommunityOfGrid = new() { [G1.Id] = C1.Id, [G2.Id] = C1.Id, [G3.Id] = C2.Id };

    public bool IsDemo => false;

    public bool Exists(OrgUnitRef unit) => Units.Contains(unit);

    public string Describe(OrgUnitRef unit) => ByName.First(p => p.Value == unit).Key;

    public bool Covers(OrgUnitRef scope, OrgUnitRef unit)
    {
        if (!Exists(scope) || !Exists(unit))
        {
            return false;
        }

        return scope.Kind switch
        {
            OrgUnitKind.Street => true,
            OrgUnitKind.Community => unit == scope || (unit.Kind == OrgUnitKind.Grid && CommunityOfGrid[unit.Id] == scope.Id),
            _ => unit == scope,
        };
    }

    public IReadOnlyList<Guid> GridIdsOf(Guid communityId) => [.. CommunityOfGrid.Where(p => p.Value == communityId).Select(p => p.Key)];

    /// <summary>A signed-in user with one role, bound to a unit (or none).</summary>
    public static ClaimsPrincipal User(string role, OrgUnitRef? unit, bool authenticated = true)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new(ClaimTypes.Name, "u-" + role), new(ClaimTypes.Role, role) };
        if (unit is { } u)
        {
            claims.Add(new(JiexinClaims.OrgUnitKind, u.Kind.ToString()));
            claims.Add(new(JiexinClaims.OrgUnitId, u.Id.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticated ? "test" : null));
    }

    private static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:D12}");
}
