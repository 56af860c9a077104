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
            new LineSeries { Name = T("受理", "Intake"), Data = o.Trend.Select(p => p.Intake).ToArray(), Smooth = true, ItemStyle = Hue(dark, "#69b1ff") },
            new LineSeries { Name = T("办结", "Closed"), Data = o.Trend.Select(p => p.Closed).ToArray(), Smooth = true, ItemStyle = Hue(dark, "#b7eb8f") },
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

    public static ChartOptions Tiers(GetOverview.Overview o, bool dark = false) => new()
    {
        TextStyle = Style(dark),
        Tooltip = new() { Trigger = TooltipTrigger.Item, Formatter = new StringOrFunction("{b}: {c}") },
        Series =
        [
            new FunnelSeries
            {
                Name = T("化解层级", "Resolution tier"),
                // The labels sit outside to the right: leave them a third of the width (at 80 % "网格 6" was cut to "网").
                Left = "4%",
                Width = "62%",
                Top = 10,
                Bottom = 10,
                Label = new() { Show = true, Formatter = new StringOrFunction("{b}  {c}") },
                Data = new object[]
                {
                    new { name = T("网格", "Grid"), value = o.ResolutionTiers.Grid },
                    new { name = T("村社区", "Community"), value = o.ResolutionTiers.Community },
                    new { name = T("街道", "Subdistrict"), value = o.ResolutionTiers.Street },
                    new { name = T("街道以上", "Above"), value = o.ResolutionTiers.AboveStreet },
                },
            },
        ],
    };

    /// <summary>Share resolved inside the community (网格 + 村社区): 小事不出村.</summary>
    public static double InsideCommunityShare(GetOverview.Tiers t)
    {
        var all = t.Grid + t.Community + t.Street + t.AboveStreet;
        return all == 0 ? 0 : 100.0 * (t.Grid + t.Community) / all;
    }
}
