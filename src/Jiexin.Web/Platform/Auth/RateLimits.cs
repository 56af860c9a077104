using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using static Jiexin.Platform.Localization.Text;

namespace Jiexin.Platform.Auth;

/// <summary>Bound from <c>Jiexin:RateLimiting</c>.</summary>
public sealed class RateLimitingOptions
{
    /// <summary>On by default; tests and load runs switch it off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests allowed per client address in each window.</summary>
    public int PermitLimit { get; set; } = 10;

    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// Rate limits for what anyone can call without an account: logins now, anonymous and resident intake later.
/// Counted per client address (IPv6 per /64), only for requests that change something (GETs of the form are free).
/// Refused requests get 429: problem+json on the API, a zh-CN page in the UI.
/// </summary>
public static class RateLimits
{
    /// <summary>The policy name: "per client address, for anonymous submissions".</summary>
    public const string Anonymous = "anonymous-per-address";

    /// <summary>Puts an endpoint under the <see cref="Anonymous"/> policy.</summary>
    public static TBuilder RequireAnonymousRateLimit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRateLimiting(Anonymous);

    internal static IServiceCollection AddJiexinRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitingOptions>().Bind(configuration.GetSection("Jiexin:RateLimiting"));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Anonymous, http =>
            {
                var options = http.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
                if (!options.Enabled || HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("");
                }

                return RateLimitPartition.GetFixedWindowLimiter(ClientAddress.PartitionKey(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, options.PermitLimit),
                    Window = TimeSpan.FromSeconds(Math.Max(1, options.WindowSeconds)),
                    QueueLimit = 0,
                });
            });
            o.OnRejected = (ctx, ct) => WriteRejectionAsync(ctx.HttpContext, ctx.Lease, ct);
        });
        return services;
    }

    private static async ValueTask WriteRejectionAsync(HttpContext http, RateLimitLease lease, CancellationToken ct)
    {
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var message = T($"尝试过于频繁，请 {seconds} 秒后再试。", $"Too many attempts. Please try again in {seconds} seconds.");
        if (http.Request.IsApi())
        {
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = Problems.TitleFor(429), Detail = message },
            });
            return;
        }

        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(RejectionPage(message), ct);
    }

    private static string RejectionPage(string message)
    {
        var title = T("请稍后再试", "Please wait");
        var back = T("返回登录", "Back to sign-in");
        var encoded = WebUtility.HtmlEncode(message);
        return $$"""
            <!DOCTYPE html><html lang="{{(IsEnglish ? "en" : "zh-CN")}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{title}} - 解新事</title>
            <style>body{margin:0;font-family:-apple-system,"PingFang SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;min-height:100vh;display:flex;align-items:center;justify-content:center;background:linear-gradient(135deg,#0b2a4a,#1d4e89)}
            .card{background:#fff;border-radius:8px;padding:32px 40px;max-width:380px;box-shadow:0 6px 16px rgba(0,0,0,.2);text-align:center;color:rgba(0,0,0,.88)}
            h1{font-size:20px;margin:0 0 12px}p{margin:0 0 20px;color:#d4380d}a{color:#1677ff;text-decoration:none}</style></head>
            <body><div class="card" role="alert"><h1>{{title}}</h1><p data-testid="rate-limited">{{encoded}}</p><a href="/account/login">{{back}}</a></div></body></html>
            """;
    }
}

/// <summary>The client's address as the app sees it (behind a proxy, configure forwarded headers first).</summary>
public static class ClientAddress
{
    public static string? Of(HttpContext? http) => Normalise(http?.Connection.RemoteIpAddress)?.ToString();

    /// <summary>IPv4 per address; IPv6 per /64, since one subscriber usually holds a whole /64.</summary>
    public static string PartitionKey(HttpContext http)
    {
        var address = Normalise(http.Connection.RemoteIpAddress);
        if (address is null)
        {
            return "unknown";
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }

    private static IPAddress? Normalise(IPAddress? address) =>
        address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
