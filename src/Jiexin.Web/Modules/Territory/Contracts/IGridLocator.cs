namespace Jiexin.Modules.Territory.Contracts;

/// <summary>How a point was attributed to a grid.</summary>
public enum GridMatch
{
    /// <summary>The point lies inside the grid (or on its boundary).</summary>
    Inside,

    /// <summary>The point lies outside every grid but within the configured distance of this one.</summary>
    Nearest,
}

/// <summary>The grid a point belongs to, with its community; <see cref="DistanceMeters"/> is 0 when inside.</summary>
public sealed record GridLocation(
    Guid GridId,
    string GridName,
    Guid CommunityId,
    string CommunityName,
    GridMatch Match,
    double DistanceMeters);

/// <summary>
/// "Which grid holds this place?" (全要素网格: every matter is attached to exactly one grid), answered from an
/// in-memory spatial index that follows every change of the territory. Coordinates are WGS-84 degrees.
/// </summary>
public interface IGridLocator
{
    /// <summary>
    /// The grid containing the point; a point on an edge shared by several grids gets the one with the lowest
    /// grid code. Outside every grid: the nearest grid within <c>Jiexin:Territory:NearestGridMaxMeters</c>
    /// (<see cref="GridMatch.Nearest"/>), else null.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Latitude or longitude is not a possible coordinate (see <see cref="GeoCoordinates"/>).</exception>
    GridLocation? Locate(double latitude, double longitude);
}

/// <summary>What counts as a possible WGS-84 coordinate, for callers that validate input before locating it.</summary>
public static class GeoCoordinates
{
    public static bool IsValidLatitude(double latitude) => double.IsFinite(latitude) && latitude is >= -90 and <= 90;

    public static bool IsValidLongitude(double longitude) => double.IsFinite(longitude) && longitude is >= -180 and <= 180;
}
