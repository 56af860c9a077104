using Jiexin.Modules.Territory.Locate;
using NetTopologySuite.Geometries;

namespace Jiexin.UnitTests.Modules.Territory.Locate;

public sealed class GridBoundaryTests
{
    [Fact]
    public void Parse_ReadsPolygonAsLngLat()
    {
        var polygon = GridBoundary.Parse("""{"type":"Polygon","coordinates":[[[119.8,31.43],[119.81,31.43],[119.81,31.44],[119.8,31.43]]]}""");

        var p = Assert.IsType<Polygon>(polygon);
        Assert.Equal(119.8, p.Coordinates[0].X);
        Assert.Equal(31.43, p.Coordinates[0].Y);
    }

    [Fact]
    public void Parse_ReadsMultiPolygon()
    {
        var geometry = GridBoundary.Parse("""{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[2,2],[3,2],[3,3],[2,2]]]]}""");

        Assert.Equal(2, Assert.IsType<MultiPolygon>(geometry).NumGeometries);
    }

    [Theory]
    [InlineData("""{"type":"Point","coordinates":[119.8,31.4]}""")]
    [InlineData("""{"type":"Polygon","coordinates":[]}""")]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("""{"type":"Polygon"}""")]
    public void Parse_RejectsWhatIsNotAPolygonalGeometry(string json)
    {
        Assert.Throws<FormatException>(() => GridBoundary.Parse(json));
    }

    [Fact]
    public void ToGeoJson_WritesShellsCounterClockwise()
    {
        // Clockwise in, counter-clockwise out (RFC 7946 §3.1.6).
        var clockwise = GridBoundary.Parse("""{"type":"Polygon","coordinates":[[[0,0],[0,1],[1,1],[1,0],[0,0]]]}""");

        Assert.Equal("""{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}""", GridBoundary.ToGeoJson(clockwise));
    }
}
