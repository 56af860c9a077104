using Jiexin.Platform.Calendar.ComputeDeadline;
using static Jiexin.UnitTests.Platform.Calendar.CalendarTestKit;

namespace Jiexin.UnitTests.Platform.Calendar;

/// <summary>How the deadline API reads its <c>from</c>.</summary>
public sealed class ComputeDeadlineTests
{
    [Theory]
    [InlineData("2025-10-09T16:00:00+08:00", "2025-10-09 16:00")]
    [InlineData("2025-10-09T08:00:00Z", "2025-10-09 16:00")]
    [InlineData("2025-10-09T16:00:00", "2025-10-09 16:00")] // no offset: China time
    [InlineData("2025-10-09 16:00", "2025-10-09 16:00")]
    [InlineData("2025-10-09T16:00:00 08:00", "2025-10-09 16:00")] // '+' unescaped in a query string arrives as a space
    [InlineData("2025-10-09T10:00:00+02:00", "2025-10-09 16:00")]
    [InlineData("2025-10-09", "2025-10-09 00:00")]
    public void ParseMoment_ReadsIsoWithOrWithoutOffset(string text, string chinaClock) =>
        Assert.Equal(Cst(chinaClock), ComputeDeadline.ParseMoment(text));

    [Theory]
    [InlineData("tomorrow")]
    [InlineData("2025-13-01T00:00:00Z")]
    [InlineData("16:00 2025/10/09x")]
    public void ParseMoment_RefusesNonsense(string text) => Assert.Null(ComputeDeadline.ParseMoment(text));
}
