using static Jiexin.Platform.Localization.Text;
using Vizor.ECharts;

namespace Jiexin.Modules.Analytics.Overview;

/// <summary>The overview's charts (intake trend, 大类 bar, tier funnel), for the console (light) and the wall screen (dark).</summary>
public static class OverviewCharts
{
    private const string Font = "'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif";

    private static TextStyle Style(bool dark) => new() { FontFamily = Font, Color = new Color(dark ? "#d6e4ff" : "#333333") };

    /// <summary>
    /// Axis text and grid lines on the wall screen: ECharts draws them in its own mid grey, fine on white, but barely
    /// visible on the screen's navy from across a room (and the grid lines glared white). The console keeps the defaults.
    /// </summary>
    private static AxisLabel? AxisText(bool dark) => dark ? new() { Color = new Color("#adc6ff"), FontSize = 14 } : null;

    private static ItemStyle? Hue(bool dark, string color) => dark ? new() { Color = new Color(color) } : null;

    private static SplitLine? GridLines(bool dark) => dark ? new() { LineStyle = new() { Color = new Color("#2a4a80") } } : null;

    public static ChartOptions Trend(GetOverview.Overview o, bool dark = false) => new()
    {
        TextStyle = Style(dark),
        Grid = new() { Left = 48, Right = 24, Top = 40, Bottom = 32 },
        Tooltip = new() { Trigger = TooltipTrigger.Axis },
        Legend = new() { Top = 0, TextStyle = Style(dark) },
        XAxis = new()
        {
            Type = AxisType.Category,
            Data = o.Trend.Select(p => p.Day.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            AxisLabel = AxisText(dark),
        },
        YAxis = new() { Type = AxisType.Value, MinInterval = 1, AxisLabel = AxisText(dark), SplitLine = GridLines(dark) }, // counts: no 0.5 of an event
        Series =
        [
            // On the navy wall the default palette's dark blue line disappears: lighter hues there.
            new LineSeries { Name = T("受理", "Intake"), Data = o.Trend.Select(p => p.Intake).ToArray(), ItemStyle = Hue(dark, "#69b1ff") },
            new LineSeries { Name = T("办结", "Closed"), Data = o.Trend.Select(p => p.Closed).ToArray(), ItemStyle = Hue(dark, "#b7eb8f") },
        ],
    };

    public static ChartOptions Categories(GetOverview.Overview o, bool dark = false)
    {
        var lines = o.ByCategory.Take(12).Reverse().ToList();
        return new()
        {
            TextStyle = Style(dark),
            Grid = new() { Left = 96, Right = 40, Top = 16, Bottom = 24 },
            Tooltip = new() { Trigger = TooltipTrigger.Axis },
            XAxis = new() { Type = AxisType.Value, MinInterval = 1, AxisLabel = AxisText(dark), SplitLine = GridLines(dark) },
            YAxis = new() { Type = AxisType.Category, Data = lines.Select(l => l.Name).ToArray(), AxisLabel = AxisText(dark) },
            Series =
            [
                new BarSeries
                {
                    Name = T("受理", "Intake"),
                    Data = lines.Select(l => l.Intake).ToArray(),
                    Label = new() { Show = true, FontSize = dark ? 14 : null, Color = dark ? new Color("#002329") : null },
                    ItemStyle = new() { Color = new Color(dark ? "#36cfc9" : "#1677ff") },
                },
            ],
        };
    }

    /// <summary>
    /// Closed events by the tier that resolved them, as bars in the order an event climbs (网格 at the top). The tiers are
    /// separate counts, not stages one inside the other, so a funnel misled: sorted by count it swapped tiers whenever 街道
    /// outnumbered 村社区, and in tier order it drew an hourglass. Inside the village (网格, 村社区) green, 街道 amber,
    /// beyond the street red — the colours of 小事不出村、大事不出镇、矛盾不上交.
    /// </summary>
    public static ChartOptions Tiers(GetOverview.Overview o, bool dark = false)
    {
        (string Name, long Count, string Color)[] tiers =
        [
            (T("网格", "Grid"), o.ResolutionTiers.Grid, dark ? "#5cdbd3" : "#52c41a"),
            (T("村社区", "Community"), o.ResolutionTiers.Community, dark ? "#87e8de" : "#95de64"),
            (T("街道", "Subdistrict"), o.ResolutionTiers.Street, dark ? "#ffd666" : "#faad14"),
            (T("街道以上", "Above"), o.ResolutionTiers.AboveStreet, dark ? "#ff7875" : "#f5222d"),
        ];
        return new()
        {
            TextStyle = Style(dark),
            Grid = new() { Left = 72, Right = 40, Top = 16, Bottom = 24 },
            Tooltip = new() { Trigger = TooltipTrigger.Axis },
            XAxis = new() { Type = AxisType.Value, MinInterval = 1, AxisLabel = AxisText(dark), SplitLine = GridLines(dark) },
            YAxis = new() { Type = AxisType.Category, Inverse = true, Data = tiers.Select(t => t.Name).ToArray(), AxisLabel = AxisText(dark) },
            Series =
            [
                new BarSeries
                {
                    Name = T("化解层级", "Resolution tier"),
                    Data = tiers.Select(t => (object)new { value = t.Count, itemStyle = new { color = t.Color } }).ToArray(),
                    Label = new() { Show = true, Position = LabelPosition.Right, FontSize = dark ? 14 : null, Color = dark ? new Color("#d6e4ff") : null },
                    BarMaxWidth = 36,
                },
            ],
        };
    }

    /// <summary>Share resolved inside the community (网格 + 村社区): 小事不出村.</summary>
    public static double InsideCommunityShare(GetOverview.Tiers t)
    {
        var all = t.Grid + t.Community + t.Street + t.AboveStreet;
        return all == 0 ? 0 : 100.0 * (t.Grid + t.Community) / all;
    }
}
