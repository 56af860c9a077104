namespace Jiexin.Modules.Attribution.Evaluation;

/// <summary>Precision, recall and F1 of one label, with how many rows carry it.</summary>
public sealed record LabelMetrics(double Precision, double Recall, double F1, int Support);

/// <summary>Accuracy and macro-F1 (the unweighted mean of the per-label F1) over a set of predictions.</summary>
public sealed record ClassificationReport(int Count, double Accuracy, double MacroF1, IReadOnlyDictionary<string, LabelMetrics> PerLabel);

public static class ClassificationMetrics
{
    /// <summary>Labels are those expected or predicted anywhere (a label never predicted scores F1 0).</summary>
    public static ClassificationReport Evaluate(IReadOnlyList<(string Expected, string Predicted)> pairs)
    {
        if (pairs.Count == 0)
        {
            return new ClassificationReport(0, 0, 0, new Dictionary<string, LabelMetrics>());
        }

        var labels = pairs.Select(p => p.Expected).Concat(pairs.Select(p => p.Predicted)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var perLabel = new SortedDictionary<string, LabelMetrics>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            var truePositives = pairs.Count(p => p.Expected == label && p.Predicted == label);
            var predicted = pairs.Count(p => p.Predicted == label);
            var support = pairs.Count(p => p.Expected == label);
            var precision = predicted == 0 ? 0 : (double)truePositives / predicted;
            var recall = support == 0 ? 0 : (double)truePositives / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perLabel[label] = new LabelMetrics(precision, recall, f1, support);
        }

        var accuracy = (double)pairs.Count(p => p.Expected == p.Predicted) / pairs.Count;
        return new ClassificationReport(pairs.Count, accuracy, perLabel.Values.Average(m => m.F1), perLabel);
    }
}
