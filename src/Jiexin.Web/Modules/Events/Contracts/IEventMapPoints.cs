namespace Jiexin.Modules.Events.Contracts;

/// <summary>
/// One open event as a point on a map: where (rounded to about 10 m) and what kind, nothing about who reported it
/// (no description, address or reporter: the grid map is shown on wall screens).
/// </summary>
public sealed record EventMapPoint(Guid Id, double Latitude, double Longitude, Guid GridId, string? CategoryCode, bool Overdue);

/// <summary>The newest open located events of some grids, and how many there are in all.</summary>
public sealed record EventMapPoints(IReadOnlyList<EventMapPoint> Points, int Total);

/// <summary>What the command centre's grid map (Analytics) reads of events: open events located in grids.</summary>
public interface IEventMapPoints
{
    /// <summary>
    /// Open events located in <paramref name="gridIds"/> (every grid when null), newest first, at most
    /// <paramref name="max"/>; "overdue" is the 红牌 (as the figures count it).
    /// </summary>
    Task<EventMapPoints> ListOpenAsync(IReadOnlyCollection<Guid>? gridIds, int max, CancellationToken ct);
}
