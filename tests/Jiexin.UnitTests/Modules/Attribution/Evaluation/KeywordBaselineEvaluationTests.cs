using System.Diagnostics;
using System.Globalization;
using System.Text;
using Jiexin.Modules.Attribution;
using Jiexin.Modules.Attribution.Evaluation;

namespace Jiexin.UnitTests.Modules.Attribution.Evaluation;

/// <summary>
/// keyword-baseline-1 on the labelled resident messages: each message's 小类 mapped to its first-level label, scored
/// against the label given. The figures are printed (never the texts) and compared with the majority-class
/// baseline computed in the same run, not with numbers written down here.
/// </summary>
public sealed class KeywordBaselineEvaluationTests
{
    [Fact]
    public void KeywordBaseline_OnTheLabelledMessages_ClearlyBeatsTheMajorityClass()
    {
        var path = TestData.RequireFile("messages-labelled.csv");
        List<LabelledCsv.Row> rows;
        using (var reader = new StreamReader(path, Encoding.UTF8))
        {
            rows = LabelledCsv.Read(reader);
        }

        Assert.True(rows.Count > 1000, "the labelled file holds thousands of messages");
        var snapshot = ShippedTaxonomy.Snapshot;
        var classifier = snapshot.Classifier;
        var threshold = new AttributionOptions().AutoDispatchThreshold;

        foreach (var row in rows)
        {
            classifier.Classify(row.Text); // warm-up
        }

        var predictions = new List<(string Expected, string Predicted)>(rows.Count);
        var confident = new List<(string Expected, string Predicted)>();
        var unmatched = 0;
        var cpuBefore = ThreadCpuTime();
        var clock = Stopwatch.StartNew();
        foreach (var row in rows)
        {
            var result = classifier.Classify(row.Text);
            var predicted = result.TopLabel() ?? snapshot.Fallback.Label;
            predictions.Add((row.Label, predicted));
            if (!result.Matched)
            {
                unmatched++;
            }
            else if (result.Ranked[0].Probability >= threshold)
            {
                confident.Add((row.Label, predicted));
            }
        }

        clock.Stop();
        var cpu = ThreadCpuTime() - cpuBefore;
        var microsPerMessage = clock.Elapsed.TotalMicroseconds / rows.Count;
        var cpuMicrosPerMessage = cpu?.TotalMicroseconds / rows.Count;

        var report = ClassificationMetrics.Evaluate(predictions);
        var majorityLabel = rows.GroupBy(r => r.Label).MaxBy(g => g.Count())!.Key;
        var majority = ClassificationMetrics.Evaluate([.. rows.Select(r => (r.Label, majorityLabel))]);
        var confidentReport = ClassificationMetrics.Evaluate(confident);

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"keyword-baseline-1 on {report.Count} labelled messages ({Path.GetFileName(path)})");
        text.AppendLine(CultureInfo.InvariantCulture, $"  accuracy {report.Accuracy:F4}  macro-F1 {report.MacroF1:F4}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  majority class ({majorityLabel}): accuracy {majority.Accuracy:F4}  macro-F1 {majority.MacroF1:F4}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  no phrase matched: {unmatched} ({(double)unmatched / rows.Count:P1})");
        text.AppendLine(CultureInfo.InvariantCulture, $"  confident (p >= {threshold}): {confident.Count} ({(double)confident.Count / rows.Count:P1}), accuracy there {confidentReport.Accuracy:F4}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  speed: {microsPerMessage:F1} µs per message on one thread (wall clock), {cpuMicrosPerMessage:F1} µs of CPU time; mean length {rows.Average(r => r.Text.Length):F0} characters");
        foreach (var (label, m) in report.PerLabel)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {label}: precision {m.Precision:F3} recall {m.Recall:F3} F1 {m.F1:F3} (n={m.Support})");
        }

        text.AppendLine("  most frequent confusions (expected → predicted: count):");
        foreach (var confusion in predictions.Where(p => p.Expected != p.Predicted).GroupBy(p => p).OrderByDescending(g => g.Count()).Take(8))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    {confusion.Key.Expected} → {confusion.Key.Predicted}: {confusion.Count()}");
        }

        TestContext.Current.TestOutputHelper?.WriteLine(text.ToString());
        TestContext.Current.SendDiagnosticMessage(text.ToString());

        // A clear margin over always answering the commonest label, measured on the same rows.
        Assert.True(report.Accuracy >= majority.Accuracy * 2, $"accuracy {report.Accuracy:F4} is not twice the majority class's {majority.Accuracy:F4}");
        Assert.True(report.MacroF1 >= majority.MacroF1 + 0.3, $"macro-F1 {report.MacroF1:F4} is not 0.3 above the majority class's {majority.MacroF1:F4}");
        // The probability means something: what clears the auto-dispatch threshold is right more often than the rest.
        Assert.True(confidentReport.Accuracy > report.Accuracy, $"confident accuracy {confidentReport.Accuracy:F4} is not above overall {report.Accuracy:F4}");
        // Well under a millisecond per message: CPU time where the OS tells it (wall time suffers from a busy machine).
        Assert.True((cpuMicrosPerMessage ?? microsPerMessage) < 1000, $"{cpuMicrosPerMessage ?? microsPerMessage:F1} µs per message");
    }

    /// <summary>CPU time of the calling thread (Linux: /proc/thread-self/schedstat, in ns), or null elsewhere.</summary>
    private static TimeSpan? ThreadCpuTime()
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
}
