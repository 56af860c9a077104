using StackExchange.Redis;

namespace Jiexin.Platform.ScaleOut;

/// <summary>
/// Several instances on one PostgreSQL: with <c>Jiexin:ScaleOut:Redis</c> set, SignalR uses the Redis backplane (a
/// hub message reaches a client on any instance) and the <see cref="IClusterBus"/> relays cache and live-page
/// invalidations. Sessions, antiforgery and bearer tokens already work on any instance (Data Protection keys live in
/// the database); jobs and the outbox claim their work in the database (<see cref="Jobs.JobLeases"/>).
/// </summary>
public static class ScaleOutModule
{
    public static WebApplicationBuilder AddScaleOut(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var options = builder.Configuration.GetSection(ScaleOutOptions.Section).Get<ScaleOutOptions>() ?? new ScaleOutOptions();
        services.AddSingleton(options);
        if (!options.Enabled)
        {
            services.AddSingleton<IClusterBus>(new SingleNodeBus(options.ResolveNodeName()));
            return builder;
        }

        // One connection for the bus and the backplane. AbortOnConnectFail=false: an instance starts (and serves
        // requests) while Redis is down, and reconnects on its own; only cross-instance freshness waits.
        var configuration = ConfigurationOptions.Parse(options.Redis!);
        configuration.AbortOnConnectFail = false;
        configuration.ClientName = "jiexin-" + options.ResolveNodeName();
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(configuration));
        services.AddSingleton<IClusterBus, RedisClusterBus>();
        services.AddSignalR().AddStackExchangeRedis(o =>
        {
            o.Configuration = configuration.Clone();
            o.Configuration.ChannelPrefix = RedisChannel.Literal(options.ChannelPrefix + ":signalr");
        });
        return builder;
    }
}
