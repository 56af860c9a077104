using Jiexin.Modules.Territory.Contracts;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index;
using NetTopologySuite.Index.Strtree;

namespace Jiexin.Modules.Territory.Locate;

/// <summary>One grid as the index needs it: identity, names and its boundary (X = longitude, Y = latitude).</summary>
public sealed record GridShape(
    Guid GridId,
    string GridName,
    string GridCode,
    Guid CommunityId,
    string CommunityName,
    Geometry Boundary);

/// <summary>
/// An immutable spatial index of grid polygons: an STR-tree over the grids' envelopes, with each polygon
/// prepared (its point-in-polygon locator indexed) so a lookup costs a few envelope tests and one indexed
/// ring test. Built from plain data, so tests and benchmarks need no database; <see cref="GridLocator"/>
/// swaps a whole new instance in on every territory change.
/// </summary>
public sealed class GridIndex
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static readonly GridIndex Empty = Build([]);

    private readonly STRtree<Entry> _tree;

    private GridIndex(STRtree<Entry> tree, int count)
    {
        _tree = tree;
        Count = count;
    }

    public int Count { get; }

    /// <summary>
    /// Builds the index. Boundaries must be polygonal (Polygon or MultiPolygon). <paramref name="prepare"/> = false
    /// tests each candidate with the plain geometry: only for the benchmark that shows why we prepare.
    /// </summary>
    public static GridIndex Build(IEnumerable<GridShape> shapes, bool prepare = true)
    {
        // Rank = position in grid-code order: on a shared edge or at equal distance the lowest code wins,
        // whatever order the grids came in, so the same point always gets the same grid.
        var ordered = shapes
            .OrderBy(s => s.GridCode, StringComparer.Ordinal)
            .ThenBy(s => s.GridId)
            .ToList();
        var tree = new STRtree<Entry>();
        for (var rank = 0; rank < ordered.Count; rank++)
        {
            var shape = ordered[rank];
            if (shape.Boundary is not IPolygonal || shape.Boundary.IsEmpty)
            {
                throw new ArgumentException($"Grid {shape.GridCode} has no polygonal boundary.", nameof(shapes));
            }

            IPointOnGeometryLocator? locator = null;
            if (prepare)
            {
                // The prepared polygon's indexed point locator (an interval tree over the rings' segments), used
                // directly: the same answer as prepared.Intersects(point) without building a Point per query.
                // Touched once here so it is built on the builder's thread, not on the first reader's.
                var prepared = (PreparedPolygon)PreparedGeometryFactory.Prepare(shape.Boundary);
                locator = prepared.PointLocator;
                locator.Locate(shape.Boundary.InteriorPoint.Coordinate);
            }

            tree.Insert(shape.Boundary.EnvelopeInternal, new Entry(shape, locator, rank));
        }

        // Built before it is published: queries on a built STRtree only read.
        tree.Build();
        return new GridIndex(tree, ordered.Count);
    }

    /// <summary>
    /// The grid holding the point, else the nearest one within <paramref name="nearestMaxMeters"/> (metres on
    /// the ground), else null. Longitudes are not wrapped across the antimeridian (no street straddles it).
    /// </summary>
    public GridLocation? Locate(double latitude, double longitude, double nearestMaxMeters)
    {
        if (!GeoCoordinates.IsValidLatitude(latitude))
        {
            throw new ArgumentOutOfRangeException(nameof(latitude), latitude, "Latitude must be a finite number in [-90, 90].");
        }

        if (!GeoCoordinates.IsValidLongitude(longitude))
        {
            throw new ArgumentOutOfRangeException(nameof(longitude), longitude, "Longitude must be a finite number in [-180, 180].");
        }

        if (Count == 0)
        {
            return null;
        }

        var inside = FindContaining(latitude, longitude);
        if (inside is not null)
        {
            return ToLocation(inside, GridMatch.Inside, 0);
        }

        return nearestMaxMeters > 0 ? FindNearest(latitude, longitude, nearestMaxMeters) : null;
    }

    private Entry? FindContaining(double latitude, double longitude)
    {
        var visitor = new ContainingVisitor(new Coordinate(longitude, latitude));
        _tree.Query(new Envelope(longitude, longitude, latitude, latitude), visitor);
        return visitor.Best;
    }

    private GridLocation? FindNearest(double latitude, double longitude, double maxMeters)
    {
        var scale = LocalScale.At(latitude);
        // The search box is the max distance converted to degrees at this latitude, 1 % wider for the curvature
        // the local scale ignores; each candidate is then measured in local metres.
        var dLat = maxMeters / scale.MetersPerDegreeLatitude * 1.01;
        var dLng = Math.Min(360, maxMeters / Math.Max(scale.MetersPerDegreeLongitude, 1e-6) * 1.01);
        var candidates = _tree.Query(new Envelope(longitude - dLng, longitude + dLng, latitude - dLat, latitude + dLat));

        Entry? best = null;
        var bestMeters = double.PositiveInfinity;
        foreach (var entry in candidates)
        {
            var meters = scale.DistanceToBoundary(entry.Shape.Boundary, latitude, longitude);
            if (meters > maxMeters)
            {
                continue;
            }

            // Ties (a point facing a vertex two grids share) go to the lowest code; 1 mm counts as a tie.
            if (best is null || meters < bestMeters - 1e-3 || (Math.Abs(meters - bestMeters) <= 1e-3 && entry.Rank < best.Rank))
            {
                best = entry;
                bestMeters = Math.Min(meters, bestMeters);
            }
        }

        return best is null ? null : ToLocation(best, GridMatch.Nearest, bestMeters);
    }

    private static GridLocation ToLocation(Entry entry, GridMatch match, double meters) =>
        new(entry.Shape.GridId, entry.Shape.GridName, entry.Shape.CommunityId, entry.Shape.CommunityName, match, meters);

    private sealed record Entry(GridShape Shape, IPointOnGeometryLocator? Locator, int Rank)
    {
        // On the boundary counts as inside: a point on an edge belongs to the grid (then to the lowest code).
        public bool Covers(Coordinate point, Point? asGeometry) => Locator is not null
            ? Locator.Locate(point) != Location.Exterior
            : Shape.Boundary.Intersects(asGeometry);
    }

    /// <summary>Visits the STR-tree candidates without allocating a result list; keeps the lowest-ranked hit.</summary>
    private sealed class ContainingVisitor(Coordinate point) : IItemVisitor<Entry>
    {
        private Point? _asGeometry;

        public Entry? Best { get; private set; }

        public void VisitItem(Entry item)
        {
            if (Best is not null && item.Rank > Best.Rank)
            {
                return;
            }

            // Only the unprepared path (the benchmark's baseline) needs the point as a geometry.
            if (item.Locator is null)
            {
                _asGeometry ??= Factory.CreatePoint(point);
            }

            if (item.Covers(point, _asGeometry))
            {
                Best = item;
            }
        }
    }
}

/// <summary>
/// Metres per degree around one latitude on the WGS-84 ellipsoid (the usual series), so short distances can be
/// measured in a local equirectangular plane: within a few kilometres the error is far below a metre.
/// </summary>
public readonly record struct LocalScale(double MetersPerDegreeLatitude, double MetersPerDegreeLongitude)
{
    public static LocalScale At(double latitude)
    {
        var phi = latitude * Math.PI / 180;
        var perLat = 111_132.92 - 559.82 * Math.Cos(2 * phi) + 1.175 * Math.Cos(4 * phi) - 0.0023 * Math.Cos(6 * phi);
        var perLng = 111_412.84 * Math.Cos(phi) - 93.5 * Math.Cos(3 * phi) + 0.118 * Math.Cos(5 * phi);
        return new LocalScale(perLat, Math.Max(perLng, 0));
    }

    /// <summary>Metres from the point to the nearest point of the geometry's rings (shells and holes).</summary>
    public double DistanceToBoundary(Geometry geometry, double latitude, double longitude)
    {
        var best = double.PositiveInfinity;
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            if (geometry.GetGeometryN(i) is not Polygon polygon)
            {
                continue;
            }

            best = Math.Min(best, DistanceToRing(polygon.ExteriorRing.CoordinateSequence, latitude, longitude));
            foreach (var hole in polygon.InteriorRings)
            {
                best = Math.Min(best, DistanceToRing(hole.CoordinateSequence, latitude, longitude));
            }
        }

        return best;
    }

    private double DistanceToRing(CoordinateSequence ring, double latitude, double longitude)
    {
        var best = double.PositiveInfinity;
        if (ring.Count == 0)
        {
            return best;
        }

        // Work relative to the point: the point is the origin of the local plane.
        var ax = (ring.GetX(0) - longitude) * MetersPerDegreeLongitude;
        var ay = (ring.GetY(0) - latitude) * MetersPerDegreeLatitude;
        if (ring.Count == 1)
        {
            return Math.Sqrt(ax * ax + ay * ay);
        }

        for (var i = 1; i < ring.Count; i++)
        {
            var bx = (ring.GetX(i) - longitude) * MetersPerDegreeLongitude;
            var by = (ring.GetY(i) - latitude) * MetersPerDegreeLatitude;
            best = Math.Min(best, DistanceFromOriginToSegment(ax, ay, bx, by));
            ax = bx;
            ay = by;
        }

        return best;
    }

    private static double DistanceFromOriginToSegment(double ax, double ay, double bx, double by)
    {
        var dx = bx - ax;
        var dy = by - ay;
        var lengthSquared = dx * dx + dy * dy;
        var t = lengthSquared == 0 ? 0 : Math.Clamp(-(ax * dx + ay * dy) / lengthSquared, 0, 1);
        var x = ax + t * dx;
        var y = ay + t * dy;
        return Math.Sqrt(x * x + y * y);
    }
}
