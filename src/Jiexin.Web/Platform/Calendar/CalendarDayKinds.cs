using static Jiexin.Platform.Localization.Text;

namespace Jiexin.Platform.Calendar;

/// <summary>Labels and parsing of <see cref="CalendarDayKind"/>, and the range of dates the calendar accepts.</summary>
public static class CalendarDayKinds
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public static readonly IReadOnlyList<CalendarDayKind> All = [CalendarDayKind.Holiday, CalendarDayKind.MakeUpWorkday];

    public static string Label(CalendarDayKind kind) => kind switch
    {
        CalendarDayKind.Holiday => T("放假", "Holiday"),
        _ => T("调休上班", "Make-up workday"),
    };

    public static string Color(CalendarDayKind kind) => kind == CalendarDayKind.Holiday ? "red" : "blue";

    /// <summary>The enum names (any case) and the Chinese words clerks use; never numbers.</summary>
    public static CalendarDayKind? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "holiday" or "放假" or "休" or "假" => CalendarDayKind.Holiday,
        "makeupworkday" or "make-up workday" or "调休上班" or "上班" or "班" => CalendarDayKind.MakeUpWorkday,
        _ => null,
    };

    public static bool InRange(DateOnly date) => date.Year is >= FirstYear and <= LastYear;

    public static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    public static string WeekdayName(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Monday => T("周一", "Mon"),
        DayOfWeek.Tuesday => T("周二", "Tue"),
        DayOfWeek.Wednesday => T("周三", "Wed"),
        DayOfWeek.Thursday => T("周四", "Thu"),
        DayOfWeek.Friday => T("周五", "Fri"),
        DayOfWeek.Saturday => T("周六", "Sat"),
        _ => T("周日", "Sun"),
    };
}
