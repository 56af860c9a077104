namespace Jiexin.Modules.Attribution.Evaluation;

/// <summary>
/// The project's own held-out split of the labelled messages: a row is held out when the hash of its text (spaces
/// collapsed) falls in one bucket of <c>testShare</c>, so identical texts (a resident posting twice) always land on the
/// same side, and the split does not depend on row order.
/// </summary>
public static class HeldOutSplit
{
    public static string Key(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static bool IsHeldOut(string text, int testShare = 5) => Residue(text, testShare) == 0;

    /// <summary>
    /// Which of the <paramref name="testShare"/> buckets the text falls in. The held-out part is bucket 0; holding out each
    /// bucket in turn is a <paramref name="testShare"/>-fold evaluation over the whole file (docs/decisions/0042-classifier-five-splits.md).
    /// </summary>
    public static int Residue(string text, int testShare = 5) => (int)(Fnv(Key(text)) % (uint)testShare);

    public static (List<LabelledCsv.Row> Train, List<LabelledCsv.Row> Test) Split(IEnumerable<LabelledCsv.Row> rows, int testShare = 5, int residue = 0) =>
        Split(rows, r => r.Text, testShare, residue);

    public static (List<T> Train, List<T> Test) Split<T>(IEnumerable<T> rows, Func<T, string> text, int testShare = 5, int residue = 0)
    {
        var train = new List<T>();
        var test = new List<T>();
        foreach (var row in rows)
        {
            (Residue(text(row), testShare) == residue ? test : train).Add(row);
        }

        return (train, test);
    }

    private static uint Fnv(string s)
    {
        var h = 2166136261u;
        foreach (var c in s)
        {
            h = (h ^ c) * 16777619u;
        }

        return h;
    }
}
