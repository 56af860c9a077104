namespace Jiexin.Platform.Calendar;

/// <summary>
/// The Chinese working calendar every deadline in Jiexin counts in (事件 now; 纠纷 and 清单 later).
/// Pure and in memory: no database call per question (one snapshot, reloaded after each edit).
/// </summary>
/// <remarks>
/// <para>Rules (docs/decisions/0012-working-calendar.md):</para>
/// <list type="bullet">
/// <item><b>Working day</b>: Monday–Friday unless the calendar marks it 放假 (Holiday); a Saturday or Sunday marked
/// 调休上班 (MakeUpWorkday) is a working day. Other days are not.</item>
/// <item><b>Working time</b>: the configured office hours (<c>Jiexin:Calendar:WorkingHours</c>, default 08:30–12:00 and
/// 13:30–17:30) of working days, in China Standard Time (UTC+8, no daylight saving; a fixed offset, no OS time-zone
/// database). The lunch break, nights, weekends and holidays do not count.</item>
/// <item>All inputs and outputs are UTC <see cref="DateTime"/>s (<see cref="DateTimeKind.Unspecified"/> is read as UTC,
/// <see cref="DateTimeKind.Local"/> is converted); results carry <see cref="DateTimeKind.Utc"/>.</item>
/// </list>
/// </remarks>
public interface IWorkingCalendar
{
    /// <summary>The office hours of a working day.</summary>
    WorkingHours WorkingHours { get; }

    /// <summary>True for a weekday that is not a holiday, and for a make-up working day (调休上班).</summary>
    bool IsWorkingDay(DateOnly date);

    /// <summary>
    /// The moment the clock starts for something that arrives at <paramref name="utc"/>: the same moment when it is within
    /// office hours (an opening or closing time counts as within), otherwise the next opening — a report at 22:00 on
    /// Friday starts counting at 08:30 on the next working day, one at 12:10 at 13:30.
    /// </summary>
    DateTime NextWorkingMoment(DateTime utc);

    /// <summary>
    /// The earliest moment by which <paramref name="workingDuration"/> (≥ 0) of working time has passed since
    /// <paramref name="startUtc"/>. Counting starts at <see cref="NextWorkingMoment"/>; 30 working minutes from 11:45 end at
    /// 13:45; when the time runs out exactly at a closing time the answer is that closing time (12:00, 17:30), not the
    /// next opening. Zero returns <paramref name="startUtc"/>.
    /// </summary>
    DateTime AddWorkingTime(DateTime startUtc, TimeSpan workingDuration);

    /// <summary>
    /// "N working days" (N ≥ 0): the same China clock time N working days later, counted from
    /// <see cref="NextWorkingMoment"/>. A report at 16:00 on Friday + 1 working day = 16:00 on the next working day
    /// (Monday, or the first day after a holiday); one at 20:00 on Friday counts from 08:30 on Monday, so + 1 = 08:30 on
    /// Tuesday. The answer is always N × <see cref="WorkingHours"/>.DayLength of working time later: the same working
    /// instant as <see cref="AddWorkingTime"/> with that duration, written as the clock time a person expects (13:30
    /// rather than the equivalent 12:00 of the morning). Zero returns <paramref name="startUtc"/>.
    /// </summary>
    DateTime AddWorkingDays(DateTime startUtc, int days);

    /// <summary>
    /// Working time between two moments: the inverse of <see cref="AddWorkingTime"/>
    /// (<c>WorkingTimeBetween(s, AddWorkingTime(s, d)) == d</c>). Negative when <paramref name="toUtc"/> is earlier,
    /// which reads as "已超期" for a deadline already past.
    /// </summary>
    TimeSpan WorkingTimeBetween(DateTime fromUtc, DateTime toUtc);
}
