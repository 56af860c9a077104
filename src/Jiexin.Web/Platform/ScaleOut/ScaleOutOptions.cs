namespace Jiexin.Platform.ScaleOut;

/// <summary>
/// <c>Jiexin:ScaleOut</c>: how several app instances behind one load balancer hear each other. Without
/// <see cref="Redis"/> the instance is alone (the embedded default); with it, SignalR and the
/// <see cref="IClusterBus"/> go through Redis (docs/decisions/0031-two-nodes.md).
/// </summary>
public sealed class ScaleOutOptions
{
    public const string Section = "Jiexin:ScaleOut";

    /// <summary>A StackExchange.Redis configuration string ("127.0.0.1:6379"); empty means a single instance.</summary>
    public string? Redis { get; set; }

    /// <summary>Prefix of every Redis channel, so two deployments can share one Redis.</summary>
    public string ChannelPrefix { get; set; } = "jiexin";

    /// <summary>This instance's name in logs and job leases; empty means host name and process id.</summary>
    public string? NodeName { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Redis);

    public string ResolveNodeName() =>
        string.IsNullOrWhiteSpace(NodeName) ? $"{Environment.MachineName}:{Environment.ProcessId}" : NodeName.Trim();
}
