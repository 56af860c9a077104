namespace Jiexin.Modules.Territory.Contracts;

/// <summary>One org unit of the territory as other modules see it.</summary>
public sealed record OrgUnitSummary(Guid Id, string Name, string ShortName, Guid? ParentId);

/// <summary>Read-only lookups of the territory tree for other modules (served from the in-memory directory).</summary>
public interface ITerritoryLookup
{
    OrgUnitSummary? Street { get; }

    /// <summary>Communities and villages in display order.</summary>
    IReadOnlyList<OrgUnitSummary> Communities { get; }

    /// <summary>Grids of one community in code order.</summary>
    IReadOnlyList<OrgUnitSummary> GridsOf(Guid communityId);

    IReadOnlyList<OrgUnitSummary> Departments { get; }

    OrgUnitSummary? FindDepartmentByShortName(string shortName);
}
