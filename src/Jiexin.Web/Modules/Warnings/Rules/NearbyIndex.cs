namespace Jiexin.Modules.Warnings.Rules;

/// <summary>
/// Points bucketed in square cells of about <c>radius</c> metres: the neighbours of a point within the radius are
/// among the 3×3 cells around it, so pairing n reports costs about n × (neighbours), not n².
/// </summary>
public sealed class NearbyIndex<T>
{
    private const double MetresPerDegree = 111_320;
    private readonly double _radius;
    private readonly double _cellLat;
    private readonly Dictionary<(int, int), List<(double Lat, double Lng, T Item)>> _cells = [];

    public NearbyIndex(double radiusMetres)
    {
        _radius = radiusMetres;
        _cellLat = radiusMetres / MetresPerDegree;
    }

    public void Add(double lat, double lng, T item)
    {
        var key = Cell(lat, lng);
        if (!_cells.TryGetValue(key, out var list))
        {
            _cells[key] = list = [];
        }

        list.Add((lat, lng, item));
    }

    /// <summary>Items within the radius of (lat, lng), the point's own item included.</summary>
    public IEnumerable<T> Near(double lat, double lng)
    {
        var (row, col) = Cell(lat, lng);
        for (var dr = -1; dr <= 1; dr++)
        {
            for (var dc = -1; dc <= 1; dc++)
            {
                if (!_cells.TryGetValue((row + dr, col + dc), out var list))
                {
                    continue;
                }

                foreach (var p in list)
                {
                    if (DistanceMetres(lat, lng, p.Lat, p.Lng) <= _radius)
                    {
                        yield return p.Item;
                    }
                }
            }
        }
    }

    // Longitude cells are twice as wide in degrees as latitude cells are tall: at least the radius wide anywhere up to
    // 60° of latitude (all of China), with one column numbering for the whole index.
    private (int Row, int Col) Cell(double lat, double lng) =>
        ((int)Math.Floor(lat / _cellLat), (int)Math.Floor(lng / (2 * _cellLat)));

    /// <summary>Great-circle distance in metres (haversine).</summary>
    public static double DistanceMetres(double lat1, double lng1, double lat2, double lng2)
    {
        const double earthRadius = 6_371_000;
        var dLat = double.DegreesToRadians(lat2 - lat1);
        var dLng = double.DegreesToRadians(lng2 - lng1);
        var h = Math.Pow(Math.Sin(dLat / 2), 2)
                + Math.Cos(double.DegreesToRadians(lat1)) * Math.Cos(double.DegreesToRadians(lat2)) * Math.Pow(Math.Sin(dLng / 2), 2);
        return 2 * earthRadius * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
