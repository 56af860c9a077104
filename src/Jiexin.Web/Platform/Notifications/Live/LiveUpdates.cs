using System.Text.Json;
using Jiexin.Platform.ScaleOut;

namespace Jiexin.Platform.Notifications.Live;

/// <summary>Something changed: <paramref name="Topic"/> names the kind ("event"), <paramref name="Id"/> the item.</summary>
public sealed record LiveChange(string Topic, Guid Id);

/// <summary>
/// Feed of committed changes and new notifications for the Blazor Server pages of this instance (a page subscribes,
/// and reloads what it shows). What is published here is also relayed through the <see cref="IClusterBus"/>, so a
/// page open on one instance follows a change made on another. Handlers are called on the publishing (or relaying)
/// thread: marshal with InvokeAsync and keep them short. Other clients hear the same through the SignalR hub
/// (<see cref="NotificationsHub"/>).
/// </summary>
public sealed class LiveUpdates
{
    private const string ChangedTopic = "live.changed";
    private const string NotifiedTopic = "live.notified";
    private readonly IClusterBus _cluster;

    public LiveUpdates(IClusterBus cluster)
    {
        _cluster = cluster;
        cluster.Subscribe(ChangedTopic, payload =>
        {
            if (JsonSerializer.Deserialize<LiveChange>(payload) is { } change)
            {
                Raise(Changed, change);
            }
        });
        cluster.Subscribe(NotifiedTopic, payload =>
        {
            if (JsonSerializer.Deserialize<Guid[]>(payload) is { Length: > 0 } users)
            {
                Raise(Notified, users);
            }
        });
    }

    /// <summary>An item changed (after commit).</summary>
    public event Action<LiveChange>? Changed;

    /// <summary>These accounts' notifications changed: a new one arrived, or they read some (the bell recounts).</summary>
    public event Action<IReadOnlyCollection<Guid>>? Notified;

    public void PublishChanged(LiveChange change)
    {
        Raise(Changed, change);
        _cluster.Publish(ChangedTopic, JsonSerializer.Serialize(change));
    }

    public void PublishNotified(IReadOnlyCollection<Guid> userIds)
    {
        Raise(Notified, userIds);
        _cluster.Publish(NotifiedTopic, JsonSerializer.Serialize(userIds));
    }

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
