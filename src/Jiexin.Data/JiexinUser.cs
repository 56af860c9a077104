using Microsoft.AspNetCore.Identity;

namespace Jiexin.Data;

/// <summary>An account. Staff accounts are bound to exactly one org unit; residents to none.</summary>
public sealed class JiexinUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    public OrgUnitKind? OrgUnitKind { get; set; }

    public Guid? OrgUnitId { get; set; }

    public bool IsDisabled { get; set; }

    public DateTime CreatedAt { get; set; }
}

public sealed class JiexinRole : IdentityRole<Guid>
{
    public JiexinRole() { }

    public JiexinRole(string name) : base(name) { }
}

/// <summary>The kinds of org unit a staff account can be bound to (DOMAIN.md: street, community, grid, department).</summary>
public enum OrgUnitKind
{
    Street,
    Community,
    Grid,
    Department,
}
