namespace Jiexin.Modules.Attribution.Evaluation;

/// <summary>
/// The project's own held-out split of the labelled messages: a row is held out when the hash of its text (spaces
/// collapsed) falls in one bucket of <c>testShare</c>, so identical texts (a resident posting twice) always land on the
/// same side, and the split does not depend on row order.
/// </summary>
public static class HeldOutSplit
{
    public static string Key(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static bool IsHeldOut(string text, int testShare = 5) => Fnv(Key(text)) % (uint)testShare == 0;

    public static (List<LabelledCsv.Row> Train, List<LabelledCsv.Row> Test) Split(IEnumerable<LabelledCsv.Row> rows, int testShare = 5) =>
        Split(rows, r => r.Text, testShare);

    public static (List<T> Train, List<T> Test) Split<T>(IEnumerable<T> rows, Func<T, string> text, int testShare = 5)
    {
        var train = new List<T>();
        var test = new List<T>();
        foreach (var row in rows)
        {
            (IsHeldOut(text(row), testShare) ? test : train).Add(row);
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
