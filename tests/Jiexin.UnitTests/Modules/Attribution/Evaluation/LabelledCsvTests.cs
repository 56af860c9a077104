using Jiexin.Modules.Attribution.Evaluation;

namespace Jiexin.UnitTests.Modules.Attribution.Evaluation;

public sealed class LabelledCsvTests
{
    [Fact]
    public void Read_QuotedFields_KeepCommasQuotesAndLineBreaks()
    {
        const string csv = "id,text,label,text_source\r\n" +
                           "a1,\"路灯坏了, 很久了\",城乡建设,title_only\r\n" +
                           "a2,\"他说\"\"没办法\"\"\n第二行\",劳动和社会保障,title+body\n" +
                           "a3,无引号,教育文体,title_only";

        var rows = LabelledCsv.Read(new StringReader(csv));

        Assert.Equal(
            [
                new LabelledCsv.Row(2, "a1", "路灯坏了, 很久了", "城乡建设"),
                new LabelledCsv.Row(3, "a2", "他说\"没办法\"\n第二行", "劳动和社会保障"),
                new LabelledCsv.Row(5, "a3", "无引号", "教育文体"),
            ],
            rows);
    }

    [Fact]
    public void Read_ColumnsInAnotherOrder_AreFoundByTheHeader()
    {
        var rows = LabelledCsv.Read(new StringReader("\uFEFFlabel,extra,text,id\n环境保护,x,噪音,b7\n"));

        Assert.Equal([new LabelledCsv.Row(2, "b7", "噪音", "环境保护")], rows);
    }

    [Theory]
    [InlineData("id,text\n1,x\n", "第 1 行")]
    [InlineData("id,text,label\n1,ok,城乡建设\n2,\"unclosed,城乡建设\n", "第 3 行")]
    [InlineData("id,text,label\n1,ok,城乡建设\n2,too,many,columns\n", "第 3 行")]
    [InlineData("id,text,label\n1,ok,城乡建设\n2,bad\"quote,城乡建设\n", "第 3 行")]
    [InlineData("id,text,label\n1,ok,\n", "第 2 行")]
    [InlineData("", "第 1 行")]
    public void Read_AMalformedFile_FailsNamingTheLine(string csv, string line)
    {
        var error = Assert.Throws<FormatException>(() => LabelledCsv.Read(new StringReader(csv)));

        Assert.StartsWith(line, error.Message);
    }
}
