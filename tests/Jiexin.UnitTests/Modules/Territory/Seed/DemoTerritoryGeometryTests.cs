using Jiexin.Modules.Territory.Locate;
using Jiexin.Modules.Territory.Seed;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;

namespace Jiexin.UnitTests.Modules.Territory.Seed;

public sealed class DemoTerritoryGeometryTests
{
    private static readonly DemoTerritoryLayout Layout = DemoTerritoryGeometry.Generate();

    [Fact]
    public void Generate_MakesAbout40GridsAroundXinzhuang()
    {
        Assert.InRange(Layout.Cells.Count, 38, 42);
        var centre = Layout.Street.Centroid;
        Assert.InRange(centre.Y, 31.41, 31.45);
        Assert.InRange(centre.X, 119.78, 119.82);
    }

    [Fact]
    public void Generate_EveryGridIsAValidConvexPolygon_WithMicroDegreeVertices()
    {
        foreach (var cell in Layout.Cells)
        {
            Assert.True(cell.Boundary.IsValid, $"grid {cell.Community}/{cell.Number} is not valid");
            Assert.True(IsConvex(cell.Boundary), $"grid {cell.Community}/{cell.Number} is not convex");
            Assert.Empty(cell.Boundary.Holes);
            Assert.True(Orientation.IsCCW(cell.Boundary.Shell.CoordinateSequence), "shells are counter-clockwise (RFC 7946)");
            foreach (var c in cell.Boundary.Coordinates)
            {
                Assert.Equal(Math.Round(c.X, 6), c.X);
                Assert.Equal(Math.Round(c.Y, 6), c.Y);
            }
        }
    }

    [Fact]
    public void Generate_GridsDoNotOverlap()
    {
        var cells = Layout.Cells;
        for (var i = 0; i < cells.Count; i++)
        {
            for (var j = i + 1; j < cells.Count; j++)
            {
                if (!cells[i].Boundary.EnvelopeInternal.Intersects(cells[j].Boundary.EnvelopeInternal))
                {
                    continue;
                }

                var overlap = cells[i].Boundary.Intersection(cells[j].Boundary).Area;
                Assert.True(overlap < 1e-12, $"grids {i} and {j} overlap by {overlap} deg²");
            }
        }
    }

    [Fact]
    public void Generate_GridsCoverTheStreetExactly()
    {
        var union = UnaryUnionOp.Union(Layout.Cells.Select(c => (Geometry)c.Boundary).ToList());
        Assert.IsType<Polygon>(union);
        Assert.Empty(((Polygon)union).Holes);
        Assert.True(union.SymmetricDifference(Layout.Street).Area < 1e-9);
        Assert.Equal(Layout.Street.Area, Layout.Cells.Sum(c => c.Boundary.Area), 12);
        Assert.True(IsConvex(Layout.Street));
    }

    [Fact]
    public void Generate_IsDeterministic()
    {
        var again = DemoTerritoryGeometry.Generate();
        Assert.Equal(Layout.Cells.Count, again.Cells.Count);
        for (var i = 0; i < Layout.Cells.Count; i++)
        {
            Assert.Equal(Layout.Cells[i].Community, again.Cells[i].Community);
            Assert.Equal(Layout.Cells[i].Number, again.Cells[i].Number);
            Assert.True(Layout.Cells[i].Boundary.EqualsExact(again.Cells[i].Boundary), $"cell {i} differs between runs");
        }
    }

    [Fact]
    public void Generate_GroupsNeighbouringGridsIntoEachCommunity()
    {
        Assert.Equal(DemoTerritoryCatalog.Communities.Count, Layout.CommunityCount);
        for (var c = 0; c < Layout.CommunityCount; c++)
        {
            var cells = Layout.Cells.Where(x => x.Community == c).ToList();
            Assert.InRange(cells.Count, 2, 8);
            Assert.Equal(Enumerable.Range(1, cells.Count), cells.Select(x => x.Number));
            // One piece: the community's grids are adjacent, not scattered.
            var union = UnaryUnionOp.Union(cells.Select(x => (Geometry)x.Boundary).ToList());
            Assert.IsType<Polygon>(union);
        }
    }

    [Fact]
    public void Generate_BoundariesSurviveTheGeoJsonRoundTrip()
    {
        foreach (var cell in Layout.Cells)
        {
            var json = GridBoundary.ToGeoJson(cell.Boundary);
            Assert.True(cell.Boundary.EqualsExact(GridBoundary.Parse(json)));
            Assert.DoesNotContain("E-", json, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Catalog_HasTheDepartmentsTheAccountsBindTo_AndEveryKind()
    {
        Assert.Equal("新塍社区", DemoTerritoryCatalog.Communities[0].Name);
        Assert.Single(DemoTerritoryCatalog.Departments, d => d.ShortName == "城管");
        Assert.Single(DemoTerritoryCatalog.Departments, d => d.ShortName == "司法所");
        Assert.Equal(DemoTerritoryCatalog.Departments.Count, DemoTerritoryCatalog.Departments.Select(d => d.Name).Distinct().Count());
        Assert.Equal(DemoTerritoryCatalog.Departments.Count, DemoTerritoryCatalog.Departments.Select(d => d.ShortName).Distinct().Count());
        Assert.All(Enum.GetValues<Jiexin.Modules.Territory.Domain.DepartmentKind>(), k => Assert.Contains(DemoTerritoryCatalog.Departments, d => d.Kind == k));
        Assert.Equal(DemoTerritoryCatalog.Communities.Count, DemoTerritoryCatalog.Communities.Select(c => c.GridCodePrefix).Distinct().Count());
    }

    /// <summary>Convex: no clockwise turn anywhere along a counter-clockwise shell (collinear allowed).</summary>
    private static bool IsConvex(Polygon polygon)
    {
        var ring = polygon.Shell.Coordinates;
        var n = ring.Length - 1;
        var ccw = Orientation.IsCCW(polygon.Shell.CoordinateSequence);
        for (var i = 0; i < n; i++)
        {
            var turn = Orientation.Index(ring[i], ring[(i + 1) % n], ring[(i + 2) % n]);
            if (turn == (ccw ? OrientationIndex.Clockwise : OrientationIndex.CounterClockwise))
            {
                return false;
            }
        }

        return true;
    }
}
