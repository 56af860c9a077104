using System.Collections.Frozen;

namespace Jiexin.Platform.Calendar;

/// <summary>Whether a special day is off or on.</summary>
public enum CalendarDayKind
{
    /// <summary>放假: no work, even on a weekday.</summary>
    Holiday,

    /// <summary>调休上班: a Saturday or Sunday worked in exchange for a longer holiday.</summary>
    MakeUpWorkday,
}

/// <summary>
/// One immutable working calendar: the special days plus the office hours. All arithmetic is O(log n) in the number of
/// special days, whatever the distance: a function F(moment) = working time elapsed since 0001-01-01 is computed in closed
/// form (weekdays by division, corrected by a prefix sum over the days that differ from the weekday rule), every answer
/// is a difference of F or its inverse. No loop over days, so a deadline job over 100,000 open events stays cheap.
/// </summary>
public sealed class WorkingCalendar : IWorkingCalendar
{
    private static readonly int LastDayNumber = DateOnly.MaxValue.DayNumber;

    private readonly FrozenDictionary<int, bool> _special;

    /// <summary>Day numbers whose working status differs from the weekday rule, ascending.</summary>
    private readonly int[] _exceptions;

    /// <summary><c>_exceptionsPrefix[i]</c>: sum of the corrections (+1 worked weekend, −1 weekday off) of the first i exceptions.</summary>
    private readonly int[] _exceptionsPrefix;

    private readonly int _extraWorkdays;
    private readonly int _weekdaysOff;
    private readonly long _dayTicks;

    public WorkingCalendar(IEnumerable<KeyValuePair<DateOnly, CalendarDayKind>> specialDays, WorkingHours hours)
    {
        ArgumentNullException.ThrowIfNull(specialDays);
        WorkingHours = hours ?? throw new ArgumentNullException(nameof(hours));
        _dayTicks = hours.DayLength.Ticks;

        var special = new Dictionary<int, bool>();
        foreach (var (date, kind) in specialDays)
        {
            if (!special.TryAdd(date.DayNumber, kind == CalendarDayKind.MakeUpWorkday))
            {
                throw new ArgumentException($"{date:yyyy-MM-dd} 出现了两次。 Duplicate special day.", nameof(specialDays));
            }
        }

        _special = special.ToFrozenDictionary();
        var exceptions = special
            .Where(d => d.Value != IsWeekday(d.Key))
            .OrderBy(d => d.Key)
            .ToArray();
        _exceptions = [.. exceptions.Select(d => d.Key)];
        _exceptionsPrefix = new int[exceptions.Length + 1];
        for (var i = 0; i < exceptions.Length; i++)
        {
            _exceptionsPrefix[i + 1] = _exceptionsPrefix[i] + (exceptions[i].Value ? 1 : -1);
        }

        _extraWorkdays = exceptions.Count(d => d.Value);
        _weekdaysOff = exceptions.Length - _extraWorkdays;
    }

    /// <summary>A calendar with no special days: Monday to Friday only.</summary>
    public static WorkingCalendar WeekdaysOnly(WorkingHours hours) => new([], hours);

    public WorkingHours WorkingHours { get; }

    public bool IsWorkingDay(DateOnly date) => IsWorkingDay(date.DayNumber);

    public DateTime NextWorkingMoment(DateTime utc) => ChinaTime.ToUtc(NextWorkingClock(ChinaTime.FromUtc(utc)));

    public DateTime AddWorkingTime(DateTime startUtc, TimeSpan workingDuration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDuration, TimeSpan.Zero);
        if (workingDuration == TimeSpan.Zero)
        {
            return ChinaTime.AsUtc(startUtc);
        }

        var target = Elapsed(ChinaTime.FromUtc(startUtc)) + workingDuration.Ticks;
        return ChinaTime.ToUtc(ClockWhenElapsed(target));
    }

    public DateTime AddWorkingDays(DateTime startUtc, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        if (days == 0)
        {
            return ChinaTime.AsUtc(startUtc);
        }

        var start = NextWorkingClock(ChinaTime.FromUtc(startUtc));
        var startDay = DateOnly.FromDateTime(start).DayNumber;
        var day = NthWorkingDay(WorkingDaysBefore(startDay) + days);
        return ChinaTime.ToUtc(DateOnly.FromDayNumber(day).ToDateTime(TimeOnly.MinValue) + start.TimeOfDay);
    }

    public TimeSpan WorkingTimeBetween(DateTime fromUtc, DateTime toUtc) =>
        TimeSpan.FromTicks(Elapsed(ChinaTime.FromUtc(toUtc)) - Elapsed(ChinaTime.FromUtc(fromUtc)));

    private static bool IsWeekday(int dayNumber) => dayNumber % 7 < 5; // day 0 (0001-01-01) was a Monday

    private bool IsWorkingDay(int dayNumber) =>
        _special.TryGetValue(dayNumber, out var worked) ? worked : IsWeekday(dayNumber);

    /// <summary>Weekdays in [day 0, n).</summary>
    private static long WeekdaysBefore(long n) => n / 7 * 5 + Math.Min(n % 7, 5);

    /// <summary>The smallest n with <see cref="WeekdaysBefore"/>(n) ≥ count.</summary>
    private static long FirstWithWeekdays(long count) => count <= 0 ? 0 : (count - 1) / 5 * 7 + (count - 1) % 5 + 1;

    /// <summary>Working days in [day 0, n): weekdays, plus worked weekends, minus weekdays off before n.</summary>
    private long WorkingDaysBefore(long n)
    {
        var index = Array.BinarySearch(_exceptions, (int)Math.Min(n, int.MaxValue));
        return WeekdaysBefore(n) + _exceptionsPrefix[index >= 0 ? index : ~index];
    }

    /// <summary>The day number of the working day with 0-based index <paramref name="index"/> since day 0.</summary>
    private int NthWorkingDay(long index)
    {
        // Smallest n with WorkingDaysBefore(n) ≥ index + 1; it lies where the weekday count, give or take the exceptions, reaches it.
        var low = FirstWithWeekdays(index + 1 - _extraWorkdays);
        var high = FirstWithWeekdays(index + 1 + _weekdaysOff);
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            if (WorkingDaysBefore(middle) >= index + 1)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        var day = low - 1;
        if (day > LastDayNumber)
        {
            throw new ArgumentOutOfRangeException(nameof(index), "期限超出了可计算的日期范围。 The deadline is beyond the last representable date.");
        }

        return (int)day;
    }

    /// <summary>F: working time (ticks) elapsed from day 0 up to a China wall-clock moment.</summary>
    private long Elapsed(DateTime chinaClock)
    {
        var day = DateOnly.FromDateTime(chinaClock).DayNumber;
        var elapsed = WorkingDaysBefore(day) * _dayTicks;
        return IsWorkingDay(day) ? elapsed + WorkingHours.DoneBefore(chinaClock.TimeOfDay).Ticks : elapsed;
    }

    /// <summary>F⁻¹: the earliest China wall-clock moment at which <paramref name="elapsed"/> (&gt; 0) working time has passed.</summary>
    private DateTime ClockWhenElapsed(long elapsed)
    {
        var fullDays = elapsed / _dayTicks;
        var rest = elapsed % _dayTicks;

        // Exactly at a day boundary: the closing time of the last counted day, not the next morning's opening.
        var (index, done) = rest > 0 ? (fullDays, rest) : (fullDays - 1, _dayTicks);
        var day = NthWorkingDay(index);
        return DateOnly.FromDayNumber(day).ToDateTime(TimeOnly.MinValue) + WorkingHours.TimeWhenDone(TimeSpan.FromTicks(done));
    }

    private DateTime NextWorkingClock(DateTime chinaClock)
    {
        var day = DateOnly.FromDateTime(chinaClock).DayNumber;
        if (IsWorkingDay(day) && WorkingHours.SameOrNextOpening(chinaClock.TimeOfDay) is { } time)
        {
            return chinaClock.Date + time;
        }

        var next = NthWorkingDay(WorkingDaysBefore(day + 1L));
        return DateOnly.FromDayNumber(next).ToDateTime(TimeOnly.MinValue) + WorkingHours.Opening;
    }
}
