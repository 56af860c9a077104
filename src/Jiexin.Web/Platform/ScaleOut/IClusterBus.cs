namespace Jiexin.Platform.ScaleOut;

/// <summary>
/// Tells the other app instances that something in memory went stale (the org tree, a page's data). Fire and forget:
/// a lost message costs freshness, never data — the database stays the truth, and every cache can be reloaded from it.
/// </summary>
public interface IClusterBus
{
    /// <summary>This instance's name (also the holder name of its job leases).</summary>
    string NodeName { get; }

    /// <summary>Sends <paramref name="payload"/> on <paramref name="topic"/> to every OTHER instance.</summary>
    void Publish(string topic, string payload);

    /// <summary>Calls <paramref name="handler"/> for messages on <paramref name="topic"/> from other instances.</summary>
    void Subscribe(string topic, Action<string> handler);
}

/// <summary>A single instance: there is no one to tell.</summary>
internal sealed class SingleNodeBus(string nodeName) : IClusterBus
{
    public string NodeName { get; } = nodeName;

    public void Publish(string topic, string payload)
    {
    }

    public void Subscribe(string topic, Action<string> handler)
    {
    }
}
