using Jiexin.Modules.Events.Open311.Discovery;
using Jiexin.Modules.Events.Open311.Format;
using Jiexin.Modules.Events.Open311.Keys;
using Jiexin.Modules.Events.Open311.ManageApiKeys;
using Jiexin.Modules.Events.Open311.Requests;
using Jiexin.Modules.Events.Open311.Services;
using Jiexin.Modules.Events.Open311.Tokens;
using Jiexin.Modules.Events.Open311.Updates;
using Jiexin.Platform.Auth;

namespace Jiexin.Modules.Events.Open311;

/// <summary>
/// Open311 GeoReport v2 at <c>/open311/v2</c> (with mySociety's servicerequestupdates), outside <c>/api/v1</c>: its own
/// auth (api_key), its own formats (XML and JSON as the spec writes them) and its own errors
/// (docs/decisions/0020-open311.md). Plus the Admin's key management under <c>/api/v1/admin/open311/keys</c>.
/// </summary>
public static class Open311Module
{
    public const string BasePath = "/open311/v2";

    public static WebApplicationBuilder AddOpen311(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<Open311Options>().Bind(builder.Configuration.GetSection("Jiexin:Open311"));
        services.AddScoped<Open311Keys>();
        services.AddScoped<Open311Guard>();
        services.AddScoped<ListServices.Handler>();
        services.AddScoped<GetServiceDefinition.Handler>();
        services.AddScoped<PostServiceRequest.Handler>();
        services.AddScoped<ListServiceRequests.Handler>();
        services.AddScoped<GetServiceRequest.Handler>();
        services.AddScoped<GetToken.Handler>();
        services.AddScoped<ListServiceRequestUpdates.Handler>();
        services.AddScoped<ListApiKeys.Handler>();
        services.AddScoped<CreateApiKey.Handler>();
        services.AddScoped<RevokeApiKey.Handler>();
        return builder;
    }

    public static void MapOpen311(this WebApplication app, RouteGroupBuilder api)
    {
        // Anonymous at the HTTP level: the api_key is checked by the endpoints that need it, and answered as the spec says.
        var open311 = app.MapGroup(BasePath).WithTags("Open311").AllowAnonymous().ExcludeFromDescription();
        GetDiscovery.Map(open311, "", "Open311.GetDiscovery");
        GetDiscovery.Map(app.MapGroup("/open311").AllowAnonymous().ExcludeFromDescription(), "", "Open311.GetRootDiscovery");
        ListServices.Map(open311);
        GetServiceDefinition.Map(open311);
        PostServiceRequest.Map(open311);
        ListServiceRequests.Map(open311);
        GetServiceRequest.Map(open311);
        GetToken.Map(open311);
        ListServiceRequestUpdates.Map(open311);
        // Anything else under /open311 is a 404 in the spec's error format rather than the console's HTML page.
        app.Map("/open311/{**rest}", (string? rest) =>
                Open311Result.NotFound(rest?.EndsWith(".json", StringComparison.OrdinalIgnoreCase) == true ? Open311Format.Json : Open311Format.Xml,
                    "资源不存在。 Resource not found."))
            .AllowAnonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription();

        var keys = api.MapGroup("/admin/open311/keys").WithTags("Open311").RequireAuthorization(Policies.Admin);
        ListApiKeys.Map(keys);
        CreateApiKey.Map(keys);
        RevokeApiKey.Map(keys);
    }
}
