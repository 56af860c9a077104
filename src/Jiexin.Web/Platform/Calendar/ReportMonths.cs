using System.Globalization;

namespace Jiexin.Platform.Calendar;

/// <summary>Report months ("yyyy-MM", China time): parsing, bounds, the months a list offers. Shared by the monthly reports
/// of Analytics (综合研判) and Disputes (分析研判, 信息报送).</summary>
public static class ReportMonths
{
    public static bool TryParse(string? text, out string month)
    {
        month = "";
        if (text is null || text.Length != 7
            || !DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) || d.Year < 2000)
        {
            return false;
        }

        month = d.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        return true;
    }

    public static DateOnly FirstDay(string month) => DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The China-time month as a UTC range [from, to).</summary>
    public static (DateTime From, DateTime To) Bounds(string month)
    {
        var first = FirstDay(month).ToDateTime(TimeOnly.MinValue);
        return (ChinaTime.ToUtc(first), ChinaTime.ToUtc(first.AddMonths(1)));
    }

    public static string Current(TimeProvider clock) => ChinaTime.Today(clock).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static bool IsFuture(string month, TimeProvider clock) => string.CompareOrdinal(month, Current(clock)) > 0;

    /// <summary>The current month and the <paramref name="count"/> − 1 before it, newest first.</summary>
    public static IReadOnlyList<string> Recent(TimeProvider clock, int count)
    {
        var first = FirstDay(Current(clock));
        return [.. Enumerable.Range(0, count).Select(i => first.AddMonths(-i).ToString("yyyy-MM", CultureInfo.InvariantCulture))];
    }

    /// <summary>"" when valid, else the zh-CN reason.</summary>
    public static string? Invalid(string? text, TimeProvider clock, out string month) =>
        !TryParse(text, out month) ? "月份格式应为 yyyy-MM，例如 2026-11。"
        : IsFuture(month, clock) ? "不能查看尚未开始的月份的研判报告。"
        : null;
}
