using Jiexin.Modules.Territory.Contracts;
using Jiexin.Modules.Territory.Locate;
using NetTopologySuite.Geometries;

namespace Jiexin.UnitTests.Modules.Territory.Locate;

/// <summary>
/// The spatial index on hand-made grids near 31.43 N, 119.80 E (0.01° is about 1.1 km north-south and
/// 0.95 km east-west there). Distances are checked against an independent haversine.
/// </summary>
public sealed class GridIndexTests
{
    private const double MaxMeters = 200;

    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    // A and B: side by side, sharing the edge lng = 119.81.
    private static readonly GridShape A = Square("A-01", 119.80, 31.43, 119.81, 31.44);
    private static readonly GridShape B = Square("B-01", 119.81, 31.43, 119.82, 31.44);

    [Fact]
    public void Locate_PointInside_ReturnsThatGrid()
    {
        var index = GridIndex.Build([A, B]);

        var location = index.Locate(31.435, 119.805, MaxMeters);

        Assert.NotNull(location);
        Assert.Equal(A.GridId, location.GridId);
        Assert.Equal(A.GridName, location.GridName);
        Assert.Equal(A.CommunityId, location.CommunityId);
        Assert.Equal(A.CommunityName, location.CommunityName);
        Assert.Equal(GridMatch.Inside, location.Match);
        Assert.Equal(0, location.DistanceMeters);
        Assert.Equal(B.GridId, index.Locate(31.435, 119.815, MaxMeters)?.GridId);
    }

    [Theory]
    [InlineData(31.435, 119.80)] // west edge
    [InlineData(31.43, 119.805)] // south edge
    [InlineData(31.43, 119.80)] // corner
    [InlineData(31.44, 119.80)] // corner
    public void Locate_PointOnOuterEdgeOrVertex_IsInside(double lat, double lng)
    {
        var location = GridIndex.Build([A, B]).Locate(lat, lng, MaxMeters);

        Assert.Equal(A.GridId, location?.GridId);
        Assert.Equal(GridMatch.Inside, location?.Match);
    }

    [Theory]
    [InlineData(31.435, 119.81)] // on the shared edge
    [InlineData(31.44, 119.81)] // on the shared vertex
    [InlineData(31.43, 119.81)] // on the other shared vertex
    public void Locate_PointOnSharedEdge_GoesToLowestGridCode_WhateverTheOrder(double lat, double lng)
    {
        Assert.Equal(A.GridId, GridIndex.Build([A, B]).Locate(lat, lng, MaxMeters)?.GridId);
        Assert.Equal(A.GridId, GridIndex.Build([B, A]).Locate(lat, lng, MaxMeters)?.GridId);

        // It is the code that decides, not the geometry or the order: rename B so that its code sorts first.
        var bFirst = B with { GridCode = "0-01" };
        Assert.Equal(B.GridId, GridIndex.Build([A, bFirst]).Locate(lat, lng, MaxMeters)?.GridId);
        Assert.Equal(B.GridId, GridIndex.Build([bFirst, A]).Locate(lat, lng, MaxMeters)?.GridId);
    }

    [Theory]
    [InlineData(100, 0)] // 100 m west of A's west edge
    [InlineData(0, 150)] // 150 m north of A's north edge
    [InlineData(60, 60)] // off A's north-west corner: the nearest point is the corner
    public void Locate_PointJustOutside_ReturnsNearestGrid_WithItsDistanceInMetres(double westMeters, double northMeters)
    {
        var scale = LocalScale.At(31.44);
        var lat = (northMeters > 0 ? 31.44 : 31.435) + northMeters / scale.MetersPerDegreeLatitude;
        var lng = (westMeters > 0 ? 119.80 : 119.805) - westMeters / scale.MetersPerDegreeLongitude;
        var nearestLat = northMeters > 0 ? 31.44 : lat;
        var nearestLng = westMeters > 0 ? 119.80 : lng;

        var location = GridIndex.Build([A, B]).Locate(lat, lng, MaxMeters);

        Assert.NotNull(location);
        Assert.Equal(A.GridId, location.GridId);
        Assert.Equal(GridMatch.Nearest, location.Match);
        var expected = Haversine(lat, lng, nearestLat, nearestLng);
        Assert.InRange(expected, Math.Max(westMeters, northMeters) - 1, Math.Sqrt(westMeters * westMeters + northMeters * northMeters) + 1);
        // The index measures on the ellipsoid, the check on a sphere: they agree within a fraction of a percent.
        Assert.InRange(location.DistanceMeters, expected * 0.99, expected * 1.01);
    }

    [Fact]
    public void Locate_PointBeyondMaxDistance_IsNotFound()
    {
        var index = GridIndex.Build([A, B]);
        var perDegree = LocalScale.At(31.435).MetersPerDegreeLongitude;

        Assert.Null(index.Locate(31.435, 119.80 - 210 / perDegree, MaxMeters));
        Assert.NotNull(index.Locate(31.435, 119.80 - 190 / perDegree, MaxMeters));
        Assert.Null(index.Locate(31.435, 119.80 - 190 / perDegree, 150));
        Assert.Null(index.Locate(31.435, 119.80 - 1 / perDegree, 0));
        Assert.Null(index.Locate(0, 0, MaxMeters));
    }

    [Fact]
    public void Locate_PointBetweenTwoGrids_PrefersTheCloserOne()
    {
        // A gap of 0.002° of longitude (~190 m) between F and G; the point is 0.0005° (~48 m) from F.
        var f = Square("F-01", 119.86, 31.43, 119.87, 31.44);
        var g = Square("G-01", 119.872, 31.43, 119.88, 31.44);

        var location = GridIndex.Build([g, f]).Locate(31.435, 119.8705, MaxMeters);

        Assert.Equal(f.GridId, location?.GridId);
        var expected = Haversine(31.435, 119.8705, 31.435, 119.87);
        Assert.InRange(location!.DistanceMeters, expected * 0.99, expected * 1.01);
    }

    [Fact]
    public void Locate_PointFacingASharedVertex_TiesGoToLowestGridCode()
    {
        // Due north of the vertex A and B share: equally far from both.
        var lat = 31.44 + 50 / LocalScale.At(31.44).MetersPerDegreeLatitude;

        Assert.Equal(A.GridId, GridIndex.Build([B, A]).Locate(lat, 119.81, MaxMeters)?.GridId);
        Assert.Equal(B.GridId, GridIndex.Build([A, B with { GridCode = "0-01" }]).Locate(lat, 119.81, MaxMeters)?.GridId);
    }

    [Fact]
    public void Locate_PointInAHole_IsNotInsideThatGrid_ButInsideTheGridFillingIt()
    {
        var ring = Factory.CreatePolygon(
            Factory.CreateLinearRing(Ring(119.83, 31.43, 119.85, 31.45)),
            [Factory.CreateLinearRing(Ring(119.835, 31.435, 119.845, 31.445))]);
        var donut = Shape("C-01", ring);
        var hole = Square("D-01", 119.835, 31.435, 119.845, 31.445);

        var alone = GridIndex.Build([donut]);
        // The middle of the hole is ~475 m from the hole's edge: outside everything.
        Assert.Null(alone.Locate(31.44, 119.84, MaxMeters));
        // 50 m inside the hole: the donut is the nearest grid, 50 m away.
        var lng = 119.835 + 50 / LocalScale.At(31.44).MetersPerDegreeLongitude;
        var nearEdge = alone.Locate(31.44, lng, MaxMeters);
        Assert.Equal(GridMatch.Nearest, nearEdge?.Match);
        Assert.Equal(donut.GridId, nearEdge!.GridId);
        Assert.InRange(nearEdge.DistanceMeters, 49.5, 50.5);
        Assert.InRange(Haversine(31.44, lng, 31.44, 119.835), 49.5, 50.5);
        Assert.Equal(GridMatch.Inside, alone.Locate(31.432, 119.84, MaxMeters)?.Match);

        var filled = GridIndex.Build([donut, hole]);
        Assert.Equal(hole.GridId, filled.Locate(31.44, 119.84, MaxMeters)?.GridId);
        Assert.Equal(donut.GridId, filled.Locate(31.432, 119.84, MaxMeters)?.GridId);
    }

    [Fact]
    public void Locate_MultiPolygonGrid_IsFoundInEachPart()
    {
        var parts = Factory.CreateMultiPolygon(
        [
            Factory.CreatePolygon(Ring(119.90, 31.43, 119.91, 31.44)),
            Factory.CreatePolygon(Ring(119.93, 31.43, 119.94, 31.44)),
        ]);
        var e = Shape("E-01", parts);
        var index = GridIndex.Build([A, e]);

        Assert.Equal(e.GridId, index.Locate(31.435, 119.905, MaxMeters)?.GridId);
        Assert.Equal(e.GridId, index.Locate(31.435, 119.935, MaxMeters)?.GridId);
        Assert.Null(index.Locate(31.435, 119.92, MaxMeters));
    }

    [Fact]
    public void Locate_WithoutPreparedGeometry_GivesTheSameAnswers()
    {
        var prepared = GridIndex.Build([A, B]);
        var plain = GridIndex.Build([A, B], prepare: false);
        foreach (var (lat, lng) in new[] { (31.435, 119.805), (31.435, 119.81), (31.44, 119.81), (31.4401, 119.8), (31.5, 119.8) })
        {
            Assert.Equal(prepared.Locate(lat, lng, MaxMeters), plain.Locate(lat, lng, MaxMeters));
        }
    }

    [Theory]
    [InlineData(double.NaN, 119.8)]
    [InlineData(31.4, double.NaN)]
    [InlineData(91, 119.8)]
    [InlineData(-90.5, 119.8)]
    [InlineData(31.4, 180.5)]
    [InlineData(31.4, double.NegativeInfinity)]
    [InlineData(double.PositiveInfinity, 119.8)]
    public void Locate_ImpossibleCoordinates_Throw(double lat, double lng)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GridIndex.Build([A]).Locate(lat, lng, MaxMeters));
    }

    [Fact]
    public void Build_EmptyIndex_FindsNothing()
    {
        Assert.Null(GridIndex.Empty.Locate(31.435, 119.805, MaxMeters));
        Assert.Equal(0, GridIndex.Empty.Count);
    }

    [Fact]
    public void Build_RejectsNonPolygonalBoundary()
    {
        var line = Shape("L-01", Factory.CreateLineString([new(119.8, 31.4), new(119.9, 31.5)]));
        Assert.Throws<ArgumentException>(() => GridIndex.Build([line]));
    }

    internal static GridShape Square(string code, double minLng, double minLat, double maxLng, double maxLat) =>
        Shape(code, Factory.CreatePolygon(Ring(minLng, minLat, maxLng, maxLat)));

    internal static GridShape Shape(string code, Geometry boundary) =>
        new(Guid.NewGuid(), "网格 " + code, code, Guid.NewGuid(), "社区 " + code, boundary);

    internal static Coordinate[] Ring(double minLng, double minLat, double maxLng, double maxLat) =>
        [new(minLng, minLat), new(maxLng, minLat), new(maxLng, maxLat), new(minLng, maxLat), new(minLng, minLat)];

    /// <summary>Great-circle distance on a sphere of the mean Earth radius: an independent check in metres.</summary>
    internal static double Haversine(double lat1, double lng1, double lat2, double lng2)
    {
        const double r = 6_371_008.8;
        double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLng = Rad(lng2 - lng1);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(dLng / 2), 2);
        return 2 * r * Math.Asin(Math.Sqrt(a));
    }
}
