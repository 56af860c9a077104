using Jiexin.Modules.Events.Open311.Format;

namespace Jiexin.Modules.Events.Open311.Discovery;

/// <summary>
/// <c>GET discovery.{format}</c> (Open311 Service Discovery): where the GeoReport v2 endpoint is, which formats it
/// speaks, whom to contact and how to get a key. Served at <c>/open311/discovery.*</c> and <c>/open311/v2/discovery.*</c>.
/// </summary>
public static class GetDiscovery
{
    public const string Specification = "http://wiki.open311.org/GeoReport_v2";

    /// <summary>The service list is our taxonomy, which changes rarely: the version of the app stands for its changeset.</summary>
    private static readonly string Changeset = File.GetLastWriteTimeUtc(typeof(GetDiscovery).Assembly.Location)
        .ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static Open311Object Handle(Open311Options options, HttpRequest request)
    {
        var url = options.BaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}/open311/v2";
        return new Open311Object(
            ("changeset", Changeset),
            ("contact", options.Contact),
            ("key_service", options.KeyService),
            ("endpoints", new Open311Array("endpoint",
            [
                new Open311Object(
                    ("specification", Specification),
                    ("url", url),
                    ("changeset", Changeset),
                    ("type", options.EndpointType),
                    ("formats", new Open311Array("format", ["text/xml", "application/json"]))),
            ])));
    }

    public static void Map(IEndpointRouteBuilder routes, string prefix, string name) =>
        routes.MapGet(prefix + "/discovery.{format}", (string format, HttpRequest request, Open311Guard guard) =>
                Open311Writer.TryParseFormat(format, out var f)
                    ? Open311Result.Ok("discovery", Handle(guard.Options, request), f)
                    : Open311Result.UnknownFormat(format))
            .WithName(name);
}
