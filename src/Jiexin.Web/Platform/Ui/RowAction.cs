namespace Jiexin.Platform.Ui;

/// <summary>
/// The one row action a list page is carrying out. While it runs, its button shows a spinner and further clicks
/// (a double click, or a second click because the first seemed slow) are ignored, so the same row version is not
/// sent twice and the second answer is not a conflict about the person's own first click.
/// </summary>
public sealed class RowAction
{
    public Guid? Running { get; private set; }

    public bool IsRunning(Guid rowId) => Running == rowId;

    /// <summary>Runs <paramref name="action"/> for the row unless an action is already running on this page.</summary>
    public async Task RunAsync(Guid rowId, Func<Task> action)
    {
        if (Running is not null)
        {
            return;
        }

        Running = rowId;
        try
        {
            await action();
        }
        finally
        {
            Running = null;
        }
    }
}
