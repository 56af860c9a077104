using Jiexin.Data;

namespace Jiexin.Modules.Territory.Domain;

/// <summary>网格: a polygon of a community, the unit every matter of the territory is attached to.</summary>
public sealed class Grid : IHasVersion
{
    public Guid Id { get; set; }

    public Guid CommunityId { get; set; }

    public required string Name { get; set; }

    public string Code { get; set; } = "";

    /// <summary>
    /// The boundary as a GeoJSON Polygon or MultiPolygon geometry (WGS-84, [lng, lat]). Stored as text so
    /// both providers hold it the same way; the in-process spatial index answers the spatial questions.
    /// </summary>
    public required string BoundaryGeoJson { get; set; }

    public int Version { get; set; }
}
