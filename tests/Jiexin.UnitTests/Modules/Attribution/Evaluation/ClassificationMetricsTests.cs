using Jiexin.Modules.Attribution.Evaluation;

namespace Jiexin.UnitTests.Modules.Attribution.Evaluation;

public sealed class ClassificationMetricsTests
{
    [Fact]
    public void Evaluate_ComputesAccuracyPerLabelScoresAndTheirUnweightedMean()
    {
        // A: 2 of 3 found, 1 false alarm. B: 1 of 1 found, 1 false alarm. C: never predicted.
        (string, string)[] pairs = [("A", "A"), ("A", "A"), ("A", "B"), ("B", "B"), ("C", "A")];

        var report = ClassificationMetrics.Evaluate(pairs);

        Assert.Equal(5, report.Count);
        Assert.Equal(0.6, report.Accuracy, 9);
        Assert.Equal(new LabelMetrics(2.0 / 3, 2.0 / 3, 2.0 / 3, 3), report.PerLabel["A"]);
        Assert.Equal(0.5, report.PerLabel["B"].Precision, 9);
        Assert.Equal(1, report.PerLabel["B"].Recall, 9);
        Assert.Equal(new LabelMetrics(0, 0, 0, 1), report.PerLabel["C"]);
        Assert.Equal((2.0 / 3 + 2.0 / 3 + 0) / 3, report.MacroF1, 9);
    }
}
