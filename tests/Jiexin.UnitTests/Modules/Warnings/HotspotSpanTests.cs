using Jiexin.Modules.Warnings.Hotspots;

namespace Jiexin.UnitTests.Modules.Warnings;

public sealed class HotspotSpanTests
{
    [Theory]
    [InlineData("2026-12-05T16:37:10Z", "2026-12-05T16:37:50Z", "12-06 00:37")] // within the minute: one time, not "00:37 – 00:37"
    [InlineData("2026-12-05T16:37:00Z", "2026-12-06T01:12:00Z", "12-06 00:37 – 09:12")] // one China day: the day once
    [InlineData("2026-12-05T15:50:00Z", "2026-12-05T16:10:00Z", "12-05 23:50 – 12-06 00:10")] // across China midnight, same UTC day
    public void The_reports_time_span_is_written_once_where_it_repeats(string first, string last, string expected) =>
        Assert.Equal(expected, HotspotsPage.Span(DateTime.Parse(first).ToUniversalTime(), DateTime.Parse(last).ToUniversalTime()));
}
