namespace Jiexin.Modules.Events.Patrols;

/// <summary>
/// The arithmetic of a GPS track: which fixes to trust and how far they add up to. Phones report fixes of very
/// different quality outdoors; a patrol's kilometres count towards the worker's assessment ("铁脚板"), so a
/// wild fix must not add distance, and standing still must not add jitter.
/// </summary>
public static class PatrolTrack
{
    /// <summary>Fixes less precise than this are stored (they show where the worker was) but add no distance.</summary>
    public const double MaxAccuracyMeters = 50;

    /// <summary>Faster than this between two fixes is a GPS jump, not walking or cycling through a grid.</summary>
    public const double MaxSpeedMetersPerSecond = 12;

    /// <summary>Movement shorter than this is GPS noise: it is not counted until the worker has really moved.</summary>
    public const double MinStepMeters = 5;

    /// <summary>After a gap this long (phone in a pocket, no signal) the next good fix starts afresh, counting nothing for the gap.</summary>
    public static readonly TimeSpan MaxGap = TimeSpan.FromMinutes(5);

    private const double EarthRadiusMeters = 6_371_008.8;

    public readonly record struct Fix(DateTime At, double Latitude, double Longitude, double? AccuracyMeters);

    /// <summary>Great-circle distance in metres between two WGS-84 points (haversine).</summary>
    public static double DistanceMeters(double lat1, double lng1, double lat2, double lng2)
    {
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLng = Rad(lng2 - lng1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
                + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLng / 2) * Math.Sin(dLng / 2);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>
    /// One fix more: the distance it adds, measured from the anchor (the last trusted fix), and the new anchor.
    /// Imprecise fixes and jumps leave the anchor where it was; jitter under <see cref="MinStepMeters"/> too, so
    /// slow walking still adds up once it has gone far enough.
    /// </summary>
    public static (double Meters, Fix? Anchor) Advance(Fix? anchor, Fix next)
    {
        if (next.AccuracyMeters is > MaxAccuracyMeters)
        {
            return (0, anchor);
        }

        if (anchor is not { } from || next.At - from.At > MaxGap)
        {
            return (0, next);
        }

        var seconds = (next.At - from.At).TotalSeconds;
        if (seconds <= 0)
        {
            return (0, anchor);
        }

        var meters = DistanceMeters(from.Latitude, from.Longitude, next.Latitude, next.Longitude);
        if (meters / seconds > MaxSpeedMetersPerSecond || meters < MinStepMeters)
        {
            return (0, anchor);
        }

        return (meters, next);
    }

    /// <summary>Total distance of fixes in time order.</summary>
    public static double TotalMeters(IEnumerable<Fix> fixes)
    {
        Fix? anchor = null;
        var total = 0.0;
        foreach (var fix in fixes)
        {
            (var meters, anchor) = Advance(anchor, fix);
            total += meters;
        }

        return total;
    }
}
