using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Triangulate;

namespace Jiexin.Modules.Territory.Seed;

/// <summary>One demo grid cell: its community (index into the layout's clusters), its number inside the
/// community (1-based, in reading order: north to south, west to east) and its boundary.</summary>
public sealed record DemoGridCell(int Community, int Number, Polygon Boundary);

/// <summary>The demo street outline and the cells that tile it exactly.</summary>
public sealed record DemoTerritoryLayout(Polygon Street, IReadOnlyList<DemoGridCell> Cells, int CommunityCount);

/// <summary>
/// Makes the demo street's grid polygons: jittered seed points inside a convex street outline around
/// 31.43 N, 119.80 E, their Voronoi cells clipped to the outline (a Voronoi cell clipped to a convex polygon is
/// convex, and the cells tile the outline exactly), grouped into communities of adjacent cells.
/// Deterministic: a fixed seed and our own PRNG, so every start (and every machine) gets the same demo.
/// <para>
/// Coordinates are whole micro-degrees (6 decimals, ~0.1 m). Rounding every vertex on its own could open
/// gaps or overlaps, so vertices are rounded once and shared: a vertex two cells share is the same number in
/// both; a vertex on the street outline is moved to the nearest micro-degree point lying exactly on that
/// outline edge (the outline's edges are chosen so such points are a few metres apart).
/// </para>
/// </summary>
public static class DemoTerritoryGeometry
{
    public const int CommunityCount = 9;

    public const ulong Seed = 20240207;

    private const double Micro = 1_000_000;

    /// <summary>
    /// The street outline, counter-clockwise, in micro-degrees (lng, lat). Every edge's x and y steps are
    /// multiples of 1,000 micro-degrees, so each edge passes through a micro-degree point every few metres.
    /// </summary>
    private static readonly (long X, long Y)[] Outline =
    [
        (119_757_000, 31_417_000),
        (119_771_000, 31_401_000),
        (119_805_000, 31_397_000),
        (119_836_000, 31_406_000),
        (119_847_000, 31_427_000),
        (119_841_000, 31_451_000),
        (119_816_000, 31_462_000),
        (119_781_000, 31_459_000),
        (119_760_000, 31_441_000),
    ];

    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static DemoTerritoryLayout Generate(double spacingMeters = 1_000, double jitter = 0.30, ulong seed = Seed)
    {
        var street = StreetOutline();
        var sites = JitteredSites(street, spacingMeters, jitter, seed);
        var cells = Tessellate(street, [.. sites.Select(s => s.Coordinate)]);
        var clusters = Cluster(sites, CommunityCount);

        var result = new List<DemoGridCell>();
        foreach (var group in Enumerable.Range(0, sites.Count).GroupBy(i => clusters[i]).OrderBy(g => g.Key))
        {
            var number = 1;
            foreach (var i in group.OrderBy(i => sites[i].Row).ThenBy(i => sites[i].Column))
            {
                result.Add(new DemoGridCell(group.Key, number++, cells[i]));
            }
        }

        return new DemoTerritoryLayout(street, result, CommunityCount);
    }

    public static Polygon StreetOutline() =>
        Factory.CreatePolygon([.. Outline.Select(p => new Coordinate(p.X / Micro, p.Y / Micro)), new Coordinate(Outline[0].X / Micro, Outline[0].Y / Micro)]);

    /// <summary>
    /// Voronoi cells of <paramref name="sites"/> clipped to the convex <paramref name="outline"/>, in site order,
    /// with vertices rounded to micro-degrees as described on the class. The sites must lie inside the outline.
    /// The outline's vertices must be whole micro-degrees.
    /// </summary>
    public static IReadOnlyList<Polygon> Tessellate(Polygon outline, IReadOnlyList<Coordinate> sites)
    {
        var builder = new VoronoiDiagramBuilder();
        builder.SetSites([.. sites]);
        var frame = new Envelope(outline.EnvelopeInternal);
        frame.ExpandBy(1);
        builder.ClipEnvelope = frame;
        var diagram = builder.GetDiagram(Factory);

        var cellBySite = new Dictionary<Coordinate, Polygon>();
        for (var i = 0; i < diagram.NumGeometries; i++)
        {
            var cell = (Polygon)diagram.GetGeometryN(i);
            cellBySite[(Coordinate)cell.UserData] = cell;
        }

        var edges = OutlineEdges(outline);
        var result = new List<Polygon>(sites.Count);
        foreach (var site in sites)
        {
            var clipped = cellBySite[site].Intersection(outline);
            var polygon = clipped as Polygon
                ?? throw new InvalidOperationException($"The cell of site {site} is not one polygon after clipping.");
            result.Add(RoundToMicroDegrees(polygon, edges));
        }

        return result;
    }

    private static Polygon RoundToMicroDegrees(Polygon polygon, IReadOnlyList<(long X1, long Y1, long X2, long Y2)> edges)
    {
        var rounded = new List<Coordinate>();
        var ring = polygon.ExteriorRing.Coordinates;
        for (var i = 0; i < ring.Length - 1; i++)
        {
            var (x, y) = Snap(ring[i], edges);
            var c = new Coordinate(x / Micro, y / Micro);
            // Two vertices closer than a micro-degree become one; the neighbour sharing them merges them alike.
            if (rounded.Count == 0 || !rounded[^1].Equals2D(c))
            {
                rounded.Add(c);
            }
        }

        if (rounded.Count > 1 && rounded[0].Equals2D(rounded[^1]))
        {
            rounded.RemoveAt(rounded.Count - 1);
        }

        rounded.Add(rounded[0].Copy());
        var shell = Factory.CreateLinearRing([.. rounded]);
        // RFC 7946: exterior rings counter-clockwise.
        if (!Orientation.IsCCW(shell.CoordinateSequence))
        {
            shell = (LinearRing)shell.Reverse();
        }

        return Factory.CreatePolygon(shell);
    }

    /// <summary>A vertex on an outline edge goes to the nearest micro-degree point on that edge; any other is rounded.</summary>
    private static (long X, long Y) Snap(Coordinate c, IReadOnlyList<(long X1, long Y1, long X2, long Y2)> edges)
    {
        var x = c.X * Micro;
        var y = c.Y * Micro;
        foreach (var (x1, y1, x2, y2) in edges)
        {
            double dx = x2 - x1, dy = y2 - y1;
            var length = Math.Sqrt(dx * dx + dy * dy);
            var t = ((x - x1) * dx + (y - y1) * dy) / (length * length);
            var off = Math.Abs((x - x1) * dy - (y - y1) * dx) / length;
            if (t < -1e-9 || t > 1 + 1e-9 || off > 1e-3)
            {
                continue;
            }

            // Micro-degree points on the edge: (x1, y1) + k * (dx, dy) / g, k = 0 .. g.
            var g = Gcd(Math.Abs(x2 - x1), Math.Abs(y2 - y1));
            var k = Math.Clamp((long)Math.Round(t * g), 0, g);
            return (x1 + k * (x2 - x1) / g, y1 + k * (y2 - y1) / g);
        }

        return ((long)Math.Round(x), (long)Math.Round(y));
    }

    private static List<(long X1, long Y1, long X2, long Y2)> OutlineEdges(Polygon outline)
    {
        var ring = outline.ExteriorRing.Coordinates;
        var edges = new List<(long, long, long, long)>();
        for (var i = 0; i < ring.Length - 1; i++)
        {
            edges.Add(((long)Math.Round(ring[i].X * Micro), (long)Math.Round(ring[i].Y * Micro),
                (long)Math.Round(ring[i + 1].X * Micro), (long)Math.Round(ring[i + 1].Y * Micro)));
        }

        return edges;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return Math.Max(a, 1);
    }

    private sealed record Site(Coordinate Coordinate, int Row, int Column, double Xm, double Ym);

    /// <summary>
    /// A square lattice (in metres on the ground) over the outline, each point moved at random by up to
    /// <paramref name="jitter"/> of the spacing; points inside the outline and at least a third of the spacing
    /// from its edge are kept (so no cell is a sliver along the street line).
    /// </summary>
    private static List<Site> JitteredSites(Polygon outline, double spacingMeters, double jitter, ulong seed)
    {
        var random = new SplitMix64(seed);
        var env = outline.EnvelopeInternal;
        var centre = env.Centre;
        var metersPerDegLat = 110_860.0;
        var metersPerDegLng = 110_860.0 * Math.Cos(centre.Y * Math.PI / 180);
        var width = env.Width * metersPerDegLng;
        var height = env.Height * metersPerDegLat;
        var columns = (int)Math.Ceiling(width / spacingMeters) + 1;
        var rows = (int)Math.Ceiling(height / spacingMeters) + 1;
        var inset = spacingMeters / 3 / metersPerDegLat;
        var inner = outline.Buffer(-inset);

        var sites = new List<Site>();
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                // Draw both numbers for every lattice point, kept or not, so the sequence never depends on the shape.
                var jx = (random.NextDouble() * 2 - 1) * jitter;
                var jy = (random.NextDouble() * 2 - 1) * jitter;
                var xm = (column + 0.5 + jx) * spacingMeters - (columns * spacingMeters - width) / 2;
                var ym = (row + 0.5 + jy) * spacingMeters - (rows * spacingMeters - height) / 2;
                // Row 0 is the northern edge, so "reading order" runs north to south.
                var c = new Coordinate(
                    Math.Round((env.MinX + xm / metersPerDegLng) * Micro) / Micro,
                    Math.Round((env.MaxY - ym / metersPerDegLat) * Micro) / Micro);
                if (inner.Contains(Factory.CreatePoint(c)))
                {
                    sites.Add(new Site(c, row, column, xm, -ym));
                }
            }
        }

        return sites;
    }

    /// <summary>
    /// Groups sites into <paramref name="count"/> communities of neighbouring cells: k-means (in metres) started
    /// from a 3 x 3 pattern, the middle cluster first (the street's centre, 新塍社区), then the others clockwise
    /// from the north.
    /// </summary>
    private static int[] Cluster(List<Site> sites, int count)
    {
        double minX = sites.Min(s => s.Xm), maxX = sites.Max(s => s.Xm), minY = sites.Min(s => s.Ym), maxY = sites.Max(s => s.Ym);
        var centres = new List<(double X, double Y)>();
        for (var j = 0; j < 3; j++)
        {
            for (var i = 0; i < 3; i++)
            {
                centres.Add((minX + (maxX - minX) * (i + 0.5) / 3, minY + (maxY - minY) * (j + 0.5) / 3));
            }
        }

        centres = [.. centres.Take(count)];
        var assignment = new int[sites.Count];
        for (var iteration = 0; iteration < 50; iteration++)
        {
            for (var s = 0; s < sites.Count; s++)
            {
                var best = 0;
                for (var c = 1; c < centres.Count; c++)
                {
                    if (Distance2(sites[s], centres[c]) < Distance2(sites[s], centres[best]))
                    {
                        best = c;
                    }
                }

                assignment[s] = best;
            }

            var moved = false;
            for (var c = 0; c < centres.Count; c++)
            {
                var members = sites.Where((_, s) => assignment[s] == c).ToList();
                if (members.Count == 0)
                {
                    continue;
                }

                var next = (members.Average(m => m.Xm), members.Average(m => m.Ym));
                moved |= next != centres[c];
                centres[c] = next;
            }

            if (!moved)
            {
                break;
            }
        }

        // Renumber: the cluster nearest the middle first, then clockwise from north.
        var middle = (X: sites.Average(s => s.Xm), Y: sites.Average(s => s.Ym));
        var first = Enumerable.Range(0, centres.Count).MinBy(c => Math.Pow(centres[c].X - middle.X, 2) + Math.Pow(centres[c].Y - middle.Y, 2));
        var order = Enumerable.Range(0, centres.Count)
            .Where(c => c != first)
            .OrderBy(c => (Math.Atan2(centres[c].X - middle.X, centres[c].Y - middle.Y) + 2 * Math.PI) % (2 * Math.PI))
            .Prepend(first)
            .ToList();
        var renumber = new int[centres.Count];
        for (var i = 0; i < order.Count; i++)
        {
            renumber[order[i]] = i;
        }

        return [.. assignment.Select(a => renumber[a])];
    }

    private static double Distance2(Site site, (double X, double Y) centre) =>
        (site.Xm - centre.X) * (site.Xm - centre.X) + (site.Ym - centre.Y) * (site.Ym - centre.Y);

    /// <summary>SplitMix64: tiny, well mixed, and the same on every runtime (System.Random's seeded sequence is not promised).</summary>
    private sealed class SplitMix64(ulong state)
    {
        private ulong _state = state;

        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

        private ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
