using System.Security.Cryptography;
using Microsoft.AspNetCore.HttpOverrides;

namespace Jiexin.Platform.Http;

/// <summary>Settings under <c>Jiexin:Security</c>.</summary>
public sealed class SecurityOptions
{
    /// <summary>Send Strict-Transport-Security on HTTPS responses. Off by default: a first start is often plain HTTP on a LAN.</summary>
    public bool Hsts { get; set; }

    /// <summary>Trust X-Forwarded-For/-Proto from a proxy on this host (nginx in docs/deploy.md), so HTTPS and client IPs are seen.</summary>
    public bool ForwardedHeaders { get; set; }
}

/// <summary>
/// Response headers that make injected content and framing harmless (ADR 0027). Added when the response starts, so
/// error pages and static files carry them too.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// Staff console. No inline script anywhere (an injected &lt;script&gt; does not run); 'unsafe-eval' only because
    /// Vizor.ECharts parses chart options with eval. Inline styles: Ant Design sets style attributes.
    /// </summary>
    public const string ConsolePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Resident and grid-worker phone pages (/m): no charts, so no eval either.</summary>
    public const string PhonePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Data (JSON, XML) never runs anything.</summary>
    public const string DataPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>The developer's API reference (Scalar) configures itself with an inline script; it shows no stored data.</summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'";

    private const string NonceKey = "jiexin.csp-nonce";

    /// <summary>
    /// The one inline script the console has is Blazor's import map (<c>&lt;ImportMap nonce=...&gt;</c> in App.razor):
    /// it is allowed by a fresh nonce per response, which injected text cannot know.
    /// </summary>
    public static string NonceFor(HttpContext http) =>
        http.Items.TryGetValue(NonceKey, out var nonce) && nonce is string value ? value
        : (string)(http.Items[NonceKey] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));

    public static string PolicyFor(HttpContext http)
    {
        var path = http.Request.Path;
        return path.StartsWithSegments("/api") || path.StartsWithSegments("/open311") || path.StartsWithSegments("/openapi") ? DataPolicy
            : path.StartsWithSegments("/scalar") ? ApiReferencePolicy
            : path.StartsWithSegments("/m") ? PhonePolicy
            : ConsolePolicy.Replace("script-src 'self'", $"script-src 'self' 'nonce-{NonceFor(http)}'", StringComparison.Ordinal);
    }

    public static WebApplicationBuilder AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Jiexin:Security").Get<SecurityOptions>() ?? new SecurityOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
            // The default list skips localhost; a deployment that turns HSTS on means it for every host it serves.
            o.ExcludedHosts.Clear();
        });
        builder.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        return builder;
    }

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<SecurityOptions>();
        if (options.ForwardedHeaders)
        {
            app.UseForwardedHeaders();
        }

        if (options.Hsts)
        {
            app.UseHsts();
        }

        app.Use((http, next) =>
        {
            http.Response.OnStarting(static state =>
            {
                var context = (HttpContext)state;
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                headers.XFrameOptions = "DENY";
                headers["Permissions-Policy"] = "geolocation=(self), camera=(self), microphone=(), payment=()";
                headers.ContentSecurityPolicy = PolicyFor(context);

                return Task.CompletedTask;
            }, http);
            return next(http);
        });
        return app;
    }
}
