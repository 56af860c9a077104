using Jiexin.Data;
using Jiexin.Modules.Events.Shared;

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
        // Whistle, summons and check-in, 督办, feedback (docs/decisions/XXXX-whistle-and-feedback.md).
        services.AddSingleton(sp => new Domain.CheckInRules(
            sp.GetRequiredService<Platform.Calendar.IWorkingCalendar>(),
            TimeSpan.FromMinutes(builder.Configuration.GetValue("Jiexin:Events:CheckInMinutes", 30))));
        services.AddScoped<SuperviseEvent.SupervisionAccess>();
        services.AddScoped<SuperviseEvent.SuperviseEvent.Handler>();
        services.AddScoped<AnswerSupervision.AnswerSupervision.Handler>();
        services.AddScoped<ListSupervisionNotices.ListSupervisionNotices.Handler>();
        services.AddScoped<ListCheckIns.ListCheckIns.Handler>();
        services.AddScoped<MarkNoFeedback.MarkNoFeedback.Handler>();
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
        ListSupervisionNotices.ListSupervisionNotices.Map(events);
        ListCheckIns.ListCheckIns.Map(events);
        SuperviseEvent.SuperviseEvent.Map(events);
        AnswerSupervision.AnswerSupervision.Map(events);
    }
}
