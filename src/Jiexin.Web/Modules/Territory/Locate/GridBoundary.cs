using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Jiexin.Modules.Territory.Locate;

/// <summary>Reads and writes a grid's boundary: a GeoJSON Polygon or MultiPolygon geometry in [lng, lat].</summary>
public static class GridBoundary
{
    public static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    /// <summary>GeoJSON options: RFC 7946 ring orientation on output (shell counter-clockwise, holes clockwise).</summary>
    public static readonly JsonSerializerOptions GeoJsonOptions = new()
    {
        Converters = { new GeoJsonConverterFactory(Factory, false, GeoJsonConverterFactory.DefaultIdPropertyName, RingOrientationOption.EnforceRfc9746) },
    };

    /// <summary>The polygonal geometry of a stored boundary.</summary>
    /// <exception cref="FormatException">Not GeoJSON, or not a non-empty Polygon/MultiPolygon.</exception>
    public static Geometry Parse(string geoJson)
    {
        Geometry? geometry;
        try
        {
            geometry = JsonSerializer.Deserialize<Geometry>(geoJson, GeoJsonOptions);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new FormatException("The boundary is not a GeoJSON geometry: " + e.Message, e);
        }

        return geometry switch
        {
            null => throw new FormatException("The boundary is empty."),
            { IsEmpty: true } => throw new FormatException("The boundary has no coordinates."),
            IPolygonal => geometry,
            _ => throw new FormatException($"The boundary is a {geometry.GeometryType}, not a Polygon or MultiPolygon."),
        };
    }

    public static string ToGeoJson(Geometry boundary) => JsonSerializer.Serialize(boundary, GeoJsonOptions);
}
