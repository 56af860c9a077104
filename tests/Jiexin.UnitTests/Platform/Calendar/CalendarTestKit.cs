using System.Globalization;
using Jiexin.Platform.Calendar;

namespace Jiexin.UnitTests.Platform.Calendar;

/// <summary>Hand-made calendars and China-time helpers for the calendar tests.</summary>
internal static class CalendarTestKit
{
    public static readonly WorkingHours OfficeHours = WorkingHours.Parse(WorkingHours.Default);

    /// <summary>A UTC moment given as China wall-clock time ("2024-02-04 16:00").</summary>
    public static DateTime Cst(string chinaClock) =>
        DateTime.SpecifyKind(DateTime.ParseExact(chinaClock, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture).AddHours(-8), DateTimeKind.Utc);

    /// <summary>A UTC moment written back as China wall-clock time, for readable assertions.</summary>
    public static string InChina(DateTime utc)
    {
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        return utc.AddHours(8).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    public static DateOnly Day(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// A calendar from lines such as <c>"2024-02-10..2024-02-17 off"</c> and <c>"2024-02-04 on"</c>.
    /// </summary>
    public static WorkingCalendar CalendarOf(params string[] lines) => CalendarOf(OfficeHours, lines);

    public static WorkingCalendar CalendarOf(WorkingHours hours, params string[] lines)
    {
        var days = new List<KeyValuePair<DateOnly, CalendarDayKind>>();
        foreach (var line in lines)
        {
            var (range, kind) = line.Split(' ') switch
            {
                [var r, "off"] => (r, CalendarDayKind.Holiday),
                [var r, "on"] => (r, CalendarDayKind.MakeUpWorkday),
                _ => throw new ArgumentException(line),
            };
            var bounds = range.Split("..");
            for (var d = Day(bounds[0]); d <= Day(bounds[^1]); d = d.AddDays(1))
            {
                days.Add(new(d, kind));
            }
        }

        return new WorkingCalendar(days, hours);
    }

    /// <summary>2024 as the State Council announced it (国办发明电〔2023〕7号).</summary>
    public static readonly string[] Year2024 =
    [
        "2024-01-01 off",
        "2024-02-10..2024-02-17 off", "2024-02-04 on", "2024-02-18 on",
        "2024-04-04..2024-04-06 off", "2024-04-07 on",
        "2024-05-01..2024-05-05 off", "2024-04-28 on", "2024-05-11 on",
        "2024-06-08..2024-06-10 off",
        "2024-09-15..2024-09-17 off", "2024-09-14 on",
        "2024-10-01..2024-10-07 off", "2024-09-29 on", "2024-10-12 on",
    ];

    /// <summary>2025 as announced (国办发明电〔2024〕12号).</summary>
    public static readonly string[] Year2025 =
    [
        "2025-01-01 off",
        "2025-01-28..2025-02-04 off", "2025-01-26 on", "2025-02-08 on",
        "2025-04-04..2025-04-06 off",
        "2025-05-01..2025-05-05 off", "2025-04-27 on",
        "2025-05-31..2025-06-02 off",
        "2025-10-01..2025-10-08 off", "2025-09-28 on", "2025-10-11 on",
    ];

    /// <summary>2026 as announced (国务院办公厅, 2025-11-04).</summary>
    public static readonly string[] Year2026 =
    [
        "2026-01-01..2026-01-03 off", "2026-01-04 on",
        "2026-02-15..2026-02-23 off", "2026-02-14 on", "2026-02-28 on",
        "2026-04-04..2026-04-06 off",
        "2026-05-01..2026-05-05 off", "2026-05-09 on",
        "2026-06-19..2026-06-21 off",
        "2026-09-25..2026-09-27 off",
        "2026-10-01..2026-10-07 off", "2026-09-20 on", "2026-10-10 on",
    ];
}
