using Jiexin.Platform.Ui.Charts;
using Vizor.ECharts;
using static Jiexin.Platform.Localization.Text;

namespace Jiexin.Modules.Analytics.GridMap;

/// <summary>What the grid map colours its grids by.</summary>
public enum GridMapMeasure
{
    Open,
    Overdue,
    Warnings,
}

/// <summary>
/// The grid map's ECharts options: the grids as a geo component coloured by the chosen measure (a map series on the
/// geo, read by a continuous visualMap), open events as two scatter series (在办 / 超期) and a heat layer on the same
/// geo, so all layers move together when dragged or zoomed.
/// </summary>
public static class GridMapCharts
{
    public const int MapSeriesIndex = 0;
    public const int OpenPointsSeriesIndex = 1;
    public const int OverduePointsSeriesIndex = 2;
    public const int HeatSeriesIndex = 3;

    public static long Value(GetGridMap.Grid g, GridMapMeasure measure) => measure switch
    {
        GridMapMeasure.Overdue => g.Overdue,
        GridMapMeasure.Warnings => g.Warnings,
        _ => g.Open,
    };

    public static string Name(GridMapMeasure measure) => measure switch
    {
        GridMapMeasure.Overdue => T("超期", "Overdue"),
        GridMapMeasure.Warnings => T("预警", "Warnings"),
        _ => T("在办", "Open"),
    };

    /// <summary>Light to dark of one hue per measure: blue for open work, red for overdue, orange for warnings.</summary>
    private static string[] Scale(GridMapMeasure measure) => measure switch
    {
        GridMapMeasure.Overdue => ["#fff1f0", "#ffa39e", "#ff4d4f", "#a8071a"],
        GridMapMeasure.Warnings => ["#fff7e6", "#ffd591", "#fa8c16", "#ad4e00"],
        _ => ["#f0f5ff", "#adc6ff", "#597ef7", "#10239e"],
    };

    /// <summary>The GeoJSON feature collection of the grids, each feature keyed by its id ("N" format).</summary>
    public static GridMapDefinition MapOf(string mapName, IReadOnlyList<GetGridMap.Grid> grids) =>
        GridGeoLayer.MapOf(mapName, grids.Select(g => (g.Id, g.BoundaryGeoJson)));

    /// <summary>
    /// Grids coloured from light to dark: names with a white halo stay readable on the darkest; the hovered grid turns
    /// yellow with a dark outline. The street keeps clear of the colour legend in the bottom-left corner: on a wide
    /// card (the wall screen) the legend had covered the grids and names along the street's western edge.
    /// </summary>
    private static readonly GridGeoStyle Style = new(
        LabelColor: "#1f1f1f", LabelHalo: true, BorderColor: "#ffffff", BorderWidth: 1.5,
        HoverAreaColor: "#ffe58f", HoverBorderColor: "#1f1f1f", HoverBoldLabel: true, Left: LegendWidth);

    /// <summary>The room the colour legend takes at the card's left edge (its bar, end labels and margin).</summary>
    private const int LegendWidth = 88;

    public static ChartOptions Options(string mapName, GetGridMap.GridMapFigures map, GridMapMeasure measure, bool points, bool heat)
    {
        var max = Math.Max(1, map.Grids.Count == 0 ? 1 : map.Grids.Max(g => Value(g, measure)));
        var open = map.Points.Where(p => !p.Overdue).ToList();
        var overdue = map.Points.Where(p => p.Overdue).ToList();
        return new ChartOptions
        {
            Animation = false,
            TextStyle = new() { FontFamily = "'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif" },
            Tooltip = new()
            {
                Trigger = TooltipTrigger.Item,
                // Names come from users: encoded before they become tooltip HTML.
                Formatter = new StringOrFunction(new JavascriptFunction(
                    "function (p) { var e = echarts.format.encodeHTML; var d = p.data;"
                    + " if (d && d.gridName !== undefined) { return '<b>' + e(d.community) + ' · ' + e(d.gridName) + '</b><br/>"
                    + T("在办", "Open") + " ' + d.open + '<br/>" + T("超期", "Overdue") + " ' + d.overdue + '<br/>" + T("预警", "Warnings") + " ' + d.warnings; }"
                    + " if (d && d.category !== undefined) { return e(d.category) + (d.overdue ? ' · " + T("超期", "overdue") + "' : ''); }"
                    + " return ''; }")),
            },
            Geo = GridGeoLayer.Geo(mapName, map.Grids.Select(g => (g.Id, g.Name)), Style),
            VisualMapList =
            [
                new ContinuousVisualMap
                {
                    Min = 0,
                    Max = max,
                    SeriesIndex = MapSeriesIndex,
                    Calculable = true,
                    Left = 16,
                    Bottom = 16,
                    Text = [T($"{Name(measure)} 多", "more"), T("少", "fewer")],
                    InRange = new() { Color = Scale(measure).Select(c => new Color(c)).ToArray() },
                },
                new ContinuousVisualMap
                {
                    Min = 0,
                    Max = 3,
                    SeriesIndex = HeatSeriesIndex,
                    Show = false,
                    InRange = new() { Color = new[] { "#1677ff", "#52c41a", "#fadb14", "#fa541c", "#cf1322" }.Select(c => new Color(c)).ToArray() },
                },
            ],
            Series =
            [
                new MapSeries
                {
                    Name = Name(measure),
                    GeoIndex = 0,
                    Data = map.Grids.Select(g => (object)new
                    {
                        name = GridGeoLayer.Key(g.Id),
                        value = Value(g, measure),
                        gridName = g.Name,
                        community = g.CommunityName,
                        open = g.Open,
                        overdue = g.Overdue,
                        warnings = g.Warnings,
                    }).ToList(),
                },
                PointSeries(T("在办事件", "Open events"), open, "#1677ff", points),
                PointSeries(T("超期事件", "Overdue events"), overdue, "#cf1322", points),
                new HeatmapSeries
                {
                    Name = T("热力", "Heat"),
                    CoordinateSystem = "geo",
                    PointSize = 12,
                    BlurSize = 18,
                    Data = heat ? map.Points.Select(p => new double[] { p.Longitude, p.Latitude, 1 }).ToArray() : Array.Empty<double[]>(),
                },
            ],
        };
    }

    private static ScatterSeries PointSeries(string name, IReadOnlyList<GetGridMap.Point> points, string color, bool show) => new()
    {
        Name = name,
        CoordinateSystem = "geo",
        SymbolSize = 6,
        ItemStyle = new() { Color = new Color(color), BorderColor = new Color("#ffffff"), BorderWidth = 0.5 },
        // name = the event id (a click opens it), value = [lng, lat]; the category and the flag for the tooltip.
        Data = show
            ? points.Select(p => (object)new { name = p.Id.ToString(), value = new[] { p.Longitude, p.Latitude }, category = p.Category, overdue = p.Overdue }).ToList()
            : [],
    };

}
