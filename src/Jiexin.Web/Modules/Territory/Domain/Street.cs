using Jiexin.Data;

namespace Jiexin.Modules.Territory.Domain;

/// <summary>街道: the subdistrict this installation serves. One per installation.</summary>
public sealed class Street : IHasVersion
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Administrative division code (行政区划代码), e.g. 320282xxx.</summary>
    public string Code { get; set; } = "";

    /// <summary>True for the seeded demo subdistrict: the UI marks it as demo data.</summary>
    public bool IsDemo { get; set; }

    public int Version { get; set; }
}
