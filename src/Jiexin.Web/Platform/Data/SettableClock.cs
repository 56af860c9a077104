using Jiexin.Platform.Calendar;

namespace Jiexin.Platform.Data;

/// <summary>
/// A clock whose "now" the caller sets: the demo seeders hand it to the real handlers so each step of a played story is
/// stamped at its moment in the past (ADR 0046).
/// </summary>
public sealed class SettableClock : TimeProvider
{
    public DateTime UtcNow { get; set; }

    public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(UtcNow, DateTimeKind.Utc));
}

/// <summary>What the demo seeders that play stories share: whether to play them, and when a story's step happened.</summary>
public static class DemoStories
{
    /// <summary>On a demo install unless <c>Jiexin:SeedDemoEvents</c> is false (the test suites and benchmarks).</summary>
    public static bool Enabled(IConfiguration configuration) =>
        configuration.GetValue("Jiexin:SeedDemo", true) && configuration.GetValue("Jiexin:SeedDemoEvents", true);

    /// <summary>
    /// China hour <paramref name="hour"/> on the China day <paramref name="daysAgo"/> before today, as UTC; never later than
    /// <paramref name="now"/> — a step planned for later today is spread over the last hours instead.
    /// </summary>
    public static DateTime At(DateTime now, int daysAgo, double hour)
    {
        var day = DateOnly.FromDateTime(ChinaTime.FromUtc(now)).AddDays(-daysAgo);
        var utc = ChinaTime.ToUtc(day.ToDateTime(TimeOnly.MinValue).AddHours(hour));
        return utc < now ? utc : now.AddMinutes(-(5 + (hour * 10)));
    }
}
