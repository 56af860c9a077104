using Jiexin.Modules.Registry.Domain;
using Jiexin.Platform.Ui.Charts;
using Vizor.ECharts;
using static Jiexin.Platform.Localization.Text;

namespace Jiexin.Modules.Registry.Facilities;

/// <summary>
/// The facility map's ECharts options: the grids as the street's geo layer (<see cref="GridGeoLayer"/>, shared with the
/// Analytics grid map, ADR 0034), one scatter series per status (colour = status, symbol = kind), so the legend filters by status.
/// </summary>
public static class FacilityMapCharts
{
    /// <summary>The grids' outlines as a GeoJSON feature collection, each feature keyed by its id ("N" format).</summary>
    public static GridMapDefinition MapOf(string mapName, IReadOnlyList<FacilityMap.Grid> grids) =>
        GridGeoLayer.MapOf(mapName, grids.Select(g => (g.Id, g.BoundaryGeoJson)));

    /// <summary>Plain grey grids under coloured points; room on the right for the status legend.</summary>
    private static readonly GridGeoStyle Style = new(
        LabelColor: "#595959", LabelHalo: false, BorderColor: "#8c8c8c", BorderWidth: 1, HoverAreaColor: "#e6f4ff", Right: 110);

    private static string Symbol(FacilityKind kind) => kind switch
    {
        FacilityKind.Manhole => "circle",
        FacilityKind.StreetLight => "triangle",
        FacilityKind.Hydrant => "diamond",
        FacilityKind.Bin => "rect",
        FacilityKind.Bench => "roundRect",
        FacilityKind.TrafficSign => "arrow",
        _ => "pin",
    };

    public static ChartOptions Options(string mapName, FacilityMap.MapData map)
    {
        return new ChartOptions
        {
            Animation = false,
            TextStyle = new() { FontFamily = "'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif" },
            Legend = new() { Top = 8, Right = 12, Orient = Orient.Vertical },
            Tooltip = new()
            {
                Trigger = TooltipTrigger.Item,
                // Codes come from users: encoded before they become tooltip HTML.
                Formatter = new StringOrFunction(new JavascriptFunction(
                    "function (p) { var e = echarts.format.encodeHTML; var d = p.data;"
                    + " if (d && d.kind !== undefined) { return '<b>' + e(d.kind) + '</b> ' + e(d.code || '') + '<br/>' + e(d.status); }"
                    + " return ''; }")),
            },
            Geo = GridGeoLayer.Geo(mapName, map.Grids.Select(g => (g.Id, g.Name)), Style),
            Series = [.. Enum.GetValues<FacilityStatus>().Select(status => new ScatterSeries
            {
                Name = FacilityDisplay.Of(status),
                CoordinateSystem = "geo",
                SymbolSize = 11,
                ItemStyle = new() { Color = new Color(FacilityDisplay.Colour(status)), BorderColor = new Color("#ffffff"), BorderWidth = 1 },
                // name = the facility id (a click opens it), value = [lng, lat]; kind, code and status for the tooltip.
                Data = map.Points.Where(p => p.Status == status).Select(p => (object)new
                {
                    name = p.Id.ToString(),
                    value = new[] { p.Longitude, p.Latitude },
                    symbol = Symbol(p.Kind),
                    kind = FacilityDisplay.Of(p.Kind),
                    code = p.Code,
                    status = FacilityDisplay.Of(p.Status),
                }).ToList(),
            })],
        };
    }
}
