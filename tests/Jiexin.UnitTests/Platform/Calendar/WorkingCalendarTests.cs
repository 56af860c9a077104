using Jiexin.Platform.Calendar;
using static Jiexin.UnitTests.Platform.Calendar.CalendarTestKit;

namespace Jiexin.UnitTests.Platform.Calendar;

/// <summary>
/// The working-calendar rules on hand-made calendars, with office hours 08:30–12:00 and 13:30–17:30 China time.
/// Every moment below is written as China wall-clock time and passed in as UTC.
/// </summary>
public sealed class WorkingCalendarTests
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(7.5);

    [Theory]
    [InlineData("2024-02-04")] // Sunday worked for 春节 2024
    [InlineData("2024-02-18")] // Sunday worked for 春节 2024
    [InlineData("2024-05-11")] // Saturday worked for 劳动节 2024
    public void IsWorkingDay_MakeUpWeekendDay_IsAWorkingDay(string date)
    {
        var calendar = CalendarOf(Year2024);

        Assert.True(calendar.IsWorkingDay(Day(date)));
        Assert.False(WorkingCalendar.WeekdaysOnly(OfficeHours).IsWorkingDay(Day(date)));
    }

    [Theory]
    [InlineData("2024-10-01")]
    [InlineData("2024-10-02")]
    [InlineData("2024-10-03")]
    [InlineData("2024-10-04")]
    [InlineData("2024-10-07")]
    public void IsWorkingDay_WeekdayHoliday_IsNotAWorkingDay(string date)
    {
        var calendar = CalendarOf(Year2024);

        Assert.False(calendar.IsWorkingDay(Day(date)));
        Assert.True(WorkingCalendar.WeekdaysOnly(OfficeHours).IsWorkingDay(Day(date)));
    }

    [Fact]
    public void IsWorkingDay_PlainWeek_WeekdaysOnly()
    {
        var calendar = CalendarOf(Year2024);

        Assert.True(calendar.IsWorkingDay(Day("2024-10-08"))); // Tuesday after National Day
        Assert.False(calendar.IsWorkingDay(Day("2024-10-19"))); // plain Saturday
        Assert.False(calendar.IsWorkingDay(Day("2024-10-20"))); // plain Sunday
        Assert.True(calendar.IsWorkingDay(Day("2024-10-12"))); // Saturday worked for National Day
    }

    [Fact]
    public void AddWorkingDays_FridayAfternoon_SameTimeNextWorkingDay()
    {
        var calendar = CalendarOf(Year2025);

        Assert.Equal("2025-03-10 16:00", InChina(calendar.AddWorkingDays(Cst("2025-03-07 16:00"), 1)));
        Assert.Equal("2025-03-14 16:00", InChina(calendar.AddWorkingDays(Cst("2025-03-07 16:00"), 5)));
    }

    [Fact]
    public void AddWorkingDays_BeforeAMakeUpSunday_LandsOnTheSunday()
    {
        var calendar = CalendarOf(Year2024);

        // Friday 2 February 2024 + 1 working day: Sunday the 4th was worked.
        Assert.Equal("2024-02-04 16:00", InChina(calendar.AddWorkingDays(Cst("2024-02-02 16:00"), 1)));
    }

    [Fact]
    public void AddWorkingDays_AcrossSpringFestival_SkipsTheWholeBreak()
    {
        var calendar = CalendarOf(Year2024);

        // Friday 9 February (除夕, a working day in 2024) + 1: 10–17 February off, Sunday the 18th worked.
        Assert.Equal("2024-02-18 10:00", InChina(calendar.AddWorkingDays(Cst("2024-02-09 10:00"), 1)));
        Assert.Equal("2024-02-19 10:00", InChina(calendar.AddWorkingDays(Cst("2024-02-09 10:00"), 2)));
        Assert.Equal(TimeSpan.Zero, calendar.WorkingTimeBetween(Cst("2024-02-09 17:30"), Cst("2024-02-18 08:30")));
    }

    [Fact]
    public void AddWorkingDays_AcrossNationalDay2025_CountsBothMakeUpDays()
    {
        var calendar = CalendarOf(Year2025);

        Assert.Equal("2025-09-28 10:00", InChina(calendar.AddWorkingDays(Cst("2025-09-26 10:00"), 1))); // Sunday worked
        Assert.Equal("2025-10-09 10:00", InChina(calendar.AddWorkingDays(Cst("2025-09-30 10:00"), 1))); // 1–8 Oct off
        Assert.Equal("2025-10-11 10:00", InChina(calendar.AddWorkingDays(Cst("2025-09-30 10:00"), 3))); // Saturday worked
        Assert.Equal("2025-10-13 10:00", InChina(calendar.AddWorkingDays(Cst("2025-09-30 10:00"), 4)));
    }

    [Fact]
    public void AddWorkingTime_AcrossALongHoliday_ContinuesAfterIt()
    {
        var calendar = CalendarOf(Year2025);

        // 30 minutes left on Tuesday 30 September, the next 30 on Thursday 9 October.
        Assert.Equal("2025-10-09 09:00", InChina(calendar.AddWorkingTime(Cst("2025-09-30 17:00"), TimeSpan.FromHours(1))));
        // 春节 2025: Monday 27 January 16:00 + 8 working hours → Wednesday 5 February, after the 28 Jan – 4 Feb break.
        Assert.Equal("2025-02-05 16:30", InChina(calendar.AddWorkingTime(Cst("2025-01-27 16:00"), TimeSpan.FromHours(8))));
    }

    [Fact]
    public void AddWorkingTime_LunchBreak_IsNotCounted()
    {
        var calendar = CalendarOf(Year2025);

        Assert.Equal("2025-03-10 13:45", InChina(calendar.AddWorkingTime(Cst("2025-03-10 11:45"), TimeSpan.FromMinutes(30))));
        Assert.Equal(TimeSpan.FromHours(1.5), calendar.WorkingTimeBetween(Cst("2025-03-10 11:00"), Cst("2025-03-10 14:00")));
        Assert.Equal(TimeSpan.Zero, calendar.WorkingTimeBetween(Cst("2025-03-10 12:00"), Cst("2025-03-10 13:30")));
    }

    [Fact]
    public void AddWorkingTime_EndingAtAClosingTime_AnswersTheClosingTime()
    {
        var calendar = CalendarOf(Year2025);

        Assert.Equal("2025-03-10 12:00", InChina(calendar.AddWorkingTime(Cst("2025-03-10 11:30"), TimeSpan.FromMinutes(30))));
        Assert.Equal("2025-03-10 17:30", InChina(calendar.AddWorkingTime(Cst("2025-03-10 08:30"), Day)));
        // Friday 17:00 + 30 minutes: Friday's closing time, not Monday's opening.
        Assert.Equal("2025-03-14 17:30", InChina(calendar.AddWorkingTime(Cst("2025-03-14 17:00"), TimeSpan.FromMinutes(30))));
    }

    [Fact]
    public void ReportAtNight_CountsFromTheNextOpening()
    {
        var calendar = CalendarOf(Year2025);

        Assert.Equal("2025-03-10 09:00", InChina(calendar.AddWorkingTime(Cst("2025-03-07 22:00"), TimeSpan.FromMinutes(30))));
        Assert.Equal("2025-03-10 08:30", InChina(calendar.NextWorkingMoment(Cst("2025-03-07 22:00"))));
        // 20:00 Friday + 1 working day: the clock starts 08:30 Monday, so the day ends 08:30 Tuesday.
        Assert.Equal("2025-03-11 08:30", InChina(calendar.AddWorkingDays(Cst("2025-03-07 20:00"), 1)));
        // Early morning: same day.
        Assert.Equal("2025-03-10 09:30", InChina(calendar.AddWorkingTime(Cst("2025-03-10 06:00"), TimeSpan.FromHours(1))));
        // At lunch: the afternoon opening.
        Assert.Equal("2025-03-10 13:30", InChina(calendar.NextWorkingMoment(Cst("2025-03-10 12:10"))));
        Assert.Equal("2025-03-11 13:30", InChina(calendar.AddWorkingDays(Cst("2025-03-10 12:10"), 1)));
        // On a holiday: the first working day after it.
        Assert.Equal("2025-10-09 08:30", InChina(calendar.NextWorkingMoment(Cst("2025-10-03 10:00"))));
    }

    [Fact]
    public void NextWorkingMoment_WithinHours_IsTheSameMoment()
    {
        var calendar = CalendarOf(Year2025);

        Assert.Equal(Cst("2025-03-10 10:17"), calendar.NextWorkingMoment(Cst("2025-03-10 10:17")));
        Assert.Equal(Cst("2025-03-10 17:30"), calendar.NextWorkingMoment(Cst("2025-03-10 17:30"))); // closing time is still today
        Assert.Equal(Cst("2025-03-11 08:30"), calendar.NextWorkingMoment(Cst("2025-03-10 17:31")));
    }

    [Fact]
    public void AddWorkingDays_AtClosingTime_KeepsTheClockTime()
    {
        var calendar = CalendarOf(Year2025);

        Assert.Equal("2025-03-10 17:30", InChina(calendar.AddWorkingDays(Cst("2025-03-07 17:30"), 1)));
        Assert.Equal("2025-03-10 12:00", InChina(calendar.AddWorkingDays(Cst("2025-03-07 12:00"), 1)));
    }

    [Fact]
    public void WorkingTimeBetween_SpansDaysAndHolidays()
    {
        var calendar = CalendarOf(Year2024);

        Assert.Equal(TimeSpan.FromHours(1.5) + Day + TimeSpan.FromHours(1), // Fri 16:00–17:30, Sun 4 Feb (worked), Mon 08:30–09:30
            calendar.WorkingTimeBetween(Cst("2024-02-02 16:00"), Cst("2024-02-05 09:30")));
        Assert.Equal(TimeSpan.Zero, calendar.WorkingTimeBetween(Cst("2024-10-01 09:00"), Cst("2024-10-07 17:00")));
    }

    [Fact]
    public void WorkingTimeBetween_Reversed_IsNegative()
    {
        var calendar = CalendarOf(Year2025);

        Assert.Equal(-TimeSpan.FromHours(2.5), calendar.WorkingTimeBetween(Cst("2025-03-10 11:00"), Cst("2025-03-10 08:30")));
    }

    [Fact]
    public void ZeroDuration_ReturnsTheStart_NegativeIsRefused()
    {
        var calendar = CalendarOf(Year2025);
        var night = Cst("2025-03-07 22:00");

        Assert.Equal(night, calendar.AddWorkingTime(night, TimeSpan.Zero));
        Assert.Equal(night, calendar.AddWorkingDays(night, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.AddWorkingTime(night, TimeSpan.FromMinutes(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.AddWorkingDays(night, -1));
    }

    [Fact]
    public void Utc_InAndOut_ComputedOnChinaDates()
    {
        var calendar = CalendarOf(Year2025);

        // 23:00 UTC on Sunday 9 March is 07:00 on Monday in China: the clock starts at 08:30 China = 00:30 UTC Monday.
        var result = calendar.NextWorkingMoment(new DateTime(2025, 3, 9, 23, 0, 0, DateTimeKind.Utc));
        Assert.Equal(new DateTime(2025, 3, 10, 0, 30, 0, DateTimeKind.Utc), result);
        Assert.Equal(DateTimeKind.Utc, result.Kind);

        // Monday 27 January 2025 08:00 UTC = 16:00 China; + 1 working day skips 春节 (28 Jan – 4 Feb) → 5 Feb 08:00 UTC.
        var due = calendar.AddWorkingDays(new DateTime(2025, 1, 27, 8, 0, 0, DateTimeKind.Utc), 1);
        Assert.Equal(new DateTime(2025, 2, 5, 8, 0, 0, DateTimeKind.Utc), due);
        Assert.Equal(DateTimeKind.Utc, due.Kind);

        // Unspecified (as a database may give it back) is read as UTC.
        Assert.Equal(due, calendar.AddWorkingDays(new DateTime(2025, 1, 27, 8, 0, 0, DateTimeKind.Unspecified), 1));
        Assert.Equal(DateTimeKind.Utc, calendar.AddWorkingTime(new DateTime(2025, 1, 27, 8, 0, 0, DateTimeKind.Unspecified), TimeSpan.Zero).Kind);
    }

    [Fact]
    public void ConfiguredHours_OneContinuousPeriod()
    {
        var calendar = CalendarOf(WorkingHours.Parse("09:00-17:00"), Year2025);

        Assert.Equal("2025-03-10 13:00", InChina(calendar.AddWorkingTime(Cst("2025-03-10 11:00"), TimeSpan.FromHours(2))));
        Assert.Equal("2025-03-11 09:30", InChina(calendar.AddWorkingTime(Cst("2025-03-10 16:30"), TimeSpan.FromHours(1))));
        Assert.Equal(TimeSpan.FromHours(8), calendar.WorkingTimeBetween(Cst("2025-03-07 09:00"), Cst("2025-03-10 09:00")));
    }

    [Fact]
    public void SpecialDaysOutsideTheUsualRange_StillWork()
    {
        // A weekday far from day 0 and a Sunday worked: the closed form holds anywhere in the DateOnly range.
        var calendar = CalendarOf("2099-12-31 off", "2099-12-27 on");

        Assert.False(calendar.IsWorkingDay(Day("2099-12-31")));
        Assert.True(calendar.IsWorkingDay(Day("2099-12-27")));
        Assert.Equal("2100-01-01 10:00", InChina(calendar.AddWorkingDays(Cst("2099-12-30 10:00"), 1)));
        Assert.Equal("2099-12-27 10:00", InChina(calendar.AddWorkingDays(Cst("2099-12-25 10:00"), 1)));
    }

    [Fact]
    public void DuplicateSpecialDay_IsRefused()
    {
        var days = new[] { new KeyValuePair<DateOnly, CalendarDayKind>(Day("2025-10-01"), CalendarDayKind.Holiday), new(Day("2025-10-01"), CalendarDayKind.MakeUpWorkday) };

        Assert.Throws<ArgumentException>(() => new WorkingCalendar(days, OfficeHours));
    }
}
