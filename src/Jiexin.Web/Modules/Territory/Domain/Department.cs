using Jiexin.Data;

namespace Jiexin.Modules.Territory.Domain;

/// <summary>职能部门 and the other parties work is dispatched to.</summary>
public sealed class Department : IHasVersion
{
    public Guid Id { get; set; }

    public Guid StreetId { get; set; }

    public required string Name { get; set; }

    /// <summary>Short name used in lists and user names, e.g. 城管.</summary>
    public string ShortName { get; set; } = "";

    public DepartmentKind Kind { get; set; }

    public string? Phone { get; set; }

    public int SortOrder { get; set; }

    public int Version { get; set; }
}

public enum DepartmentKind
{
    /// <summary>职能部门 functional department (城管, 住建, 市场监管 ...).</summary>
    Functional,

    /// <summary>公用事业 utility (power, gas, water companies).</summary>
    Utility,

    /// <summary>物业公司 property company.</summary>
    PropertyCompany,

    /// <summary>调解渠道 mediation channel (诉调, 警调, 专调, 访调, 劳调).</summary>
    MediationChannel,
}
