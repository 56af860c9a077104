using System.Text.Json;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Jiexin.Modules.Territory.Grids;

/// <summary>
/// Reads, writes and measures grid boundaries: GeoJSON Polygon or MultiPolygon geometries in WGS-84 ([lng, lat]).
/// </summary>
public static class GridGeometry
{
    public static readonly GeometryFactory Factory = NtsGeometryServices.Instance.CreateGeometryFactory(srid: 4326);

    private static readonly JsonSerializerOptions GeoJsonOptions = new() { Converters = { new GeoJsonConverterFactory(Factory) } };

    /// <summary>The stored boundary as a geometry, or null when the text is not a readable polygon.</summary>
    public static Geometry? TryRead(string? geoJson)
    {
        if (string.IsNullOrWhiteSpace(geoJson))
        {
            return null;
        }

        try
        {
            var geometry = JsonSerializer.Deserialize<Geometry>(geoJson, GeoJsonOptions);
            return geometry is Polygon or MultiPolygon ? geometry : null;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The GeoJSON geometry text stored in <c>Grid.BoundaryGeoJson</c>.</summary>
    public static string Write(Geometry geometry) => JsonSerializer.Serialize(geometry, GeoJsonOptions);

    /// <summary>
    /// Area in square metres. Grids are a few square kilometres at most, so scaling degrees by the local
    /// metres-per-degree at the geometry's centre latitude is accurate to well under one percent.
    /// </summary>
    public static double SquareMetres(Geometry geometry)
    {
        if (geometry.IsEmpty)
        {
            return 0;
        }

        var (mLng, mLat) = MetresPerDegree(geometry.EnvelopeInternal.Centre.Y);
        return geometry.Area * mLng * mLat;
    }

    public static double SquareKilometres(Geometry geometry) => SquareMetres(geometry) / 1_000_000d;

    /// <summary>Metres per degree of longitude and latitude at a latitude (WGS-84 series expansion).</summary>
    public static (double Lng, double Lat) MetresPerDegree(double latitude)
    {
        var phi = latitude * Math.PI / 180d;
        var lat = 111_132.92 - 559.82 * Math.Cos(2 * phi) + 1.175 * Math.Cos(4 * phi);
        var lng = 111_412.84 * Math.Cos(phi) - 93.5 * Math.Cos(3 * phi);
        return (lng, lat);
    }
}
