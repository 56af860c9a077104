using Jiexin.Data;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Jobs;

namespace Jiexin.Modules.Warnings;

/// <summary>预警 (early warning: spikes, repeated reports, dispute risk, overdue clusters) and 热点 (hotspots) — docs/decisions/0033-warnings-and-hotspots.md.</summary>
public static class WarningsModule
{
    public static WebApplicationBuilder AddWarnings(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IEntityModelSource>(new NamespaceModelSource(typeof(WarningsModule).Assembly, "Jiexin.Modules.Warnings"));
        services.AddOptions<WarningsOptions>().BindConfiguration(WarningsOptions.Section);
        services.AddScoped<Shared.WarningAccess>();
        services.AddSingleton<Evaluate.OpenPlaceEvidence>();
        services.AddSingleton<Evaluate.RecentPlaces>();
        services.AddScoped<Evaluate.EvaluateWarnings.Handler>();
        services.AddRecurringJob<Evaluate.EvaluateWarnings.Job>();
        services.AddScoped<ListWarnings.ListWarnings.Handler>();
        services.AddScoped<ListWarnings.ListWarnings.GetHandler>();
        services.AddScoped<ActOnWarning.ActOnWarning.Handler>();
        services.AddScoped<RespondToWarning.RespondToWarning.Handler>();
        services.AddScoped<Escalate.EscalateWarnings.Handler>();
        services.AddRecurringJob<Escalate.EscalateWarnings.Job>();
        services.AddScoped<Hotspots.Hotspots.ListHandler>();
        services.AddScoped<Hotspots.Hotspots.TaskHandler>();
        services.AddScoped<Contracts.IWarningCounts, MapCounts.WarningCounts>();
        services.AddScoped<Contracts.IWarningFigures, MonthFigures.WarningFigures>();
        return builder;
    }

    public static void MapWarnings(this WebApplication app, RouteGroupBuilder api)
    {
        var warnings = api.MapGroup("/warnings").WithTags("Warnings").RequireAuthorization(Policies.Staff);
        Evaluate.EvaluateWarnings.Map(warnings);
        ListWarnings.ListWarnings.Map(warnings);
        ListWarnings.ListWarnings.MapGet(warnings);
        ActOnWarning.ActOnWarning.Map(warnings);
        RespondToWarning.RespondToWarning.Map(warnings);
        var hotspots = api.MapGroup("/hotspots").WithTags("Hotspots").RequireAuthorization(Policies.Staff);
        Hotspots.Hotspots.Map(hotspots);
    }
}
