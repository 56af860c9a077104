using System.Text.RegularExpressions;

namespace Jiexin.ArchitectureTests;

/// <summary>
/// AntDesign's message service returns a task that ends when the toast closes (3-6 s later), not when it opens. A page
/// that awaits it keeps its button spinning, its list unrefreshed and its next action blocked for those seconds — the
/// model-learning page showed a retrain button still spinning after its run had finished. Toasts are shown, not awaited.
/// </summary>
public sealed partial class PageFeedbackTests
{
    [Fact]
    public void No_page_waits_for_its_toast_to_close()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var offenders = Directory.EnumerateFiles(src, "*.razor", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(x => AwaitedToast().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(src, x.file)}:{x.number}")
            .ToList();
        Assert.True(offenders.Count == 0, "awaited toasts: " + string.Join(", ", offenders));
        Assert.True(Directory.EnumerateFiles(src, "*.razor", SearchOption.AllDirectories)
            .Any(f => File.ReadAllText(f).Contains("_ = Message.SuccessAsync(", StringComparison.Ordinal)), "the scan found no pages: wrong folder?");
    }

    /// <summary>
    /// AntDesign's Modal finishes hiding ~450 ms after it closes, and in that window it also hides (with DestroyOnClose:
    /// removes) a dialog reopened on the same instance. A dialog for "the row or action picked now" (Visible bound to
    /// <c>x is not null</c>) is rendered only while open instead, so each opening gets a fresh instance (ADR 0047).
    /// </summary>
    [Fact]
    public void No_dialog_for_a_picked_item_is_reused_between_openings()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var razor = Directory.EnumerateFiles(src, "*.razor", SearchOption.AllDirectories).ToList();
        var offenders = razor
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(x => ReusedDialog().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(src, x.file)}:{x.number}")
            .ToList();
        Assert.True(offenders.Count == 0, "dialogs shown by binding Visible to a picked item (render them inside @if instead): " + string.Join(", ", offenders));
        Assert.Contains(razor, f => File.ReadAllText(f).Contains("<Modal ", StringComparison.Ordinal));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Jiexin.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Jiexin.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"await\s+(Message|_?messages?)\.(Info|Success|Warning|Warn|Error|Loading|Open)Async\(", RegexOptions.IgnoreCase)]
    private static partial Regex AwaitedToast();

    [GeneratedRegex(@"<Modal\b[^>]*\bVisible=""[^""]*is not null")]
    private static partial Regex ReusedDialog();
}
