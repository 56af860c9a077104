using Jiexin.Data;
using Jiexin.Platform.Data;
using Jiexin.Platform.Jobs;

namespace Jiexin.Modules.Assessment;

/// <summary>考核 (monthly assessment of departments, communities and grids) and 领导班子包干 (docs/decisions/0032-assessment.md).</summary>
public static class AssessmentModule
{
    public static WebApplicationBuilder AddAssessment(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IEntityModelSource>(new NamespaceModelSource(typeof(AssessmentModule).Assembly, "Jiexin.Modules.Assessment"));
        services.AddScoped<IStartupTask, AssessmentRuleSeeder>();
        services.AddScoped<Scoring.AssessmentMonths>();
        services.AddScoped<Scoring.AssessmentAccess>();
        services.AddScoped<Contracts.IAssessmentFigures, Figures.AssessmentFigures>();
        services.AddScoped<GetMonth.GetMonth.Handler>();
        services.AddScoped<Trend.GetTrend.Handler>();
        services.AddScoped<Export.ExportMonth.Handler>();
        services.AddScoped<Rules.AssessmentRules.ListHandler>();
        services.AddScoped<Rules.AssessmentRules.SaveHandler>();
        services.AddScoped<CloseMonth.CloseMonth.Handler>();
        services.AddScoped<LeaderAreas.LeaderAreas.ListHandler>();
        services.AddScoped<LeaderAreas.LeaderAreas.SaveHandler>();
        services.AddScoped<LeaderAreas.LeaderAreas.MineHandler>();
        services.AddRecurringJob<CloseMonth.CloseAssessmentMonthJob>();
        return builder;
    }

    public static void MapAssessment(this WebApplication app, RouteGroupBuilder api)
    {
        // Reading is further limited per row by scope (Scoring.AssessmentAccess); writes name their roles.
        var assessment = api.MapGroup("/assessment").WithTags("Assessment")
            .RequireAuthorization(p => p.RequireRole(Scoring.AssessmentAccess.Readers));
        GetMonth.GetMonth.Map(assessment);
        Trend.GetTrend.Map(assessment);
        Export.ExportMonth.Map(assessment);
        Rules.AssessmentRules.Map(assessment);
        CloseMonth.CloseMonth.Map(assessment);
        LeaderAreas.LeaderAreas.Map(assessment);
    }
}
