namespace Jiexin.Platform.Notifications.Live;

/// <summary>Something changed: <paramref name="Topic"/> names the kind ("event"), <paramref name="Id"/> the item.</summary>
public sealed record LiveChange(string Topic, Guid Id);

/// <summary>
/// In-process feed of committed changes and new notifications, for Blazor Server pages of this instance (a page
/// subscribes, and reloads what it shows). Handlers are called on the publishing thread: marshal with InvokeAsync and
/// keep them short. Other clients hear the same through the SignalR hub (<see cref="NotificationsHub"/>).
/// </summary>
public sealed class LiveUpdates
{
    /// <summary>An item changed (after commit).</summary>
    public event Action<LiveChange>? Changed;

    /// <summary>These accounts' notifications changed: a new one arrived, or they read some (the bell recounts).</summary>
    public event Action<IReadOnlyCollection<Guid>>? Notified;

    public void PublishChanged(LiveChange change) => Raise(Changed, change);

    public void PublishNotified(IReadOnlyCollection<Guid> userIds) => Raise(Notified, userIds);

    private static void Raise<T>(Action<T>? handlers, T value)
    {
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Action<T>>())
        {
            try
            {
                handler(value);
            }
            catch (Exception)
            {
                // One broken subscriber (a closed circuit) must not stop the others or the saver.
            }
        }
    }
}
