using Jiexin.Data;

namespace Jiexin.Modules.Territory.Domain;

/// <summary>村/社区: a village or urban community of the street.</summary>
public sealed class Community : IHasVersion
{
    public Guid Id { get; set; }

    public Guid StreetId { get; set; }

    public required string Name { get; set; }

    public string Code { get; set; } = "";

    public CommunityKind Kind { get; set; }

    public int SortOrder { get; set; }

    public int Version { get; set; }
}

public enum CommunityKind
{
    /// <summary>社区 urban community.</summary>
    Community,

    /// <summary>村 village.</summary>
    Village,
}
