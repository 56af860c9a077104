using System.Security.Claims;
using Jiexin.Data;

namespace Jiexin.Platform.Auth;

/// <summary>A reference to one org unit: the street, a community, a grid or a department.</summary>
public readonly record struct OrgUnitRef(OrgUnitKind Kind, Guid Id)
{
    public override string ToString() => $"{Kind}:{Id}";

    /// <summary>Reads the <see cref="ToString"/> form, <c>Grid:3f2c…</c> (kind case-insensitive), e.g. from a URL.</summary>
    public static bool TryParse(string? text, out OrgUnitRef unit)
    {
        unit = default;
        var colon = text?.IndexOf(':') ?? -1;
        if (colon <= 0
            || !Enum.TryParse<OrgUnitKind>(text![..colon], ignoreCase: true, out var kind) || !Enum.IsDefined(kind)
            || !Guid.TryParse(text[(colon + 1)..], out var id))
        {
            return false;
        }

        unit = new OrgUnitRef(kind, id);
        return true;
    }
}

/// <summary>
/// What the authorisation mechanism needs to know of the territory: names and containment.
/// Implemented by the Territory module, which owns the hierarchy street → community → grid.
/// </summary>
public interface IOrgDirectory
{
    /// <summary>True while the territory is the seeded demo subdistrict.</summary>
    bool IsDemo { get; }

    bool Exists(OrgUnitRef unit);

    /// <summary>Human name of a unit, e.g. "新塍社区 · 第3网格".</summary>
    string Describe(OrgUnitRef unit);

    /// <summary>
    /// Does <paramref name="scope"/> cover <paramref name="unit"/>? The street covers everything in it;
    /// a community covers itself and its grids; a grid and a department cover only themselves.
    /// </summary>
    bool Covers(OrgUnitRef scope, OrgUnitRef unit);

    /// <summary>The grids of a community, for filtering lists by scope.</summary>
    IReadOnlyList<Guid> GridIdsOf(Guid communityId);
}

public static class ClaimsPrincipalOrgExtensions
{
    public static OrgUnitRef? GetOrgUnit(this ClaimsPrincipal user)
    {
        var kind = user.FindFirst(JiexinClaims.OrgUnitKind)?.Value;
        var id = user.FindFirst(JiexinClaims.OrgUnitId)?.Value;
        return Enum.TryParse<OrgUnitKind>(kind, out var k) && Guid.TryParse(id, out var g) ? new OrgUnitRef(k, g) : null;
    }

    public static Guid? GetUserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var id) ? id : null;
}
