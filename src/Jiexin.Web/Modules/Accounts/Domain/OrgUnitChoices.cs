using Jiexin.Data;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using static Jiexin.Platform.Localization.Text;

namespace Jiexin.Modules.Accounts.Domain;

/// <summary>One org unit an account can be bound to, as a picker shows it.</summary>
public sealed record OrgUnitChoice(OrgUnitKind Kind, Guid Id, string Name, string Group)
{
    public OrgUnitRef Ref => new(Kind, Id);

    /// <summary>The picker's value: <c>Grid:3f2c…</c> (<see cref="OrgUnitRef.ToString"/>).</summary>
    public string Key => Ref.ToString();
}

/// <summary>The units of the territory (from the Territory module's lookup) that fit a role.</summary>
public sealed class OrgUnitChoices(ITerritoryLookup territory)
{
    /// <summary>Every unit: the street, each community followed by its grids, then the departments.</summary>
    public IReadOnlyList<OrgUnitChoice> All()
    {
        var choices = new List<OrgUnitChoice>();
        if (territory.Street is { } street)
        {
            choices.Add(new(OrgUnitKind.Street, street.Id, street.Name, T("街道", "Street")));
        }

        foreach (var community in territory.Communities)
        {
            choices.Add(new(OrgUnitKind.Community, community.Id, community.Name, T("村社区", "Communities")));
        }

        foreach (var community in territory.Communities)
        {
            foreach (var grid in territory.GridsOf(community.Id))
            {
                choices.Add(new(OrgUnitKind.Grid, grid.Id, $"{community.Name} · {grid.Name}", T("网格", "Grids") + " · " + community.Name));
            }
        }

        foreach (var department in territory.Departments)
        {
            choices.Add(new(OrgUnitKind.Department, department.Id, department.Name, T("部门", "Departments")));
        }

        return choices;
    }

    /// <summary>The units a role may be bound to (none for residents).</summary>
    public IReadOnlyList<OrgUnitChoice> For(string? role)
    {
        var kinds = role is null ? [] : RoleUnits.AllowedKinds(role);
        return [.. All().Where(c => kinds.Contains(c.Kind))];
    }
}
