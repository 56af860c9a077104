using BenchmarkDotNet.Attributes;
using Jiexin.Platform.Calendar;
using Jiexin.Platform.Calendar.Seed;

namespace Jiexin.Benchmarks.Calendar;

/// <summary>
/// The deadline job's arithmetic: 100,000 open events with random report times over 2024–2027, on the shipped national
/// calendar. The closed-form <see cref="WorkingCalendar"/> against a plain day-by-day walk (the obvious implementation).
/// </summary>
[MemoryDiagnoser]
public class WorkingCalendarBenchmarks
{
    private const int Events = 100_000;

    private WorkingCalendar _calendar = null!;
    private DateTime[] _starts = [];

    [GlobalSetup]
    public void Setup()
    {
        _calendar = new WorkingCalendar(
            ChineseHolidaySchedules.Days().Select(d => new KeyValuePair<DateOnly, CalendarDayKind>(d.Date, d.Kind)),
            WorkingHours.Parse(WorkingHours.Default));
        var random = new Random(42);
        var first = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        _starts = [.. Enumerable.Range(0, Events).Select(_ => first.AddMinutes(random.Next(4 * 365 * 24 * 60)))];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public long AddWorkingTime_DayByDay()
    {
        long sum = 0;
        foreach (var start in _starts)
        {
            sum += DayByDay(start, TimeSpan.FromHours(5 * 7.5)).Ticks;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long AddWorkingTime_5Days() => Sum(s => _calendar.AddWorkingTime(s, TimeSpan.FromHours(5 * 7.5)).Ticks);

    [Benchmark(OperationsPerInvoke = Events)]
    public long AddWorkingTime_30Minutes() => Sum(s => _calendar.AddWorkingTime(s, TimeSpan.FromMinutes(30)).Ticks);

    [Benchmark(OperationsPerInvoke = Events)]
    public long AddWorkingDays_20() => Sum(s => _calendar.AddWorkingDays(s, 20).Ticks);

    [Benchmark(OperationsPerInvoke = Events)]
    public long WorkingTimeBetween_60Days() => Sum(s => _calendar.WorkingTimeBetween(s, s.AddDays(60)).Ticks);

    private long Sum(Func<DateTime, long> work)
    {
        long sum = 0;
        foreach (var start in _starts)
        {
            sum += work(start);
        }

        return sum;
    }

    /// <summary>The straightforward way: walk the China days, taking each working day's periods until the time runs out.</summary>
    private DateTime DayByDay(DateTime startUtc, TimeSpan duration)
    {
        var clock = startUtc.AddHours(8);
        var left = duration;
        for (var date = clock.Date; ; date = date.AddDays(1))
        {
            if (!_calendar.IsWorkingDay(DateOnly.FromDateTime(date)))
            {
                continue;
            }

            foreach (var (open, close) in _calendar.WorkingHours.Periods)
            {
                var from = date + open > clock ? date + open : clock;
                var available = date + close - from;
                if (available <= TimeSpan.Zero)
                {
                    continue;
                }

                if (available >= left)
                {
                    return DateTime.SpecifyKind(from + left - TimeSpan.FromHours(8), DateTimeKind.Utc);
                }

                left -= available;
            }
        }
    }
}
