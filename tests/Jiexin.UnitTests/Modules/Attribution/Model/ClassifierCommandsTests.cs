using System.Text;
using System.Text.Json;
using Jiexin.Modules.Attribution.ClassifierCommands;

namespace Jiexin.UnitTests.Modules.Attribution.Model;

/// <summary><c>classifier train</c> and <c>classifier eval</c>, run in process as Program.cs runs them.</summary>
public sealed class ClassifierCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("jiexin-classifier-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteCsv(string name, IEnumerable<(string Text, string Label)> rows)
    {
        var csv = new StringBuilder("id,text,label,text_source\n");
        var i = 0;
        foreach (var (text, label) in rows)
        {
            csv.Append($"r{i++},\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{label},synthetic\n");
        }

        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, csv.ToString(), Encoding.UTF8);
        return path;
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = ClassifierCommands.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void TrainThenEval_WritesAModel_AndEvalEndsWithTheJsonSummary()
    {
        var train = WriteCsv("train.csv", SyntheticCorpus.Generate(25, seed: 11));
        var test = WriteCsv("test.csv", SyntheticCorpus.Generate(8, seed: 12));
        var model = Path.Combine(_dir, "m.jxtc");

        var trained = Run("train", "--data", train, "--out", model, "--name", "cli-test");
        Assert.True(trained.Exit == 0, trained.Error);
        Assert.True(File.Exists(model));

        var evaluated = Run("eval", "--data", test, "--model", model);
        Assert.True(evaluated.Exit == 0, evaluated.Error);

        var last = evaluated.Output.TrimEnd().Split('\n')[^1];
        using var json = JsonDocument.Parse(last);
        var root = json.RootElement;
        Assert.Equal(["count", "accuracy", "macro_f1", "per_second", "per_class"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(7 * 8, root.GetProperty("count").GetInt32());
        Assert.Equal(1.0, root.GetProperty("accuracy").GetDouble());
        Assert.Equal(1.0, root.GetProperty("macro_f1").GetDouble());
        Assert.True(root.GetProperty("per_second").GetDouble() > 0);
        var perClass = root.GetProperty("per_class");
        Assert.Equal(SyntheticCorpus.Topics.Keys.Order(StringComparer.Ordinal), perClass.EnumerateObject().Select(p => p.Name));
        foreach (var label in perClass.EnumerateObject())
        {
            Assert.Equal(["precision", "recall", "f1"], label.Value.EnumerateObject().Select(p => p.Name));
        }

        Assert.Contains("\"劳动和社会保障\"", last, StringComparison.Ordinal); // readable Chinese keys, not \u escapes
    }

    [Fact]
    public void Eval_MalformedCsv_NamesTheLine_AndFails()
    {
        var path = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(path, "id,text,label\n1,路灯坏了,城乡建设\n2,\"引号没有闭合,城乡建设\n");

        var result = Run("eval", "--data", path, "--model", Path.Combine(_dir, "none.jxtc"));

        Assert.NotEqual(0, result.Exit);
        Assert.Contains("第 3 行", result.Error, StringComparison.Ordinal);
        Assert.Contains("bad.csv", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_WrongColumnCount_NamesTheLine_AndWritesNoModel()
    {
        var path = Path.Combine(_dir, "short.csv");
        File.WriteAllText(path, "id,text,label\n1,路灯坏了,城乡建设\n2,拖欠工资\n");
        var model = Path.Combine(_dir, "never.jxtc");

        var result = Run("train", "--data", path, "--out", model);

        Assert.NotEqual(0, result.Exit);
        Assert.Contains("第 3 行", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(model));
    }

    [Theory]
    [InlineData]
    [InlineData("fly")]
    [InlineData("eval")]
    [InlineData("eval", "--data")]
    [InlineData("train", "--data", "x.csv", "--bogus", "1")]
    public void BadArguments_PrintUsage_AndFail(params string[] args)
    {
        var result = Run(args);

        Assert.NotEqual(0, result.Exit);
        Assert.Contains("classifier eval", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_MissingModelFile_SaysSo()
    {
        var test = WriteCsv("t.csv", SyntheticCorpus.Generate(1, seed: 1));

        var result = Run("eval", "--data", test, "--model", Path.Combine(_dir, "missing.jxtc"));

        Assert.NotEqual(0, result.Exit);
        Assert.Contains("missing.jxtc", result.Error, StringComparison.Ordinal);
    }
}
