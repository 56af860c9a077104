using System.Text;

namespace Jiexin.Modules.Attribution.Evaluation;

/// <summary>
/// Reads labelled messages from CSV (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks) with a
/// header naming at least <c>id</c>, <c>text</c> and <c>label</c>; other columns are ignored. A malformed file fails
/// with a <see cref="FormatException"/> naming the line, never with a half-read result.
/// </summary>
public static class LabelledCsv
{
    /// <summary>One labelled message; <see cref="Line"/> is where its record starts (1-based, the header is line 1).</summary>
    public sealed record Row(int Line, string Id, string Text, string Label);

    public static List<Row> Read(TextReader reader)
    {
        var records = ReadRecords(reader).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new FormatException("第 1 行：文件为空，缺少表头 id,text,label。");
        }

        var header = records.Current.Fields.Select(f => f.Trim().TrimStart('\uFEFF')).ToList();
        var id = header.IndexOf("id");
        var text = header.IndexOf("text");
        var label = header.IndexOf("label");
        if (id < 0 || text < 0 || label < 0)
        {
            throw new FormatException("第 1 行：表头须包含 id、text、label 三列。");
        }

        var rows = new List<Row>();
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            if (fields is [""])
            {
                continue; // blank line
            }

            if (fields.Count != header.Count)
            {
                throw new FormatException($"第 {line} 行：应有 {header.Count} 列，实际 {fields.Count} 列。");
            }

            if (string.IsNullOrWhiteSpace(fields[label]))
            {
                throw new FormatException($"第 {line} 行：label 为空。");
            }

            rows.Add(new Row(line, fields[id], fields[text], fields[label].Trim()));
        }

        return rows;
    }

    private static IEnumerable<(int Line, List<string> Fields)> ReadRecords(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var quoteClosed = false;
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                        quoteClosed = true;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"' when field.Length == 0 && !quoteClosed:
                    quoted = true;
                    break;
                case '"':
                    throw new FormatException($"第 {line} 行：字段中间出现未转义的引号。");
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    quoteClosed = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    yield return (recordLine, fields);
                    fields = [];
                    field.Clear();
                    quoteClosed = false;
                    line++;
                    recordLine = line;
                    any = false;
                    break;
                default:
                    if (quoteClosed)
                    {
                        throw new FormatException($"第 {line} 行：引号后紧跟了其他字符。");
                    }

                    field.Append(ch);
                    break;
            }
        }

        if (quoted)
        {
            throw new FormatException($"第 {recordLine} 行：引号未闭合。");
        }

        if (any)
        {
            fields.Add(field.ToString());
            yield return (recordLine, fields);
        }
    }
}
