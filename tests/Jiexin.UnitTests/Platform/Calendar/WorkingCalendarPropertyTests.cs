using Jiexin.Platform.Calendar;
using static Jiexin.UnitTests.Platform.Calendar.CalendarTestKit;

namespace Jiexin.UnitTests.Platform.Calendar;

/// <summary>
/// Properties over many random starts and durations (fixed seeds, so a failure repeats), on 2024–2026 as announced,
/// and a cross-check of the closed-form arithmetic against a plain day-by-day reference.
/// </summary>
public sealed class WorkingCalendarPropertyTests
{
    private const int Cases = 3000;

    private static readonly WorkingCalendar Calendar = CalendarTestKit.CalendarOf([.. Year2024, .. Year2025, .. Year2026]);

    private static readonly DateTime RangeStart = Cst("2023-12-25 00:00");

    /// <summary>A random moment in 2024–2026, to the tick (so starts fall inside and outside hours, on lunch breaks and holidays).</summary>
    private static DateTime RandomMoment(Random random) => RangeStart.AddTicks(random.NextInt64(TimeSpan.FromDays(3 * 365).Ticks));

    /// <summary>Up to 40 working days, sometimes to the tick, sometimes a whole number of minutes or of days.</summary>
    private static TimeSpan RandomDuration(Random random) => random.Next(3) switch
    {
        0 => TimeSpan.FromTicks(random.NextInt64(1, TimeSpan.FromHours(300).Ticks)),
        1 => TimeSpan.FromMinutes(random.Next(1, 18000)),
        _ => TimeSpan.FromHours(7.5 * random.Next(1, 40)),
    };

    [Fact]
    public void WorkingTimeBetween_IsTheInverseOfAddWorkingTime()
    {
        var random = new Random(20240204);
        for (var i = 0; i < Cases; i++)
        {
            var start = RandomMoment(random);
            var duration = RandomDuration(random);

            var due = Calendar.AddWorkingTime(start, duration);

            Assert.True(duration == Calendar.WorkingTimeBetween(start, due), $"start {start:O} + {duration} → {due:O}");
        }
    }

    [Fact]
    public void AddWorkingTime_IsTheEarliestSuchMoment()
    {
        var random = new Random(20241001);
        for (var i = 0; i < Cases; i++)
        {
            var start = RandomMoment(random);
            var duration = RandomDuration(random);

            var due = Calendar.AddWorkingTime(start, duration);

            // One tick earlier the time has not yet run out: the answer is not a later moment of the same working instant.
            Assert.True(Calendar.WorkingTimeBetween(start, due.AddTicks(-1)) < duration, $"start {start:O} + {duration} → {due:O}");
            Assert.True(due > start);
        }
    }

    [Fact]
    public void AddWorkingDays_IsWholeWorkingDaysAtTheSameClockTime()
    {
        var random = new Random(20250128);
        for (var i = 0; i < Cases; i++)
        {
            var start = RandomMoment(random);
            var days = random.Next(1, 60);

            var due = Calendar.AddWorkingDays(start, days);
            var counting = Calendar.NextWorkingMoment(start);

            Assert.Equal(TimeSpan.FromHours(7.5 * days), Calendar.WorkingTimeBetween(start, due));
            Assert.Equal(counting.TimeOfDay, due.TimeOfDay);
            Assert.True(Calendar.IsWorkingDay(DateOnly.FromDateTime(due.AddHours(8))));
            Assert.Equal(days, CountWorkingDays(DateOnly.FromDateTime(counting.AddHours(8)), DateOnly.FromDateTime(due.AddHours(8))));
        }
    }

    [Fact]
    public void WorkingTimeBetween_MatchesADayByDayReference()
    {
        var random = new Random(20261001);
        for (var i = 0; i < Cases; i++)
        {
            var from = RandomMoment(random);
            var to = from.AddTicks(random.NextInt64(TimeSpan.FromDays(80).Ticks));

            Assert.True(Reference(from, to) == Calendar.WorkingTimeBetween(from, to), $"{from:O} → {to:O}");
        }
    }

    [Fact]
    public void NextWorkingMoment_HasNoWorkingTimeBefore_AndIsWithinHours()
    {
        var random = new Random(20260215);
        for (var i = 0; i < Cases; i++)
        {
            var moment = RandomMoment(random);

            var next = Calendar.NextWorkingMoment(moment);

            Assert.True(next >= moment);
            Assert.Equal(TimeSpan.Zero, Calendar.WorkingTimeBetween(moment, next));
            Assert.True(Calendar.IsWorkingDay(DateOnly.FromDateTime(next.AddHours(8))));
            Assert.True(Calendar.WorkingTimeBetween(next, next.AddMinutes(1)) > TimeSpan.Zero || IsClosingTime(next));
        }
    }

    private static bool IsClosingTime(DateTime utc) => utc.AddHours(8).TimeOfDay is var t && (t == TimeSpan.FromHours(12) || t == TimeSpan.FromHours(17.5));

    private static int CountWorkingDays(DateOnly after, DateOnly upTo)
    {
        var count = 0;
        for (var d = after.AddDays(1); d <= upTo; d = d.AddDays(1))
        {
            count += Calendar.IsWorkingDay(d) ? 1 : 0;
        }

        return count;
    }

    /// <summary>Plainly: for every China date touched, the overlap of [from, to) with that day's office periods.</summary>
    private static TimeSpan Reference(DateTime fromUtc, DateTime toUtc)
    {
        var from = fromUtc.AddHours(8);
        var to = toUtc.AddHours(8);
        var total = TimeSpan.Zero;
        for (var date = from.Date; date <= to.Date; date = date.AddDays(1))
        {
            if (!Calendar.IsWorkingDay(DateOnly.FromDateTime(date)))
            {
                continue;
            }

            foreach (var (start, end) in new[] { (8.5, 12.0), (13.5, 17.5) })
            {
                var periodStart = date.AddHours(start);
                var periodEnd = date.AddHours(end);
                var overlap = (to < periodEnd ? to : periodEnd) - (from > periodStart ? from : periodStart);
                if (overlap > TimeSpan.Zero)
                {
                    total += overlap;
                }
            }
        }

        return total;
    }
}
