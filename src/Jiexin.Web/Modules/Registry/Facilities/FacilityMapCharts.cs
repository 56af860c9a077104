using System.Text.Json;
using System.Text.Json.Nodes;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Platform.Ui.Charts;
using Vizor.ECharts;
using static Jiexin.Platform.Localization.Text;

namespace Jiexin.Modules.Registry.Facilities;

/// <summary>
/// The facility map's ECharts options: the grids as a geo component (the same GeoJSON definition as the Analytics grid
/// map, ADR 0034), one scatter series per status (colour = status, symbol = kind), so the legend filters by status.
/// </summary>
public static class FacilityMapCharts
{
    /// <summary>The grids' outlines as a GeoJSON feature collection, each feature keyed by its id ("N" format).</summary>
    public static GridMapDefinition MapOf(string mapName, IReadOnlyList<FacilityMap.Grid> grids)
    {
        var features = new JsonArray();
        foreach (var grid in grids)
        {
            JsonNode? geometry;
            try
            {
                geometry = JsonNode.Parse(grid.BoundaryGeoJson);
            }
            catch (JsonException)
            {
                continue; // an unreadable boundary is left off rather than breaking the map
            }

            features.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["properties"] = new JsonObject { ["key"] = grid.Id.ToString("N") },
                ["geometry"] = geometry,
            });
        }

        return new GridMapDefinition(mapName, new JsonObject { ["type"] = "FeatureCollection", ["features"] = features }.ToJsonString());
    }

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
        var names = JsonSerializer.Serialize(map.Grids.ToDictionary(g => g.Id.ToString("N"), g => g.Name));
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
            Geo = new Geo
            {
                Map = mapName,
                NameProperty = "key",
                Top = 12,
                Bottom = 12,
                Left = 12,
                Right = 110,
                Roam = Roam.True,
                SelectedMode = SelectionMode.False,
                Label = new()
                {
                    Show = true,
                    FontSize = 11,
                    Color = new Color("#595959"),
                    Formatter = new StringOrFunction(new JavascriptFunction("function (p) { var n = " + names + "; return n[p.name] || ''; }")),
                },
                ItemStyle = new() { BorderColor = new Color("#8c8c8c"), BorderWidth = 1, AreaColor = new Color("#f5f5f5") },
                Emphasis = new() { ItemStyle = new() { AreaColor = new Color("#e6f4ff") } },
            },
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
