using Jiexin.Platform.Jobs;

namespace Jiexin.Modules.Disputes.Screening;

/// <summary>排查 wiring: handlers, the job that opens each period's rounds, and the endpoints under /api/v1/disputes/screening.</summary>
public static class ScreeningEndpoints
{
    public static IServiceCollection AddScreening(this IServiceCollection services)
    {
        services.AddOptions<ScreeningOptions>().BindConfiguration(ScreeningOptions.Section);
        services.AddScoped<ScreeningAccess>();
        services.AddScoped<OpenRounds.Handler>();
        services.AddRecurringJob<OpenRounds.Job>();
        services.AddScoped<ListRounds.Handler>();
        services.AddScoped<GetRound.Handler>();
        services.AddScoped<RecordScreening.Handler>();
        services.AddScoped<IntakeRisk.Handler>();
        services.AddScoped<Contracts.IScreeningRiskSignals, ScreeningRiskSignals>();
        return services;
    }

    public static void MapScreening(RouteGroupBuilder disputes)
    {
        var screening = disputes.MapGroup("/screening").RequireAuthorization(Platform.Auth.Policies.Staff);
        ListRounds.Map(screening);
        GetRound.Map(screening);
        RecordScreening.Map(screening);
        IntakeRisk.Map(screening);
    }
}
