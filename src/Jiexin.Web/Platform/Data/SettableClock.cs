namespace Jiexin.Platform.Data;

/// <summary>
/// A clock whose "now" the caller sets: the demo seeders hand it to the real handlers so each step of a played story is
/// stamped at its moment in the past.
/// </summary>
public sealed class SettableClock : TimeProvider
{
    public DateTime UtcNow { get; set; }

    public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(UtcNow, DateTimeKind.Utc));
}
