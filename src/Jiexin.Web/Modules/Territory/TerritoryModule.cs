using Jiexin.Data;
using Jiexin.Modules.Territory.Directory;
using Jiexin.Modules.Territory.ListGrids;
using Jiexin.Modules.Territory.Locate;
using Jiexin.Modules.Territory.Seed;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Data;

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
        services.AddScoped<IStartupTask, DemoTerritorySeeder>();
        services.AddScoped<IStartupTask, LoadTerritoryDirectory>();

        // Spatial index: follows the directory (rebuilt on every reload).
        services.AddOptions<GridLocatorOptions>().BindConfiguration(GridLocatorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<GridLocator>();
        services.AddSingleton<Contracts.IGridLocator>(sp => sp.GetRequiredService<GridLocator>());
        services.AddScoped<IStartupTask, BuildGridIndex>();
        services.AddSingleton<ListGrids.ListGrids.Handler>();
        return builder;
    }

    public static void MapTerritory(this WebApplication app, RouteGroupBuilder api)
    {
        var territory = api.MapGroup("/territory").WithTags("Territory");
        ListGrids.ListGrids.Map(territory);
        LocateGrid.Map(territory);
    }
}
