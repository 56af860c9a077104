using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Jiexin.Modules.Attribution.Evaluation;
using Jiexin.Modules.Attribution.Model;

namespace Jiexin.Modules.Attribution.ClassifierCommands;

/// <summary>
/// <c>classifier train --data FILE.csv --out MODEL</c> and <c>classifier eval --data FILE.csv [--model MODEL]</c> on the
/// app's own executable, run before the web host is built (Program.cs hands them over when the first argument is
/// <c>classifier</c>). Exit codes: 0 done, 2 bad arguments or input (the message names the CSV line).
/// </summary>
public static class ClassifierCommands
{
    public const string Verb = "classifier";

    private const string Usage = """
        用法 / usage:
          classifier train --data FILE.csv --out MODEL [--name NAME]
          classifier eval  --data FILE.csv [--model MODEL]
        FILE.csv: header with id,text,label (other columns ignored).
        """;

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == Verb;

    /// <summary>Runs a command; <paramref name="args"/> starts after <c>classifier</c>.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            return args switch
            {
                ["train", .. var rest] => Train(Options(rest, ["--data", "--out", "--name"]), output),
                ["eval", .. var rest] => Eval(Options(rest, ["--data", "--model"]), output),
                _ => Fail(error, Usage),
            };
        }
        catch (UsageException e)
        {
            return Fail(error, $"{e.Message}\n{Usage}");
        }
        catch (FormatException e)
        {
            return Fail(error, $"CSV 格式错误 / malformed CSV: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
        {
            return Fail(error, e.Message);
        }
    }

    private static int Train(Dictionary<string, string> options, TextWriter output)
    {
        var data = Required(options, "--data");
        var outPath = Required(options, "--out");
        var rows = ReadCsv(data);
        var name = options.GetValueOrDefault("--name") ?? $"first-level-{DateTime.UtcNow:yyyyMMdd}";
        var clock = Stopwatch.StartNew();
        var model = ClassifierTrainer.Train([.. rows.Select(r => (r.Text, r.Label))], ClassifierTrainer.Recommended, name, m => output.WriteLine(m));
        var trainSeconds = clock.Elapsed.TotalSeconds;
        ModelFiles.Save(model, outPath);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trained {model.Name} on {rows.Count} rows in {trainSeconds:0.0} s → {outPath} ({new FileInfo(outPath).Length / 1024.0 / 1024.0:0.0} MB)"));
        output.WriteLine(model.Description);
        return 0;
    }

    private static int Eval(Dictionary<string, string> options, TextWriter output)
    {
        var data = Required(options, "--data");
        var modelPath = options.GetValueOrDefault("--model") ?? ModelFiles.ShippedPath;
        var rows = ReadCsv(data);
        var loadClock = Stopwatch.StartNew();
        var model = ModelFiles.Load(modelPath);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model {model.Name} loaded in {loadClock.ElapsedMilliseconds} ms: {model.Description}"));

        foreach (var row in rows.Take(500))
        {
            model.Predict(row.Text); // warm-up: JIT and caches
        }

        var predictions = new List<(string Expected, string Predicted)>(rows.Count);
        var cpuBefore = ThreadCpuTime();
        var clock = Stopwatch.StartNew();
        foreach (var row in rows)
        {
            predictions.Add((row.Label, model.Predict(row.Text).BestLabel));
        }

        clock.Stop();
        var cpu = ThreadCpuTime() - cpuBefore;
        var wallPerSecond = rows.Count / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        var cpuPerSecond = cpu is { TotalSeconds: > 0 } c ? rows.Count / c.TotalSeconds : (double?)null;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"one thread: {wallPerSecond:0} classifications/s by the wall clock, {cpuPerSecond?.ToString("0", CultureInfo.InvariantCulture) ?? "n/a"} per second of the thread's CPU time (reported: CPU time where the OS tells it — a shared machine's wall clock measures its other tenants)"));

        var report = ClassificationMetrics.Evaluate(predictions);
        output.WriteLine(ToJson(report, cpuPerSecond ?? wallPerSecond));
        return 0;
    }

    /// <summary>The one-line JSON summary: count, accuracy, macro_f1, per_second, per_class.</summary>
    public static string ToJson(ClassificationReport report, double perSecond)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("count", report.Count);
            json.WriteNumber("accuracy", Math.Round(report.Accuracy, 4));
            json.WriteNumber("macro_f1", Math.Round(report.MacroF1, 4));
            json.WriteNumber("per_second", Math.Round(perSecond));
            json.WriteStartObject("per_class");
            foreach (var (label, m) in report.PerLabel)
            {
                json.WriteStartObject(label);
                json.WriteNumber("precision", Math.Round(m.Precision, 4));
                json.WriteNumber("recall", Math.Round(m.Recall, 4));
                json.WriteNumber("f1", Math.Round(m.F1, 4));
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static List<LabelledCsv.Row> ReadCsv(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"找不到数据文件 / data file not found: {path}");
        }

        using var reader = new StreamReader(path, Encoding.UTF8);
        try
        {
            var rows = LabelledCsv.Read(reader);
            return rows.Count > 0 ? rows : throw new UsageException($"{path}: 没有数据行 / no data rows");
        }
        catch (FormatException e)
        {
            throw new FormatException($"{Path.GetFileName(path)} {e.Message}", e);
        }
    }

    private static Dictionary<string, string> Options(string[] args, string[] allowed)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!allowed.Contains(args[i]))
            {
                throw new UsageException($"未知参数 / unknown argument: {args[i]}");
            }

            if (i + 1 >= args.Length)
            {
                throw new UsageException($"{args[i]} 缺少取值 / needs a value");
            }

            options[args[i]] = args[++i];
        }

        return options;
    }

    private static string Required(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : throw new UsageException($"缺少 {name} / {name} is required");

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return 2;
    }

    /// <summary>CPU time of the calling thread (Linux: /proc/thread-self/schedstat, in ns), or null elsewhere.</summary>
    internal static TimeSpan? ThreadCpuTime()
    {
        try
        {
            var fields = File.ReadAllText("/proc/thread-self/schedstat").Split(' ');
            return TimeSpan.FromTicks(long.Parse(fields[0], CultureInfo.InvariantCulture) / 100);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private sealed class UsageException(string message) : Exception(message);
}
