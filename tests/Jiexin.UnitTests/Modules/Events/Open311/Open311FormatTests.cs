using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Jiexin.Modules.Events.Open311.Format;

namespace Jiexin.UnitTests.Modules.Events.Open311;

public sealed class Open311FormatTests
{
    private static async Task<string> RenderAsync(string root, Open311Node node, Open311Format format)
    {
        using var stream = new MemoryStream();
        await Open311Writer.WriteAsync(stream, root, node, format, CancellationToken.None);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static Open311Array Services(params string[] codes) =>
        new("service", [.. codes.Select(c => new Open311Object(("service_code", c), ("metadata", false), ("lat", 31.5), ("notice", null)))]);

    [Fact]
    public async Task Xml_has_the_declaration_the_root_and_one_element_per_item()
    {
        var xml = await RenderAsync("services", Services("0201", "0202"), Open311Format.Xml);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", xml);
        var root = XDocument.Parse(xml).Root!;
        Assert.Equal("services", root.Name.LocalName);
        Assert.Equal(["0201", "0202"], root.Elements("service").Select(s => s.Element("service_code")!.Value));
        Assert.Equal("false", root.Element("service")!.Element("metadata")!.Value);
        Assert.Equal("31.5", root.Element("service")!.Element("lat")!.Value);
        Assert.True(root.Element("service")!.Element("notice")!.IsEmpty);
    }

    [Fact]
    public async Task Json_drops_the_root_and_keeps_a_single_item_in_an_array_spark_convention()
    {
        var json = JsonDocument.Parse(await RenderAsync("services", Services("0201"), Open311Format.Json)).RootElement;
        Assert.Equal(JsonValueKind.Array, json.ValueKind);
        var service = Assert.Single(json.EnumerateArray());
        Assert.Equal("0201", service.GetProperty("service_code").GetString());
        Assert.Equal(JsonValueKind.False, service.GetProperty("metadata").ValueKind);
        Assert.Equal(31.5, service.GetProperty("lat").GetDouble());
        Assert.Equal(JsonValueKind.Null, service.GetProperty("notice").ValueKind);
    }

    [Fact]
    public async Task Empty_containers_are_empty_arrays_in_json_and_empty_elements_in_xml()
    {
        var definition = new Open311Object(("service_code", "0201"), ("attributes", new Open311Array("attribute", [])));
        Assert.Equal("""{"service_code":"0201","attributes":[]}""", await RenderAsync("service_definition", definition, Open311Format.Json));
        var root = XDocument.Parse(await RenderAsync("service_definition", definition, Open311Format.Xml)).Root!;
        Assert.Empty(root.Element("attributes")!.Elements());
    }

    [Fact]
    public async Task Chinese_text_goes_out_as_utf8_characters()
    {
        var json = await RenderAsync("x", new Open311Array("y", [new Open311Object(("service_name", "路灯不亮"))]), Open311Format.Json);
        Assert.Contains("路灯不亮", json);
    }

    [Fact]
    public void Dates_are_w3c_with_the_china_offset()
    {
        Assert.Equal("2026-11-29T17:30:00+08:00", Open311Writer.W3c(new DateTime(2026, 11, 29, 9, 30, 0, DateTimeKind.Utc)));
    }

    [Theory]
    [InlineData("2010-01-01T00:00:00Z", "2010-01-01T00:00:00")]
    [InlineData("2010-01-01T08:00:00+08:00", "2010-01-01T00:00:00")]
    [InlineData("1994-11-05T08:15:30-05:00", "1994-11-05T13:15:30")]
    [InlineData("2010-01-01T08:00:00", "2010-01-01T00:00:00")] // no zone: China time
    [InlineData("2010-01-02", "2010-01-01T16:00:00")]
    public void W3c_dates_are_read_to_utc(string text, string expectedUtc)
    {
        Assert.True(Open311Text.TryParseW3c(text, out var utc));
        Assert.Equal(DateTime.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2010-13-01T00:00:00Z")]
    public void Bad_dates_are_refused(string text) => Assert.False(Open311Text.TryParseW3c(text, out _));

    [Theory]
    [InlineData("请打我电话13912345678谢谢", "请打我电话139****5678谢谢")]
    [InlineData("座机 0510-87654321 找王师傅", "座机 0510-******21 找王师傅")]
    [InlineData("身份证320282199001011234", "身份证3202**********1234")]
    [InlineData("邮箱 zhang.san@example.com", "邮箱 z***@example.com")]
    [InlineData("3号楼502室，路灯坏了20天", "3号楼502室，路灯坏了20天")]
    [InlineData("订单号 12345678901234", "订单号 12345678901234")]
    public void Personal_numbers_are_masked_and_other_numbers_kept(string text, string expected) =>
        Assert.Equal(expected, Open311Text.MaskPersonalData(text));

    [Fact]
    public void Comma_lists_are_trimmed_and_deduplicated() =>
        Assert.Equal(["a", "b"], Open311Text.List(" a, b ,a,,"));
}
