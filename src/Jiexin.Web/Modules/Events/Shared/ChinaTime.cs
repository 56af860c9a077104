using System.Globalization;
using Jiexin.Platform.Localization;

namespace Jiexin.Modules.Events.Shared;

/// <summary>Times as Chinese staff read them: China Standard Time (UTC+8, no DST), relative for recent ones.</summary>
public static class ChinaTime
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static string Format(DateTime utc) =>
        (utc + Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Without the year, for narrow table columns (the full time goes in the cell's title).</summary>
    public static string Short(DateTime utc) =>
        (utc + Offset).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Relative(DateTime utc, DateTime nowUtc)
    {
        var ago = nowUtc - utc;
        return ago.TotalMinutes switch
        {
            < 1 => Text.T("刚刚", "just now"),
            < 60 => Text.T($"{(int)ago.TotalMinutes} 分钟前", $"{(int)ago.TotalMinutes} min ago"),
            < 60 * 24 => Text.T($"{(int)ago.TotalHours} 小时前", $"{(int)ago.TotalHours} h ago"),
            < 60 * 24 * 7 => Text.T($"{(int)ago.TotalDays} 天前", $"{(int)ago.TotalDays} d ago"),
            _ => Format(utc),
        };
    }
}
