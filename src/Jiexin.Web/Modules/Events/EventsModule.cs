using Jiexin.Data;
using Jiexin.Modules.Events.Deadlines;
using Jiexin.Modules.Events.Notifications;
using Jiexin.Modules.Events.Shared;
using Jiexin.Platform.Data;
using Jiexin.Platform.Jobs;

namespace Jiexin.Modules.Events;

/// <summary>解新事: intake from every channel into one queue and the five-step loop.</summary>
public static class EventsModule
{
    public static WebApplicationBuilder AddEvents(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IEntityModelSource>(new NamespaceModelSource(typeof(EventsModule).Assembly, "Jiexin.Modules.Events"));
        services.AddScoped<EventAccess>();
        services.AddScoped<ReportEvent.ReportEvent.Handler>();
        services.AddScoped<GetEvent.GetEvent.Handler>();
        services.AddScoped<ListMyEvents.ListMyEvents.Handler>();
        services.AddScoped<ActOnEvent.ActOnEvent.Handler>();
        services.AddScoped<ListEvents.ListEvents.Handler>();

        // Deadlines (时限) and their 黄牌/红牌 job; notifications of every timeline step through the outbox.
        services.AddOptions<DeadlineOptions>().BindConfiguration(DeadlineOptions.Section);
        services.AddScoped<EventDeadlines>();
        services.AddScoped<IStartupTask, DeadlinePolicySeeder>();
        services.AddScoped<Deadlines.ListDeadlinePolicies.ListDeadlinePolicies.Handler>();
        services.AddScoped<Deadlines.SaveDeadlinePolicy.SaveDeadlinePolicy.Handler>();
        services.AddScoped<Deadlines.DeleteDeadlinePolicy.DeleteDeadlinePolicy.Handler>();
        services.AddRecurringJob<MarkDeadlineWarningsJob>();
        services.AddScoped<EventNotificationsInterceptor>();
        services.ConfigureDbContext<JiexinDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<EventNotificationsInterceptor>()));
        return builder;
    }

    public static void MapEvents(this WebApplication app, RouteGroupBuilder api)
    {
        var events = api.MapGroup("/events").WithTags("Events");
        ReportEvent.ReportEvent.Map(events);
        ListMyEvents.ListMyEvents.Map(events);
        GetEvent.GetEvent.Map(events);
        ActOnEvent.ActOnEvent.Map(events);
        ListEvents.ListEvents.Map(events);
        Deadlines.ListDeadlinePolicies.ListDeadlinePolicies.Map(events);
        Deadlines.SaveDeadlinePolicy.SaveDeadlinePolicy.Map(events);
        Deadlines.DeleteDeadlinePolicy.DeleteDeadlinePolicy.Map(events);
    }
}
