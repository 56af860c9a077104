using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Jiexin.Platform.ScaleOut;

/// <summary>
/// <see cref="IClusterBus"/> over one Redis pub/sub channel. Each message carries the sender's node name so an
/// instance ignores its own (by a per-process tag, so two instances misconfigured with one name still hear each other). Redis pub/sub keeps nothing: an instance that is disconnected misses messages, which is
/// why subscribers only reload from the database and never take the payload as the data itself.
/// </summary>
internal sealed class RedisClusterBus : IClusterBus
{
    private const char Separator = '\u001f';
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisChannel _channel;
    private readonly ConcurrentDictionary<string, Action<string>[]> _handlers = new(StringComparer.Ordinal);
    private readonly ILogger<RedisClusterBus> _log;
    private readonly string _sender;

    public RedisClusterBus(IConnectionMultiplexer redis, ScaleOutOptions options, ILogger<RedisClusterBus> log)
    {
        _redis = redis;
        _log = log;
        NodeName = options.ResolveNodeName();
        _sender = NodeName + "/" + Guid.NewGuid().ToString("N")[..12];
        _channel = RedisChannel.Literal(options.ChannelPrefix + ":bus");
        _redis.GetSubscriber().Subscribe(_channel, (_, message) => Dispatch(message));
    }

    public string NodeName { get; }

    public void Publish(string topic, string payload)
    {
        try
        {
            _redis.GetSubscriber().Publish(_channel, string.Concat(_sender, Separator, topic, Separator, payload), CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            _log.LogWarning(ex, "Cluster message {Topic} not sent: Redis unavailable", topic);
        }
    }

    public void Subscribe(string topic, Action<string> handler) =>
        _handlers.AddOrUpdate(topic, [handler], (_, existing) => [.. existing, handler]);

    private void Dispatch(RedisValue message)
    {
        var parts = ((string?)message ?? "").Split(Separator, 3);
        if (parts.Length != 3 || parts[0] == _sender || !_handlers.TryGetValue(parts[1], out var handlers))
        {
            return;
        }

        foreach (var handler in handlers)
        {
            try
            {
                handler(parts[2]);
            }
            catch (Exception ex)
            {
                _log.LogWarning(ex, "Cluster message {Topic} handler failed", parts[1]);
            }
        }
    }
}
