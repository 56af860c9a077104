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

        // Staff screens and editing: communities, departments, grids and their GeoJSON import.
        services.AddScoped<Communities.ListCommunities.ListCommunities.Handler>();
        services.AddScoped<Communities.SaveCommunity.SaveCommunity.Handler>();
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
