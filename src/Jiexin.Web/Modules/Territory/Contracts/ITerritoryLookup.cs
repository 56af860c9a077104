namespace Jiexin.Modules.Territory.Contracts;

/// <summary>One org unit of the territory as other modules see it.</summary>
public sealed record OrgUnitSummary(Guid Id, string Name, string ShortName, Guid? ParentId);

/// <summary>One grid's outline for maps: its boundary as GeoJSON geometry text (WGS 84 lng/lat).</summary>
public sealed record GridOutline(Guid Id, string Name, string Code, Guid CommunityId, string BoundaryGeoJson);

/// <summary>Read-only lookups of the territory tree for other modules (served from the in-memory directory).</summary>
public interface ITerritoryLookup
{
    OrgUnitSummary? Street { get; }

    /// <summary>Communities and villages in display order.</summary>
    IReadOnlyList<OrgUnitSummary> Communities { get; }

    /// <summary>Grids of one community in code order.</summary>
    IReadOnlyList<OrgUnitSummary> GridsOf(Guid communityId);

    /// <summary>Every grid with its boundary, communities in display order, grids in code order (for maps).</summary>
    IReadOnlyList<GridOutline> GridOutlines { get; }

    IReadOnlyList<OrgUnitSummary> Departments { get; }

    OrgUnitSummary? FindDepartmentByShortName(string shortName);
}
