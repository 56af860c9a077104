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

        // Staff screens and editing: communities, departments, grids and their GeoJSON import.
        services.AddScoped<Communities.ListCommunities.ListCommunities.Handler>();
        services.AddScoped<Communities.SaveCommunity.SaveCommunity.Handler>();
        services.AddScoped<Shared.OrgUnitDeletion>();
        services.AddScoped<Communities.DeleteCommunity.DeleteCommunity.Handler>();
        services.AddScoped<Departments.ListDepartments.ListDepartments.Handler>();
        services.AddScoped<Departments.SaveDepartment.SaveDepartment.Handler>();
        services.AddScoped<Departments.DeleteDepartment.DeleteDepartment.Handler>();
        services.AddScoped<Grids.SearchGrids.SearchGrids.Handler>();
        services.AddScoped<Grids.EditGrid.EditGrid.Handler>();
        services.AddScoped<Grids.DeleteGrid.DeleteGrid.Handler>();
        services.AddScoped<ImportGrids.ImportGrids.Handler>();
        return builder;
    }

    public static void MapTerritory(this WebApplication app, RouteGroupBuilder api)
    {
        var territory = api.MapGroup("/territory").WithTags("Territory");
        ListGrids.ListGrids.Map(territory);
        LocateGrid.Map(territory);

        var communities = territory.MapGroup("/communities");
        Communities.ListCommunities.ListCommunities.Map(communities);
        Communities.SaveCommunity.SaveCommunity.Map(communities);
        Communities.DeleteCommunity.DeleteCommunity.Map(communities);

        var departments = territory.MapGroup("/departments");
        Departments.ListDepartments.ListDepartments.Map(departments);
        Departments.SaveDepartment.SaveDepartment.Map(departments);
        Departments.DeleteDepartment.DeleteDepartment.Map(departments);

        var grids = territory.MapGroup("/grids");
        Grids.SearchGrids.SearchGrids.Map(grids);
        Grids.EditGrid.EditGrid.Map(grids);
        Grids.DeleteGrid.DeleteGrid.Map(grids);
        ImportGrids.ImportGrids.Map(grids);
    }
}
