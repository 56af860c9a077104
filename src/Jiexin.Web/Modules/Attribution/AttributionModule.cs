using Jiexin.Data;
using Jiexin.Modules.Attribution.Catalog;
using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Attribution.KeywordBaseline;
using Jiexin.Modules.Attribution.Model;
using Jiexin.Modules.Attribution.ModelAttribution;
using Jiexin.Modules.Attribution.Routing;
using Jiexin.Modules.Attribution.Seed;
using Jiexin.Platform.Data;
using Jiexin.Platform.Jobs;

namespace Jiexin.Modules.Attribution;

/// <summary>
/// 事件归属: the category taxonomy, routing rules from category and place to the responsible department, and the
/// attributor intake calls (the trained first-level model with the taxonomy's phrases; the keyword baseline alone without a model file).
/// </summary>
public static class AttributionModule
{
    public static WebApplicationBuilder AddAttribution(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IEntityModelSource>(new NamespaceModelSource(typeof(AttributionModule).Assembly, "Jiexin.Modules.Attribution"));
        services.AddOptions<AttributionOptions>().BindConfiguration(AttributionOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddScoped<IStartupTask, TaxonomySeeder>();
        services.AddScoped<IStartupTask, DemoRoutingRulesSeeder>();
        services.AddScoped<IStartupTask, LoadAttributionCatalog>();
        services.AddSingleton<AttributionCatalog>();
        services.AddSingleton<ICategoryDirectory>(sp => sp.GetRequiredService<AttributionCatalog>());

        services.AddSingleton<AttributionRouter>();
        services.AddSingleton<KeywordAttributor>();
        services.AddSingleton<FirstLevelModelHost>();
        services.AddScoped<IStartupTask, LoadFirstLevelModel>();
        services.AddSingleton<ModelAttributor>();
        services.AddSingleton<IEventAttributor>(sp => sp.GetRequiredService<ModelAttributor>());

        services.AddSingleton<ListCategories.ListCategories.Handler>();
        services.AddScoped<PreviewAttribution.PreviewAttribution.Handler>();
        services.AddScoped<ReloadModel.ReloadModel.Handler>();

        // Admin editing of the taxonomy and the routing rules (each save rebuilds the in-memory catalog).
        services.AddScoped<ManageTaxonomy.ListTaxonomy.Handler>();
        services.AddScoped<ManageTaxonomy.SaveCategory.Handler>();
        services.AddScoped<ManageRouting.ListRoutingRules.Handler>();
        services.AddScoped<ManageRouting.SaveRoutingRule.Handler>();
        services.AddScoped<ManageRouting.DeleteRoutingRule.Handler>();

        // Learning from dispatchers: retrain on confirmed categories, on a schedule and on demand (replace only if better).
        services.AddScoped<Retrain.ModelRetrainer>();
        services.AddSingleton<Retrain.RetrainLauncher>();
        services.AddScoped<Retrain.RetrainModel.Handler>();
        services.AddRecurringJob<Retrain.RetrainModelJob>();
        services.AddRecurringJob<Catalog.SyncAttributionCatalogJob>();
        return builder;
    }

    public static void MapAttribution(this WebApplication app, RouteGroupBuilder api)
    {
        var attribution = api.MapGroup("/attribution").WithTags("Attribution");
        ListCategories.ListCategories.Map(attribution);
        PreviewAttribution.PreviewAttribution.Map(attribution);
        ReloadModel.ReloadModel.Map(attribution);
        ManageTaxonomy.ListTaxonomy.Map(attribution);
        ManageTaxonomy.SaveCategory.Map(attribution);
        ManageRouting.ListRoutingRules.Map(attribution);
        ManageRouting.SaveRoutingRule.Map(attribution);
        ManageRouting.DeleteRoutingRule.Map(attribution);
        Retrain.RetrainModel.Map(attribution);
    }
}
