using Jiexin.Data;
using Jiexin.Platform.Auth;

namespace Jiexin.Modules.Accounts.Domain;

/// <summary>What the create and edit dialogs bind to; the handlers validate it (and say what is wrong, per field).</summary>
public sealed class AccountForm
{
    public string? UserName { get; set; }

    public string? DisplayName { get; set; }

    public string? Role { get; set; }

    /// <summary>The chosen unit as <c>Kind:id</c> (<see cref="OrgUnitChoice.Key"/>).</summary>
    public string? Unit { get; set; }

    public string? Password { get; set; }

    public OrgUnitKind? UnitKind => OrgUnitRef.TryParse(Unit, out var unit) ? unit.Kind : null;

    public Guid? UnitId => OrgUnitRef.TryParse(Unit, out var unit) ? unit.Id : null;
}
