using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace Jiexin.Modules.Events.ImportEvents;

/// <summary>One data row of a hand-over file: its row number as the user sees it (header = row 1) and its cells by column.</summary>
public sealed record HotlineOrderRow(int RowNumber, IReadOnlyDictionary<string, string?> Cells)
{
    public string? this[string column] => Cells.TryGetValue(column, out var v) ? v : null;
}

/// <summary>
/// The 12345 hand-over template (工单编号, 来电时间, 诉求内容, 地址, 联系人, 联系电话, 纬度, 经度) and reading it from .xlsx
/// (MiniExcel) or .csv (UTF-8, or GB18030 as Excel on a Chinese Windows saves it).
/// </summary>
public static class HotlineOrderFile
{
    public const string OrderNo = "工单编号";
    public const string ReceivedAt = "来电时间";
    public const string Description = "诉求内容";
    public const string Address = "地址";
    public const string ContactName = "联系人";
    public const string ContactPhone = "联系电话";
    public const string Latitude = "纬度";
    public const string Longitude = "经度";

    public static readonly IReadOnlyList<string> Columns = [OrderNo, ReceivedAt, Description, Address, ContactName, ContactPhone, Latitude, Longitude];

    public static readonly IReadOnlyList<string> RequiredColumns = [OrderNo, ReceivedAt, Description];

    /// <summary>Other names the 12345 system's exports use for our columns.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["工单号"] = OrderNo,
        ["受理时间"] = ReceivedAt,
        ["诉求描述"] = Description,
        ["事发地址"] = Address,
        ["电话"] = ContactPhone,
        ["联系人电话"] = ContactPhone,
    };

    static HotlineOrderFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The rows, or a message for a file that is not a readable table.</summary>
    public static (List<HotlineOrderRow>? Rows, string? Error) Read(byte[] content, string? fileName)
    {
        var isCsv = fileName?.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) == true;
        try
        {
            var table = isCsv ? ReadCsv(content) : ReadXlsx(content);
            if (table.Count == 0)
            {
                return (null, "文件是空的：第 1 行应为表头（工单编号、来电时间、诉求内容……）。");
            }

            var header = table[0].Select(h => Canonical(h)).ToList();
            var missing = RequiredColumns.Where(c => !header.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                return (null, $"表头缺少必填列：{string.Join("、", missing)}。请使用下载的模板。");
            }

            var rows = new List<HotlineOrderRow>();
            for (var i = 1; i < table.Count; i++)
            {
                var cells = new Dictionary<string, string?>(StringComparer.Ordinal);
                for (var c = 0; c < header.Count && c < table[i].Count; c++)
                {
                    if (header[c] is { Length: > 0 } column && !cells.ContainsKey(column))
                    {
                        cells[column] = string.IsNullOrWhiteSpace(table[i][c]) ? null : table[i][c]!.Trim();
                    }
                }

                if (cells.Values.Any(v => v is not null))
                {
                    rows.Add(new HotlineOrderRow(i + 1, cells));
                }
            }

            return (rows, null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException or InvalidOperationException
                                      or System.Xml.XmlException or NotSupportedException or ArgumentException or IndexOutOfRangeException)
        {
            return (null, isCsv ? "无法读取该 CSV 文件。" : "无法读取该文件：请上传 .xlsx 或 .csv 格式（可先下载模板）。");
        }
    }

    private static string Canonical(string? header)
    {
        var h = (header ?? "").Trim().Replace("*", "", StringComparison.Ordinal);
        return Aliases.GetValueOrDefault(h, h);
    }

    private static List<List<string?>> ReadXlsx(byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        var table = new List<List<string?>>();
        foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            table.Add([.. row.Values.Select(CellText)]);
        }

        return table;
    }

    /// <summary>Numbers as typed (a phone stored as a number has no ".0"), dates in ISO form (China time, as entered).</summary>
    private static string? CellText(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double d => d.ToString("0.###############", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static List<List<string?>> ReadCsv(byte[] content)
    {
        string text;
        if (content.AsSpan().StartsWith(Encoding.UTF8.Preamble))
        {
            text = Encoding.UTF8.GetString(content, 3, content.Length - 3);
        }
        else
        {
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
            }
            catch (DecoderFallbackException)
            {
                text = Encoding.GetEncoding("GB18030").GetString(content);
            }
        }

        return ParseCsv(text);
    }

    /// <summary>RFC 4180: commas, quoted fields with doubled quotes, CRLF or LF line ends, newlines inside quotes.</summary>
    public static List<List<string?>> ParseCsv(string text)
    {
        var rows = new List<List<string?>>();
        var row = new List<string?>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The template with one example row, as .xlsx.</summary>
    public static byte[] TemplateXlsx()
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new[] { Example() }, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>The template as UTF-8 CSV with a BOM (so Excel opens the Chinese headers correctly).</summary>
    public static byte[] TemplateCsv()
    {
        var example = Example();
        var text = string.Join(",", Columns) + "\r\n" + string.Join(",", Columns.Select(c => Quote(example[c]?.ToString() ?? ""))) + "\r\n";
        return [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)];
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static Dictionary<string, object?> Example() => new()
    {
        [OrderNo] = "GD20261129000123",
        [ReceivedAt] = "2026-11-29 09:30",
        [Description] = "新庄路东门路灯不亮已经三天，晚上行人看不清路",
        [Address] = "新庄路 88 号东门",
        [ContactName] = "王先生",
        [ContactPhone] = "13812345678",
        [Latitude] = "",
        [Longitude] = "",
    };
}
