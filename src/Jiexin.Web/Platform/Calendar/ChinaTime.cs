namespace Jiexin.Platform.Calendar;

/// <summary>
/// China Standard Time: UTC+8 all year, no daylight saving since 1991. A fixed offset, so nothing depends on the
/// server's time-zone database (containers often have none) or on the server's own zone.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The China wall-clock time (kind Unspecified) of a UTC moment.</summary>
    public static DateTime FromUtc(DateTime utc) => DateTime.SpecifyKind(AsUtc(utc), DateTimeKind.Unspecified) + Offset;

    /// <summary>The UTC moment of a China wall-clock time.</summary>
    public static DateTime ToUtc(DateTime chinaClock) => DateTime.SpecifyKind(DateTime.SpecifyKind(chinaClock, DateTimeKind.Unspecified) - Offset, DateTimeKind.Utc);

    public static DateTimeOffset ToOffset(DateTime utc) => new(FromUtc(utc), Offset);

    /// <summary>Today's date in China.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(FromUtc(clock.GetUtcNow().UtcDateTime));

    /// <summary>Unspecified is taken as UTC (what the database gives back); Local is converted.</summary>
    public static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
