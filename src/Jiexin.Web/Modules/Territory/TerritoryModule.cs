using Jiexin.Data;
using Jiexin.Modules.Territory.Directory;
using Jiexin.Platform.Auth;

namespace Jiexin.Modules.Territory;

/// <summary>Street, communities, grids (polygons), departments; the org directory and the spatial index.</summary>
public static class TerritoryModule
{
    public static WebApplicationBuilder AddTerritory(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IEntityModelSource>(new NamespaceModelSource(typeof(TerritoryModule).Assembly, "Jiexin.Modules.Territory"));
        services.AddSingleton<TerritoryDirectory>();
        services.AddSingleton<IOrgDirectory>(sp => sp.GetRequiredService<TerritoryDirectory>());
        services.AddSingleton<Contracts.ITerritoryLookup>(sp => sp.GetRequiredService<TerritoryDirectory>());
        services.AddScoped<Jiexin.Platform.Data.IStartupTask, LoadTerritoryDirectory>();
        return builder;
    }

    public static void MapTerritory(this WebApplication app, RouteGroupBuilder api)
    {
        var territory = api.MapGroup("/territory").WithTags("Territory");
        _ = territory;
    }
}
