using Jiexin.Platform.Calendar;

namespace Jiexin.UnitTests.Platform.Calendar;

/// <summary>Parsing <c>Jiexin:Calendar:WorkingHours</c> and the within-day arithmetic.</summary>
public sealed class WorkingHoursTests
{
    [Fact]
    public void Default_IsTheGovernmentOfficeDay()
    {
        var hours = WorkingHours.Parse(WorkingHours.Default);

        Assert.Equal([(TimeSpan.FromHours(8.5), TimeSpan.FromHours(12)), (TimeSpan.FromHours(13.5), TimeSpan.FromHours(17.5))], hours.Periods);
        Assert.Equal(TimeSpan.FromHours(7.5), hours.DayLength);
        Assert.Equal("08:30-12:00,13:30-17:30", hours.ToString());
    }

    [Theory]
    [InlineData("13:30-17:30, 08:30-12:00")] // any order
    [InlineData("08:30–12:00；13:30～17:30")] // Chinese punctuation and dashes
    [InlineData(" 8:30-12:00 ; 13:30-17:30 ")]
    public void Parse_AcceptsCommonSpellings(string text) =>
        Assert.Equal("08:30-12:00,13:30-17:30", WorkingHours.Parse(text).ToString());

    [Fact]
    public void Parse_AllowsMidnightAsAnEnd() =>
        Assert.Equal(TimeSpan.FromHours(4), WorkingHours.Parse("20:00-24:00").DayLength);

    [Theory]
    [InlineData("")]
    [InlineData("08:30")]
    [InlineData("8.30-12.00")]
    [InlineData("12:00-08:30")]
    [InlineData("08:30-12:00,11:00-17:30")] // overlapping
    [InlineData("08:30-25:00")]
    public void Parse_RefusesNonsense(string text)
    {
        Assert.False(WorkingHours.TryParse(text, out var hours, out var error));
        Assert.Null(hours);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void DoneBefore_And_TimeWhenDone_AreInverse()
    {
        var hours = WorkingHours.Parse(WorkingHours.Default);

        Assert.Equal(TimeSpan.Zero, hours.DoneBefore(TimeSpan.FromHours(7)));
        Assert.Equal(TimeSpan.FromHours(3.5), hours.DoneBefore(TimeSpan.FromHours(13))); // lunch
        Assert.Equal(TimeSpan.FromHours(4), hours.DoneBefore(TimeSpan.FromHours(14)));
        Assert.Equal(TimeSpan.FromHours(7.5), hours.DoneBefore(TimeSpan.FromHours(23)));
        Assert.Equal(TimeSpan.FromHours(12), hours.TimeWhenDone(TimeSpan.FromHours(3.5))); // the closing, not 13:30
        Assert.Equal(TimeSpan.FromHours(14), hours.TimeWhenDone(TimeSpan.FromHours(4)));
        Assert.Equal(TimeSpan.FromHours(17.5), hours.TimeWhenDone(TimeSpan.FromHours(7.5)));
    }

    [Fact]
    public void Options_RefuseBadHours()
    {
        var validator = typeof(CalendarOptions).Assembly.GetType("Jiexin.Platform.Calendar.ValidateCalendarOptions")!;
        var validate = (Microsoft.Extensions.Options.IValidateOptions<CalendarOptions>)Activator.CreateInstance(validator)!;

        Assert.True(validate.Validate(null, new CalendarOptions()).Succeeded);
        Assert.True(validate.Validate(null, new CalendarOptions { WorkingHours = "09:00-13:00,12:00-18:00" }).Failed);
        Assert.True(validate.Validate(null, new CalendarOptions { RefreshMinutes = -1 }).Failed);
    }
}
