using System.Globalization;
using Jiexin.Platform.Calendar;
using Jiexin.Platform.Calendar.Seed;
using static Jiexin.UnitTests.Platform.Calendar.CalendarTestKit;

namespace Jiexin.UnitTests.Platform.Calendar;

/// <summary>
/// The shipped national schedules against the 国务院办公厅 notices for 2024, 2025 and 2026 (written out independently in
/// <see cref="CalendarTestKit"/>), and the provisional 2027 against the statutory days computed from the lunar calendar.
/// </summary>
public sealed class ChineseHolidaySchedulesTests
{
    private static readonly WorkingCalendar Shipped = new(
        ChineseHolidaySchedules.Days().Select(d => new KeyValuePair<DateOnly, CalendarDayKind>(d.Date, d.Kind)), OfficeHours);

    public static TheoryData<int> AnnouncedYears => [2024, 2025, 2026];

    [Theory]
    [MemberData(nameof(AnnouncedYears))]
    public void AnnouncedYear_MatchesTheNoticeDayForDay(int year)
    {
        var notice = year switch { 2024 => Year2024, 2025 => Year2025, _ => Year2026 };
        var expected = CalendarOf(notice);

        for (var day = new DateOnly(year, 1, 1); day.Year == year; day = day.AddDays(1))
        {
            Assert.True(expected.IsWorkingDay(day) == Shipped.IsWorkingDay(day), $"{day:yyyy-MM-dd}: notice says {(expected.IsWorkingDay(day) ? "work" : "off")}");
        }

        var shippedYear = ChineseHolidaySchedules.All.Single(y => y.Year == year);
        Assert.False(shippedYear.Provisional);
        Assert.Contains("国务院办公厅", shippedYear.Source);
    }

    [Fact]
    public void SpringFestival2025_And_NationalDay2025()
    {
        var days = ChineseHolidaySchedules.Days().ToDictionary(d => d.Date);

        for (var d = Day("2025-01-28"); d <= Day("2025-02-04"); d = d.AddDays(1))
        {
            Assert.Equal((CalendarDayKind.Holiday, "春节"), (days[d].Kind, days[d].Name));
        }

        Assert.Equal(CalendarDayKind.MakeUpWorkday, days[Day("2025-01-26")].Kind);
        Assert.Equal(CalendarDayKind.MakeUpWorkday, days[Day("2025-02-08")].Kind);
        Assert.True(Shipped.IsWorkingDay(Day("2025-01-27")));
        Assert.True(Shipped.IsWorkingDay(Day("2025-02-05")));

        for (var d = Day("2025-10-01"); d <= Day("2025-10-08"); d = d.AddDays(1))
        {
            Assert.Equal(CalendarDayKind.Holiday, days[d].Kind);
            Assert.False(Shipped.IsWorkingDay(d));
        }

        Assert.Equal(CalendarDayKind.MakeUpWorkday, days[Day("2025-09-28")].Kind);
        Assert.Equal(CalendarDayKind.MakeUpWorkday, days[Day("2025-10-11")].Kind);
        Assert.True(Shipped.IsWorkingDay(Day("2025-10-09")));
    }

    [Fact]
    public void EveryMakeUpDay_IsAWeekend_AndNoDateAppearsTwice()
    {
        var days = ChineseHolidaySchedules.Days().ToList();

        Assert.Equal(days.Count, days.Select(d => d.Date).Distinct().Count());
        Assert.All(days.Where(d => d.Kind == CalendarDayKind.MakeUpWorkday), d => Assert.True(CalendarDayKinds.IsWeekend(d.Date), $"{d.Date} is a weekday"));
        Assert.All(ChineseHolidaySchedules.All, y => Assert.All(y.Breaks, b =>
        {
            Assert.Equal(y.Year, b.First.Year);
            Assert.True(b.First <= b.Last);
        }));
        Assert.Equal([2024, 2025, 2026, 2027], ChineseHolidaySchedules.All.Select(y => y.Year));
    }

    [Fact]
    public void Year2027_IsProvisional_WithTheStatutoryDaysOff_AndNoGuessedMakeUpDays()
    {
        var year = ChineseHolidaySchedules.All.Single(y => y.Year == 2027);
        Assert.True(year.Provisional);
        Assert.All(ChineseHolidaySchedules.Days().Where(d => d.Date.Year == 2027), d => Assert.True(d.Provisional));
        Assert.DoesNotContain(ChineseHolidaySchedules.Days(), d => d.Date.Year == 2027 && d.Kind == CalendarDayKind.MakeUpWorkday);

        // 《全国年节及纪念日放假办法》(2024): 元旦 1, 春节 4 (除夕–初三), 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3.
        var lunar = new ChineseLunisolarCalendar();
        Assert.Equal(0, lunar.GetLeapMonth(2027)); // no leap month: month numbers are plain
        var newYear = DateOnly.FromDateTime(lunar.ToDateTime(2027, 1, 1, 0, 0, 0, 0));
        var statutory = new List<DateOnly>
        {
            Day("2027-01-01"),
            newYear.AddDays(-1), newYear, newYear.AddDays(1), newYear.AddDays(2),
            Day("2027-04-05"), // 清明 (solar term)
            Day("2027-05-01"), Day("2027-05-02"),
            DateOnly.FromDateTime(lunar.ToDateTime(2027, 5, 5, 0, 0, 0, 0)),
            DateOnly.FromDateTime(lunar.ToDateTime(2027, 8, 15, 0, 0, 0, 0)),
            Day("2027-10-01"), Day("2027-10-02"), Day("2027-10-03"),
        };
        Assert.Equal(Day("2027-02-06"), newYear);
        Assert.All(statutory, d => Assert.False(Shipped.IsWorkingDay(d), $"{d:yyyy-MM-dd} should be off"));

        // A statutory day on a weekend gives a weekday off (补假): as many weekdays off as statutory days.
        var weekdaysOff = ChineseHolidaySchedules.Days().Count(d => d.Date.Year == 2027 && !CalendarDayKinds.IsWeekend(d.Date));
        Assert.Equal(statutory.Count, weekdaysOff);
    }
}
