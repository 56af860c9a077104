using System.Text.Json.Nodes;
using Jiexin.Platform.Ui.Charts;

namespace Jiexin.UnitTests.Platform.Ui.Charts;

/// <summary>The street's geo layer shared by the grid map and the facility map.</summary>
public sealed class GridGeoLayerTests
{
    private const string Square = """{"type":"Polygon","coordinates":[[[120.7,30.7],[120.71,30.7],[120.71,30.71],[120.7,30.7]]]}""";

    [Fact]
    public void MapOf_keys_each_grid_by_its_id_and_leaves_off_an_unreadable_boundary()
    {
        var good = Guid.NewGuid();
        var map = GridGeoLayer.MapOf("street", [(good, Square), (Guid.NewGuid(), "{not json")]);

        Assert.Equal("street", map.Name);
        var features = JsonNode.Parse(map.GeoJson)!["features"]!.AsArray();
        var feature = Assert.Single(features)!;
        Assert.Equal(good.ToString("N"), (string?)feature["properties"]!["key"]);
        Assert.Equal(GridGeoLayer.Key(good), (string?)feature["properties"]!["key"]);
        Assert.Equal("Polygon", (string?)feature["geometry"]!["type"]);
    }

    [Fact]
    public void Geo_draws_the_registered_map_by_key_with_the_page_style()
    {
        var plain = GridGeoLayer.Geo("street", [(Guid.NewGuid(), "第1网格")],
            new GridGeoStyle("#595959", LabelHalo: false, "#8c8c8c", 1, "#e6f4ff", Right: 110));
        Assert.Equal("street", plain.Map);
        Assert.Equal("key", plain.NameProperty);
        Assert.Null(plain.Label!.TextBorderColor);
        Assert.Null(plain.Emphasis!.Label);
        Assert.Null(plain.Emphasis.ItemStyle!.BorderColor);

        var coloured = GridGeoLayer.Geo("street", [(Guid.NewGuid(), "第1网格")],
            new GridGeoStyle("#1f1f1f", LabelHalo: true, "#ffffff", 1.5, "#ffe58f", HoverBorderColor: "#1f1f1f", HoverBoldLabel: true));
        Assert.NotNull(coloured.Label!.TextBorderColor);
        Assert.NotNull(coloured.Emphasis!.Label);
        Assert.NotNull(coloured.Emphasis.ItemStyle!.BorderColor);
    }
}
