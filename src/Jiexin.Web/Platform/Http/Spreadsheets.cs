using MiniExcelLibs;

namespace Jiexin.Platform.Http;

/// <summary>Excel downloads (MiniExcel): the content type, and a workbook from named sheets of rows.</summary>
public static class Spreadsheets
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>One sheet per entry, in order; each sheet a list of rows (dictionaries: header → value).</summary>
    public static byte[] Workbook(IReadOnlyDictionary<string, object> sheets, bool printHeader = true)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(sheets.ToDictionary(x => x.Key, x => x.Value), printHeader, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>A government-style table without a header row of keys: each row a list of cells, padded to the widest row.</summary>
    public static List<Dictionary<string, object?>> Grid(IEnumerable<IReadOnlyList<object?>> rows)
    {
        var list = rows.ToList();
        var width = list.Count == 0 ? 1 : list.Max(r => r.Count);
        return [.. list.Select(r => Enumerable.Range(0, width).ToDictionary(i => $"c{i:00}", i => i < r.Count ? r[i] : null))];
    }
}
