namespace Jiexin.Platform.Calendar.Seed;

/// <summary>
/// The national holiday schedules (全国年节放假调休安排) shipped with Jiexin, seeded into an empty calendar.
/// Each year's source is the 国务院办公厅 notice named below, copied break by break: the whole break is marked 放假
/// (its weekend days too, so the admin calendar shows the break as announced) and each 调休上班 day is listed.
/// A year announced after a release is entered by the Admin at /admin/calendar (docs/decisions/0012-working-calendar.md).
/// </summary>
public static class ChineseHolidaySchedules
{
    /// <param name="First">First day off (inclusive).</param>
    /// <param name="Last">Last day off (inclusive).</param>
    /// <param name="MakeUpWorkdays">Saturdays and Sundays worked (调休上班) for this break.</param>
    public sealed record Break(string Name, DateOnly First, DateOnly Last, params DateOnly[] MakeUpWorkdays);

    /// <param name="Provisional">Not yet announced when shipped: statutory days only, to be confirmed by the Admin.</param>
    public sealed record YearSchedule(int Year, string Source, bool Provisional, IReadOnlyList<Break> Breaks);

    public static readonly IReadOnlyList<YearSchedule> All =
    [
        new(2024, "国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号，2023年10月25日）", false,
        [
            // 元旦: 1月1日放假，与周末连休 (the weekend before was 2023-12-30/31).
            new("元旦", D(2024, 1, 1), D(2024, 1, 1)),
            new("春节", D(2024, 2, 10), D(2024, 2, 17), D(2024, 2, 4), D(2024, 2, 18)),
            new("清明节", D(2024, 4, 4), D(2024, 4, 6), D(2024, 4, 7)),
            new("劳动节", D(2024, 5, 1), D(2024, 5, 5), D(2024, 4, 28), D(2024, 5, 11)),
            // 端午节: 6月10日放假，与周末连休.
            new("端午节", D(2024, 6, 8), D(2024, 6, 10)),
            new("中秋节", D(2024, 9, 15), D(2024, 9, 17), D(2024, 9, 14)),
            new("国庆节", D(2024, 10, 1), D(2024, 10, 7), D(2024, 9, 29), D(2024, 10, 12)),
        ]),
        new(2025, "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）", false,
        [
            new("元旦", D(2025, 1, 1), D(2025, 1, 1)),
            new("春节", D(2025, 1, 28), D(2025, 2, 4), D(2025, 1, 26), D(2025, 2, 8)),
            new("清明节", D(2025, 4, 4), D(2025, 4, 6)),
            new("劳动节", D(2025, 5, 1), D(2025, 5, 5), D(2025, 4, 27)),
            new("端午节", D(2025, 5, 31), D(2025, 6, 2)),
            new("国庆节、中秋节", D(2025, 10, 1), D(2025, 10, 8), D(2025, 9, 28), D(2025, 10, 11)),
        ]),
        new(2026, "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）", false,
        [
            new("元旦", D(2026, 1, 1), D(2026, 1, 3), D(2026, 1, 4)),
            new("春节", D(2026, 2, 15), D(2026, 2, 23), D(2026, 2, 14), D(2026, 2, 28)),
            new("清明节", D(2026, 4, 4), D(2026, 4, 6)),
            new("劳动节", D(2026, 5, 1), D(2026, 5, 5), D(2026, 5, 9)),
            new("端午节", D(2026, 6, 19), D(2026, 6, 21)),
            new("中秋节", D(2026, 9, 25), D(2026, 9, 27)),
            new("国庆节", D(2026, 10, 1), D(2026, 10, 7), D(2026, 9, 20), D(2026, 10, 10)),
        ]),

        // Not announced when this was written (the notice normally comes in November or December of 2026). Statutory days
        // of 《全国年节及纪念日放假办法》 (2024 revision) from the 2027 lunar dates, plus the weekday rest the law gives when a
        // statutory day falls on a weekend (补假, taken as the next weekdays), plus adjoining weekends. No 调休上班 guessed:
        // the announcement may well lengthen 春节, 劳动节 and 国庆节 with make-up days — the Admin enters and confirms them.
        new(2027, "暂定：按《全国年节及纪念日放假办法》推算的法定假日（国务院办公厅尚未公布2027年安排）", true,
        [
            new("元旦", D(2027, 1, 1), D(2027, 1, 3)),            // Fri 1 January + weekend
            new("春节", D(2027, 2, 5), D(2027, 2, 10)),           // 除夕 Fri 5 – 初三 Mon 8, 补假 Tue 9 and Wed 10 for 初一/初二 on the weekend
            new("清明节", D(2027, 4, 3), D(2027, 4, 5)),          // 清明 Mon 5 April + weekend
            new("劳动节", D(2027, 5, 1), D(2027, 5, 4)),          // Sat 1 and Sun 2 May, 补假 Mon 3 and Tue 4
            new("端午节", D(2027, 6, 9), D(2027, 6, 9)),          // 五月初五, a Wednesday: that day only
            new("中秋节", D(2027, 9, 15), D(2027, 9, 15)),        // 八月十五, a Wednesday: that day only
            new("国庆节", D(2027, 10, 1), D(2027, 10, 5)),        // Fri 1 – Sun 3 October, 补假 Mon 4 and Tue 5
        ]),
    ];

    /// <summary>Every shipped day with its kind, name and whether it is provisional.</summary>
    public static IEnumerable<(DateOnly Date, CalendarDayKind Kind, string Name, bool Provisional)> Days() =>
        from year in All
        from holiday in year.Breaks
        from day in DaysOf(holiday).Select(d => (d, CalendarDayKind.Holiday))
            .Concat(holiday.MakeUpWorkdays.Select(d => (d, CalendarDayKind.MakeUpWorkday)))
        select (day.Item1, day.Item2, holiday.Name, year.Provisional);

    private static IEnumerable<DateOnly> DaysOf(Break holiday)
    {
        for (var day = holiday.First; day <= holiday.Last; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    private static DateOnly D(int year, int month, int day) => new(year, month, day);
}
