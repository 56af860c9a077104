using System.Globalization;

namespace Jiexin.Platform.Calendar;

/// <summary>
/// The office hours of one working day in China Standard Time: sorted, non-overlapping periods, e.g.
/// 08:30–12:00 and 13:30–17:30 (the usual government office day; the lunch break does not count).
/// </summary>
public sealed class WorkingHours
{
    public const string Default = "08:30-12:00,13:30-17:30";

    private readonly TimeSpan[] _starts;
    private readonly TimeSpan[] _ends;

    /// <summary>Working time that has passed at the start of each period (index i) within the day.</summary>
    private readonly TimeSpan[] _doneBefore;

    public WorkingHours(IEnumerable<(TimeSpan Start, TimeSpan End)> periods)
    {
        var sorted = periods.OrderBy(p => p.Start).ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("工作时间至少要有一个时段。 At least one working period is needed.", nameof(periods));
        }

        for (var i = 0; i < sorted.Length; i++)
        {
            var (start, end) = sorted[i];
            if (start < TimeSpan.Zero || end > TimeSpan.FromDays(1) || start >= end)
            {
                throw new ArgumentException($"工作时段 {Format(start)}-{Format(end)} 无效：开始须早于结束，且在 00:00 至 24:00 之间。", nameof(periods));
            }

            if (i > 0 && start < sorted[i - 1].End)
            {
                throw new ArgumentException($"工作时段 {Format(sorted[i - 1].Start)}-{Format(sorted[i - 1].End)} 与 {Format(start)}-{Format(end)} 重叠。", nameof(periods));
            }
        }

        _starts = [.. sorted.Select(p => p.Start)];
        _ends = [.. sorted.Select(p => p.End)];
        _doneBefore = new TimeSpan[sorted.Length];
        var done = TimeSpan.Zero;
        for (var i = 0; i < sorted.Length; i++)
        {
            _doneBefore[i] = done;
            done += _ends[i] - _starts[i];
        }

        DayLength = done;
    }

    /// <summary>Working time in one full working day (7.5 hours by default).</summary>
    public TimeSpan DayLength { get; }

    public IReadOnlyList<(TimeSpan Start, TimeSpan End)> Periods => [.. _starts.Zip(_ends)];

    /// <summary>When the working day begins (the first opening).</summary>
    public TimeSpan Opening => _starts[0];

    /// <summary>
    /// Parses <c>"08:30-12:00,13:30-17:30"</c> (also with <c>–</c>, <c>~</c>, <c>;</c>, <c>，</c> and spaces; <c>24:00</c> allowed as an end).
    /// </summary>
    public static WorkingHours Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var periods = new List<(TimeSpan, TimeSpan)>();
        foreach (var part in text.Split([',', ';', '，', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split(['-', '–', '~', '～'], StringSplitOptions.TrimEntries);
            if (bounds.Length != 2 || ParseTime(bounds[0]) is not { } start || ParseTime(bounds[1]) is not { } end)
            {
                throw new FormatException($"无法识别工作时段「{part}」，应写成 08:30-12:00 这样的形式。");
            }

            periods.Add((start, end));
        }

        return new WorkingHours(periods);
    }

    public static bool TryParse(string? text, out WorkingHours? hours, out string? error)
    {
        try
        {
            hours = Parse(text ?? "");
            error = null;
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            hours = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>Working time done on a working day between 00:00 and <paramref name="timeOfDay"/>.</summary>
    public TimeSpan DoneBefore(TimeSpan timeOfDay)
    {
        for (var i = _starts.Length - 1; i >= 0; i--)
        {
            if (timeOfDay >= _starts[i])
            {
                return _doneBefore[i] + (timeOfDay < _ends[i] ? timeOfDay - _starts[i] : _ends[i] - _starts[i]);
            }
        }

        return TimeSpan.Zero;
    }

    /// <summary>
    /// The earliest time of day by which <paramref name="done"/> working time has passed (0 &lt; done ≤ <see cref="DayLength"/>):
    /// a period's end rather than the next period's start, e.g. 12:00 rather than 13:30.
    /// </summary>
    public TimeSpan TimeWhenDone(TimeSpan done)
    {
        for (var i = 0; i < _starts.Length; i++)
        {
            var length = _ends[i] - _starts[i];
            if (done <= _doneBefore[i] + length)
            {
                return _starts[i] + (done - _doneBefore[i]);
            }
        }

        return _ends[^1];
    }

    /// <summary>
    /// Within office hours (a period's end counts as within, so 17:30 is still "today") → the same time;
    /// otherwise the next period's start on this day, or null when the day's last period is over.
    /// </summary>
    public TimeSpan? SameOrNextOpening(TimeSpan timeOfDay)
    {
        for (var i = 0; i < _starts.Length; i++)
        {
            if (timeOfDay < _starts[i])
            {
                return _starts[i];
            }

            if (timeOfDay <= _ends[i])
            {
                return timeOfDay;
            }
        }

        return null;
    }

    public override string ToString() => string.Join(",", _starts.Zip(_ends, (s, e) => $"{Format(s)}-{Format(e)}"));

    public static string Format(TimeSpan time) =>
        time == TimeSpan.FromDays(1) ? "24:00" : time.ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    private static TimeSpan? ParseTime(string text)
    {
        if (text is "24:00")
        {
            return TimeSpan.FromDays(1);
        }

        return TimeOnly.TryParseExact(text, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time.ToTimeSpan()
            : null;
    }
}
