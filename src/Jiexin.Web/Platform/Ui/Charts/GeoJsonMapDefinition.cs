using System.Text.Json;
using System.Text.Json.Serialization;
using Vizor.ECharts;

namespace Jiexin.Platform.Ui.Charts;

/// <summary>A GeoJSON map for <c>echarts.registerMap</c>, carried as JSON text.</summary>
public sealed class GridMapDefinition(string name, string geoJson) : IMapDefinition
{
    public string Type => "geoJSON";

    public string Name { get; set; } = name;

    public string GeoJson { get; } = geoJson;
}

/// <summary>
/// Writes a <see cref="GridMapDefinition"/> the way vizor-echarts.js reads it (<c>{type, mapName, geoJSON}</c>).
/// Vizor.ECharts 0.9.7 serialises its map array by the interface type, which drops the GeoJSON itself.
/// </summary>
public sealed class GridMapDefinitionConverter : JsonConverter<IMapDefinition>
{
    public override IMapDefinition Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException();

    public override void Write(Utf8JsonWriter writer, IMapDefinition value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("type", value.Type);
        writer.WriteString("mapName", value.Name);
        if (value is GridMapDefinition grid)
        {
            writer.WritePropertyName("geoJSON");
            writer.WriteRawValue(grid.GeoJson);
        }

        writer.WriteEndObject();
    }
}
