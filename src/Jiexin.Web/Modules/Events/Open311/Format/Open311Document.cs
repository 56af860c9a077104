using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using System.Xml;

namespace Jiexin.Modules.Events.Open311.Format;

/// <summary>The two formats of GeoReport v2: the resource name ends in <c>.xml</c> or <c>.json</c>.</summary>
public enum Open311Format
{
    Xml,
    Json,
}

/// <summary>
/// A GeoReport v2 document, written once and rendered as XML or as JSON by the Spark convention the spec uses
/// (wiki.open311.org/JSON_and_XML_Conversion): an XML container of repeated elements (<c>&lt;services&gt;&lt;service&gt;…</c>)
/// is a JSON array, always, even with one or no item; the root container of a list is dropped in JSON.
/// </summary>
public abstract record Open311Node;

/// <summary>An element with named children in order (XML) / a JSON object.</summary>
public sealed record Open311Object(IReadOnlyList<KeyValuePair<string, object?>> Fields) : Open311Node
{
    public Open311Object(params (string Name, object? Value)[] fields)
        : this(fields.Select(f => new KeyValuePair<string, object?>(f.Name, f.Value)).ToList())
    {
    }
}

/// <summary>A container of repeated <see cref="ItemName"/> elements (XML) / a JSON array.</summary>
public sealed record Open311Array(string ItemName, IReadOnlyList<object?> Items) : Open311Node;

public static class Open311Writer
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        // Chinese text as UTF-8 characters, not \uXXXX escapes (as the rest of the app does).
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Indented = false,
    };

    private static readonly XmlWriterSettings XmlSettings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = true,
        Async = true,
    };

    public static bool TryParseFormat(string? text, out Open311Format format)
    {
        switch (text?.ToLowerInvariant())
        {
            case "xml":
                format = Open311Format.Xml;
                return true;
            case "json":
                format = Open311Format.Json;
                return true;
            default:
                format = Open311Format.Xml; // XML is the format every GeoReport client reads
                return false;
        }
    }

    public static string ContentType(Open311Format format) =>
        format == Open311Format.Json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8";

    public static async Task WriteAsync(Stream stream, string rootName, Open311Node root, Open311Format format, CancellationToken ct)
    {
        if (format == Open311Format.Json)
        {
            await using var json = new Utf8JsonWriter(stream, JsonOptions);
            WriteJson(json, root);
            await json.FlushAsync(ct);
            return;
        }

        await using var xml = XmlWriter.Create(stream, XmlSettings);
        // The spec: the root element preceded by the XML declaration with encoding="utf-8".
        await xml.WriteStartDocumentAsync();
        await WriteXmlAsync(xml, rootName, root);
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
    }

    /// <summary>W3C date-time with the offset of the jurisdiction (China, +08:00), as the spec requires a time zone.</summary>
    public static string W3c(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(TimeSpan.FromHours(8))
            .ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static void WriteJson(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case Open311Object o:
                json.WriteStartObject();
                foreach (var (name, field) in o.Fields)
                {
                    json.WritePropertyName(name);
                    WriteJson(json, field);
                }

                json.WriteEndObject();
                break;
            case Open311Array a:
                json.WriteStartArray();
                foreach (var item in a.Items)
                {
                    WriteJson(json, item);
                }

                json.WriteEndArray();
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case double d:
                json.WriteNumberValue(d);
                break;
            case DateTime t:
                json.WriteStringValue(W3c(t));
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static async Task WriteXmlAsync(XmlWriter xml, string name, object? value)
    {
        await xml.WriteStartElementAsync(null, name, null);
        switch (value)
        {
            case null:
                break;
            case Open311Object o:
                foreach (var (field, fieldValue) in o.Fields)
                {
                    await WriteXmlAsync(xml, field, fieldValue);
                }

                break;
            case Open311Array a:
                foreach (var item in a.Items)
                {
                    await WriteXmlAsync(xml, a.ItemName, item);
                }

                break;
            default:
                await xml.WriteStringAsync(Scalar(value));
                break;
        }

        await xml.WriteEndElementAsync();
    }

    private static string Scalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => W3c(t),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
