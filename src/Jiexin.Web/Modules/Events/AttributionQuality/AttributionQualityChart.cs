using System.Globalization;
using static Jiexin.Platform.Localization.Text;
using Vizor.ECharts;

namespace Jiexin.Modules.Events.AttributionQuality;

/// <summary>
/// The quality page's trend: events the model categorised each day (bars, left axis) and the day's agreement among the
/// dispatched (line, right axis, 0-100 %). Days with nothing dispatched leave a gap in the line rather than a false 0 %.
/// </summary>
public static class AttributionQualityChart
{
    public static ChartOptions Trend(AttributionQuality.Result r) => new()
    {
        Grid = new() { Left = 48, Right = 56, Top = 40, Bottom = 32 },
        Tooltip = new() { Trigger = TooltipTrigger.Axis },
        Legend = new() { Top = 0 },
        XAxis = new()
        {
            Type = AxisType.Category,
            Data = r.Trend.Select(d => d.Day.ToString("MM-dd", CultureInfo.InvariantCulture)).ToArray(),
        },
        YAxisList =
        [
            new() { Type = AxisType.Value, MinInterval = 1, Name = T("件", "events") },
            new() { Type = AxisType.Value, Min = 0, Max = 100, Name = "%", SplitLine = new() { Show = false } },
        ],
        Series =
        [
            new BarSeries
            {
                Name = T("模型归类", "Categorised"),
                Data = r.Trend.Select(d => d.Attributed).ToArray(),
                ItemStyle = new() { Color = new Color("#91caff") },
            },
            new LineSeries
            {
                Name = T("一致率", "Agreement"),
                YAxisIndex = 1,
                ConnectNulls = false,
                Data = r.Trend.Select(d => d.AgreementRate is { } a ? (double?)Math.Round(a * 100, 1) : null).ToArray(),
                ItemStyle = new() { Color = new Color("#1677ff") },
            },
        ],
    };
}
