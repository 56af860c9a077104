using BenchmarkDotNet.Attributes;
using Jiexin.Modules.Territory.Locate;
using Jiexin.Modules.Territory.Seed;
using NetTopologySuite.Densify;
using NetTopologySuite.Geometries;

namespace Jiexin.Benchmarks.Territory;

/// <summary>
/// Point-in-grid lookups on 1,000 synthetic grids (Voronoi cells tiling a ~57 x 55 km box), with the
/// polygons prepared (indexed point-in-polygon) or tested plainly. Real grid boundaries are drawn by hand and
/// have far more vertices than a Voronoi cell, so each case also runs with every edge densified.
/// Queries: 10,000 fixed random points inside the box (the everyday case), and 10,000 in a 400 m band just
/// outside it (the nearest-grid search: about half within the 200 m limit, half not found).
/// </summary>
[MemoryDiagnoser]
public class GridLookupBenchmarks
{
    private const int Queries = 10_000;

    private GridIndex _prepared = null!;
    private GridIndex _unprepared = null!;
    private GridShape[] _shapes = [];
    private (double Lat, double Lng)[] _inside = [];
    private (double Lat, double Lng)[] _outside = [];

    [Params(1_000)]
    public int Grids { get; set; }

    /// <summary>Average vertices per grid boundary: raw Voronoi cells (~6) or densified like hand-drawn boundaries.</summary>
    [Params(6, 120)]
    public int Vertices { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _shapes = SyntheticGrids.Make(Grids, Vertices);
        _prepared = GridIndex.Build(_shapes);
        _unprepared = GridIndex.Build(_shapes, prepare: false);
        _inside = SyntheticGrids.PointsInside(Queries);
        _outside = SyntheticGrids.PointsJustOutside(Queries);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Queries)]
    public int Locate_Unprepared() => Run(_unprepared, _inside);

    [Benchmark(OperationsPerInvoke = Queries)]
    public int Locate_Prepared() => Run(_prepared, _inside);

    [Benchmark(OperationsPerInvoke = Queries)]
    public int LocateNearest_Prepared() => Run(_prepared, _outside);

    /// <summary>What a territory change costs: building the whole index anew (prepared, locators warmed).</summary>
    [Benchmark(OperationsPerInvoke = 1)]
    public int BuildIndex() => GridIndex.Build(_shapes).Count;

    private static int Run(GridIndex index, (double Lat, double Lng)[] points)
    {
        var found = 0;
        foreach (var (lat, lng) in points)
        {
            if (index.Locate(lat, lng, 200) is not null)
            {
                found++;
            }
        }

        return found;
    }
}

internal static class SyntheticGrids
{
    // A box with whole micro-degree corners, as the demo generator's tessellation requires.
    public static readonly Envelope Box = new(119.5, 120.1, 31.2, 31.7);

    public static GridShape[] Make(int count, int vertices)
    {
        var factory = GridBoundary.Factory;
        var outline = factory.CreatePolygon(
        [
            new(Box.MinX, Box.MinY), new(Box.MaxX, Box.MinY), new(Box.MaxX, Box.MaxY), new(Box.MinX, Box.MaxY), new(Box.MinX, Box.MinY),
        ]);
        var random = new Random(42);
        var sites = new HashSet<Coordinate>();
        while (sites.Count < count)
        {
            sites.Add(new Coordinate(
                Math.Round(Box.MinX + 0.001 + random.NextDouble() * (Box.Width - 0.002), 6),
                Math.Round(Box.MinY + 0.001 + random.NextDouble() * (Box.Height - 0.002), 6)));
        }

        var cells = DemoTerritoryGeometry.Tessellate(outline, [.. sites]);
        var community = Guid.NewGuid();
        return
        [
            .. cells.Select((cell, i) =>
            {
                Geometry boundary = cell;
                if (vertices > cell.NumPoints)
                {
                    // Spread extra vertices along the perimeter to reach about the wanted count.
                    boundary = Densifier.Densify(cell, cell.Length / vertices);
                }

                return new GridShape(Guid.NewGuid(), $"第{i + 1}网格", $"G-{i + 1:0000}", community, "合成社区", boundary);
            }),
        ];
    }

    public static (double Lat, double Lng)[] PointsInside(int count)
    {
        var random = new Random(7);
        return [.. Enumerable.Range(0, count).Select(_ => (Box.MinY + random.NextDouble() * Box.Height, Box.MinX + random.NextDouble() * Box.Width))];
    }

    /// <summary>Points 0 to 400 m south of the box's southern edge.</summary>
    public static (double Lat, double Lng)[] PointsJustOutside(int count)
    {
        var random = new Random(11);
        var perDegree = LocalScale.At(Box.MinY).MetersPerDegreeLatitude;
        return [.. Enumerable.Range(0, count).Select(_ => (Box.MinY - random.NextDouble() * 400 / perDegree, Box.MinX + random.NextDouble() * Box.Width))];
    }
}
