using System.Text.Json;
using System.Text.Json.Nodes;
using Vizor.ECharts;

namespace Jiexin.Platform.Ui.Charts;

/// <summary>How a page draws the street's grids; the maps share the layer and differ in these only.</summary>
/// <param name="LabelHalo">A white outline around the grid names, for grids coloured dark.</param>
/// <param name="HoverBorderColor">The hovered grid's outline (null: unchanged).</param>
/// <param name="HoverBoldLabel">The hovered grid's name shown bold.</param>
/// <param name="Right">Room on the right (a vertical legend sits there).</param>
public sealed record GridGeoStyle(
    string LabelColor,
    bool LabelHalo,
    string BorderColor,
    double BorderWidth,
    string HoverAreaColor,
    string? HoverBorderColor = null,
    bool HoverBoldLabel = false,
    int Right = 12,
    int Left = 12);

/// <summary>
/// The street as an ECharts geo component of its grids (ADR 0034): the GeoJSON map registered under a name, each grid
/// feature keyed by its id ("N" format), labelled with the grid's name, draggable and zoomable. Series placed on it
/// (<c>coordinateSystem: "geo"</c>, or a map series with <c>geoIndex: 0</c>) move with it.
/// </summary>
public static class GridGeoLayer
{
    /// <summary>The key of a grid's feature: the name series data must carry to land on that grid.</summary>
    public static string Key(Guid gridId) => gridId.ToString("N");

    /// <summary>The grids' outlines as a GeoJSON feature collection for <c>echarts.registerMap</c>.</summary>
    public static GridMapDefinition MapOf(string mapName, IEnumerable<(Guid Id, string BoundaryGeoJson)> grids)
    {
        var features = new JsonArray();
        foreach (var (id, boundary) in grids)
        {
            JsonNode? geometry;
            try
            {
                geometry = JsonNode.Parse(boundary);
            }
            catch (JsonException)
            {
                continue; // an unreadable boundary is left off the map rather than breaking it
            }

            features.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["properties"] = new JsonObject { ["key"] = Key(id) },
                ["geometry"] = geometry,
            });
        }

        return new GridMapDefinition(mapName, new JsonObject { ["type"] = "FeatureCollection", ["features"] = features }.ToJsonString());
    }

    /// <summary>The geo component showing the map registered as <paramref name="mapName"/>, the grids named.</summary>
    public static Geo Geo(string mapName, IEnumerable<(Guid Id, string Name)> grids, GridGeoStyle style)
    {
        // Canvas labels (not HTML): the grid names are looked up by key in the label formatter; JSON-encoded into the function text.
        var names = JsonSerializer.Serialize(grids.ToDictionary(g => Key(g.Id), g => g.Name));
        return new Geo
        {
            Map = mapName,
            NameProperty = "key",
            Top = 12,
            Bottom = 12,
            Left = style.Left,
            Right = style.Right,
            Roam = Roam.True,
            SelectedMode = SelectionMode.False,
            Label = new()
            {
                Show = true,
                FontSize = 11,
                Color = new Color(style.LabelColor),
                TextBorderColor = style.LabelHalo ? new Color("#ffffff") : null,
                TextBorderWidth = style.LabelHalo ? 2 : null,
                Formatter = new StringOrFunction(new JavascriptFunction("function (p) { var n = " + names + "; return n[p.name] || ''; }")),
            },
            ItemStyle = new() { BorderColor = new Color(style.BorderColor), BorderWidth = style.BorderWidth, AreaColor = new Color("#f5f5f5") },
            Emphasis = new()
            {
                Label = style.HoverBoldLabel ? new() { Show = true, FontWeight = FontWeight.Bold } : null,
                ItemStyle = new()
                {
                    AreaColor = new Color(style.HoverAreaColor),
                    BorderColor = style.HoverBorderColor is { } border ? new Color(border) : null,
                },
            },
        };
    }
}
