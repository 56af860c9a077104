using Jiexin.Data;
using Jiexin.Platform.Jobs;

namespace Jiexin.Modules.Analytics;

/// <summary>指挥中心 figures: aggregates kept current with every event change, the overview and the wall screen (docs/decisions/0030-analytics-aggregates.md).</summary>
public static class AnalyticsModule
{
    public static WebApplicationBuilder AddAnalytics(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IEntityModelSource>(new NamespaceModelSource(typeof(AnalyticsModule).Assembly, "Jiexin.Modules.Analytics"));
        services.AddSingleton<Events.Contracts.IEventFiguresObserver, Figures.EventFiguresRecorder>();
        services.AddRecurringJob<Figures.FoldEventFiguresJob>();
        services.AddScoped<Figures.EventFiguresRebuild>();
        services.AddScoped<Overview.GetOverview.Handler>();
        services.AddScoped<SelfGovernanceFigures.GetSelfGovernanceFigures.Handler>();
        services.AddScoped<GridMap.GetGridMap.Handler>();
        services.AddScoped<RegistryFigures.GetRegistryFigures.Handler>();
        services.AddScoped<DisputeFigures.GetDisputeFigures.Handler>();
        services.AddScoped<MonthlyReport.MonthlyReportFigures>();
        services.AddScoped<MonthlyReport.ReportStore>();
        services.AddScoped<MonthlyReport.GetReport.Handler>();
        services.AddScoped<MonthlyReport.GetReport.ListHandler>();
        services.AddScoped<MonthlyReport.SaveCommentary.Handler>();
        services.AddScoped<MonthlyReport.FinaliseReport.Handler>();
        services.AddScoped<MonthlyReport.ExportReport.Handler>();
        return builder;
    }

    public static void MapAnalytics(this WebApplication app, RouteGroupBuilder api)
    {
        var analytics = api.MapGroup("/analytics").WithTags("Analytics");
        Overview.GetOverview.Map(analytics);
        SelfGovernanceFigures.GetSelfGovernanceFigures.Map(analytics);
        GridMap.GetGridMap.Map(analytics);
        RegistryFigures.GetRegistryFigures.Map(analytics);
        DisputeFigures.GetDisputeFigures.Map(analytics);
        // 月度研判报告: street-wide accounts and community staff; which report and who writes is decided per request (ReportAccess).
        var reports = analytics.MapGroup("").RequireAuthorization(p => p.RequireRole(MonthlyReport.ReportAccess.Readers));
        MonthlyReport.GetReport.Map(reports);
        MonthlyReport.SaveCommentary.Map(reports);
        MonthlyReport.FinaliseReport.Map(reports);
        MonthlyReport.ExportReport.Map(reports);
    }
}
