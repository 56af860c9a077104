using System.Globalization;
using MiniExcelLibs;

namespace Jiexin.Modules.Registry.Shared;

/// <summary>One data row of an import file: its row number as the user sees it (header = row 1) and its cells by column.</summary>
public sealed record PeopleFileRow(int RowNumber, IReadOnlyDictionary<string, string?> Cells)
{
    public string? this[string column] => Cells.TryGetValue(column, out var v) ? v : null;
}

/// <summary>The 实有人口 import template (zh-CN headers) and reading it with MiniExcel.</summary>
public static class PeopleFile
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string Name = "姓名";
    public const string IdNumber = "身份证号";
    public const string Phone = "手机号";
    public const string Residence = "人口类型";
    public const string Address = "标准地址";
    public const string Relation = "与房屋关系";
    public const string Tags = "人员标签";
    public const string Note = "备注";

    public static readonly IReadOnlyList<string> Columns = [Name, IdNumber, Phone, Residence, Address, Relation, Tags, Note];

    /// <summary>The template: the headers and one example row (which the import would reject: its address is not real).</summary>
    public static byte[] Template()
    {
        var rows = new List<Dictionary<string, object?>>
        {
            new()
            {
                [Name] = "张三（示例，导入前请删除）",
                [IdNumber] = "11010519491231002X",
                [Phone] = "13812345678",
                [Residence] = "户籍人口（户籍人口/流动人口/境外人员）",
                [Address] = "景湖社区新庄路88号3幢2单元301室",
                [Relation] = "户主/产权人（户主/产权人、家庭成员、租户、其他）",
                [Tags] = "独居老人，低保户",
                [Note] = "",
            },
        };
        using var stream = new MemoryStream();
        stream.SaveAs(rows, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>The rows, or a message for a file that is not a readable table.</summary>
    public static (List<PeopleFileRow>? Rows, string? Error) Read(Stream content)
    {
        try
        {
            var rows = new List<PeopleFileRow>();
            string?[]? header = null;
            var number = 0;
            foreach (IDictionary<string, object?> row in content.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
            {
                number++;
                if (header is null)
                {
                    header = [.. row.Values.Select(v => CellText(v)?.Replace("*", "", StringComparison.Ordinal).Trim())];
                    if (!header.Contains(Name))
                    {
                        return (null, "表头缺少“姓名”列。请使用下载的模板。");
                    }

                    continue;
                }

                var cells = new Dictionary<string, string?>(StringComparer.Ordinal);
                var c = 0;
                var any = false;
                foreach (var value in row.Values)
                {
                    if (c < header.Length && header[c] is { Length: > 0 } column && !cells.ContainsKey(column))
                    {
                        var text = CellText(value);
                        cells[column] = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
                        any |= cells[column] is not null;
                    }

                    c++;
                }

                if (any)
                {
                    rows.Add(new PeopleFileRow(number, cells));
                }
            }

            return header is null ? (null, "文件是空的：第 1 行应为表头（姓名、身份证号……）。") : (rows, null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException or InvalidOperationException
                                      or System.Xml.XmlException or NotSupportedException or ArgumentException or IndexOutOfRangeException)
        {
            return (null, "无法读取该文件：请上传 .xlsx 格式（可先下载模板）。");
        }
    }

    /// <summary>Numbers as typed (an ID number or phone stored as a number has no ".0" or exponent).</summary>
    private static string? CellText(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d => d.ToString("0.###############", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
