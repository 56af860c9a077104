using Jiexin.Data;
using Jiexin.Modules.Events.Open311;
using Jiexin.Modules.Events.Shared;
using Jiexin.Platform.Media;
using Microsoft.Extensions.Options;
using Jiexin.Modules.Events.Deadlines;
using Jiexin.Modules.Events.Notifications;
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
        services.AddSingleton<ReportEvent.TrackingCodes>();
        services.AddScoped<GetEvent.GetEvent.Handler>();
        services.AddScoped<ListMyEvents.ListMyEvents.Handler>();
        services.AddScoped<ActOnEvent.ActOnEvent.Handler>();
        services.AddScoped<ListEvents.ListEvents.Handler>();
        builder.AddOpen311();
        services.AddScoped<ListEvents.BulkDispatch.Handler>();
        services.AddScoped<Patrols.StartPatrol.Handler>();
        services.AddScoped<Patrols.StopPatrol.Handler>();
        services.AddScoped<Patrols.RecordPatrolPoints.Handler>();
        services.AddScoped<Patrols.GetPatrol.Handler>();
        services.AddScoped<Patrols.LogVisit.Handler>();
        services.AddScoped<Patrols.DiscoveryWork.Handler>();
        services.AddScoped<MyGrid.MyGridTasks.Handler>();
        services.AddScoped<DepartmentInbox.DepartmentInbox.Handler>();
        services.AddScoped<ContactPhones>();
        services.AddScoped<Contracts.ICategoryHistory, CategoryHistory.EventCategoryHistory>();
        services.AddOptions<FindDuplicates.DuplicateOptions>().BindConfiguration(FindDuplicates.DuplicateOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<FindDuplicates.FindDuplicates.Handler>();
        services.AddScoped<ImportEvents.ImportEvents.Handler>();
        services.AddSingleton<ImportEvents.HotlineImportJobs>();
        services.AddScoped<Photos.UploadEventPhotos.Handler>();
        services.AddMediaAccessRule<Photos.EventPhotoAccess>(Photos.EventPhotos.EventKind);
        services.AddMediaAccessRule<Photos.EventStepPhotoAccess>(Photos.EventPhotos.StepKind);
        services.AddMediaAccessRule<Photos.PendingEventPhotoAccess>(Photos.EventPhotos.PendingKind);

        // Deadlines (时限) and their 黄牌/红牌 job; notifications of every timeline step through the outbox.
        services.AddOptions<DeadlineOptions>().BindConfiguration(DeadlineOptions.Section);
        services.AddScoped<EventDeadlines>();
        services.AddScoped<IStartupTask, DeadlinePolicySeeder>();
        services.AddScoped<IStartupTask, Seed.DemoEventsSeeder>();
        services.AddScoped<Deadlines.ListDeadlinePolicies.ListDeadlinePolicies.Handler>();
        services.AddScoped<Deadlines.SaveDeadlinePolicy.SaveDeadlinePolicy.Handler>();
        services.AddScoped<Deadlines.DeleteDeadlinePolicy.DeleteDeadlinePolicy.Handler>();
        services.AddRecurringJob<MarkDeadlineWarningsJob>();
        services.AddRecurringJob<MarkNoFeedback.MarkNoFeedbackJob>();
        services.AddRecurringJob<Photos.ExpireUnattachedUploadsJob>();
        services.AddSingleton<EventNotificationsInterceptor>();
        services.ConfigureDbContext<JiexinDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<EventNotificationsInterceptor>()), ServiceLifetime.Singleton);
        // Whistle, summons and check-in, 督办, feedback (docs/decisions/0016-whistle-and-feedback.md).
        services.AddSingleton(sp => new Domain.CheckInRules(
            sp.GetRequiredService<Platform.Calendar.IWorkingCalendar>(),
            TimeSpan.FromMinutes(builder.Configuration.GetValue("Jiexin:Events:CheckInMinutes", 30))));
        services.AddScoped<SuperviseEvent.SupervisionAccess>();
        services.AddScoped<SuperviseEvent.SuperviseEvent.Handler>();
        services.AddScoped<AnswerSupervision.AnswerSupervision.Handler>();
        services.AddScoped<ListSupervisionNotices.ListSupervisionNotices.Handler>();
        services.AddScoped<ListCheckIns.ListCheckIns.Handler>();
        services.AddScoped<MarkNoFeedback.MarkNoFeedback.Handler>();
        services.AddScoped<AttributionQuality.AttributionQuality.Handler>();
        // Counted shapes of events for the figures kept elsewhere (Analytics), published inside each SaveChanges.
        services.AddSingleton<Figures.EventFiguresInterceptor>();
        services.ConfigureDbContext<JiexinDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<Figures.EventFiguresInterceptor>()), ServiceLifetime.Singleton);
        services.AddScoped<Contracts.IEventFiguresSource, Figures.EventFiguresSource>();
        services.AddScoped<Contracts.IDemoEventGenerator, Figures.DemoEventGenerator>();
        // Links other modules keep to events (a dispute converted from an event).
        services.AddScoped<Contracts.IEventLinks, EventLinks>();
        services.AddScoped<RegistryLinks.LinkRegistry.Handler>();
        services.AddScoped<Contracts.IEventsOfRegistry, RegistryLinks.EventsOfRegistry>();
        services.AddScoped<Contracts.IAssessmentSource, AssessmentFigures.EventAssessmentSource>();
        // Early warning and hotspots (Warnings module) read reports and overdue work, and merge a hotspot into one task.
        services.AddScoped<Contracts.IEventSignals, Signals.EventSignals>();
        services.AddScoped<Contracts.IEventMapPoints, MapPoints.EventMapPointsReader>();
        services.AddScoped<Contracts.IEventWorkSummary, ListEvents.ListEvents.WorkSummary>();
        services.AddScoped<Contracts.IEventCoordination, Signals.EventCoordination>();
        // Intake for other modules (a facility's fault report, Registry), through ReportEvent.
        services.AddScoped<Contracts.IEventIntake, LinkedIntake.EventIntake>();
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
        app.MapOpen311(api);
        ListEvents.BulkDispatch.Map(events);
        DepartmentInbox.DepartmentInbox.Map(events);
        MyGrid.MyGridTasks.Map(events);

        // 巡查 and 走访 (源头发现 work of the grid workers, "铁脚板").
        var patrols = api.MapGroup("/patrols").WithTags("Patrols");
        Patrols.StartPatrol.Map(patrols);
        Patrols.RecordPatrolPoints.Map(patrols);
        Patrols.StopPatrol.Map(patrols);
        Patrols.GetPatrol.Map(patrols);
        Patrols.DiscoveryWork.MapPatrols(patrols);
        Patrols.LogVisit.Map(api.MapGroup("/visits").WithTags("Patrols"));
        Patrols.DiscoveryWork.Map(api);
        FindDuplicates.FindDuplicates.Map(events);
        RegistryLinks.LinkRegistry.Map(events);
        ImportEvents.ImportEvents.Map(events);
        Photos.UploadEventPhotos.Map(events, Photos.EventPhotos.Limits(app.Services.GetRequiredService<IOptions<MediaOptions>>().Value));
        Deadlines.ListDeadlinePolicies.ListDeadlinePolicies.Map(events);
        Deadlines.SaveDeadlinePolicy.SaveDeadlinePolicy.Map(events);
        Deadlines.DeleteDeadlinePolicy.DeleteDeadlinePolicy.Map(events);
        // Staff-only at the door as well as in the handlers (the authorisation matrix declares it; residents never see these).
        ListSupervisionNotices.ListSupervisionNotices.Map(events).RequireAuthorization(Jiexin.Platform.Auth.Policies.Staff);
        ListCheckIns.ListCheckIns.Map(events).RequireAuthorization(Jiexin.Platform.Auth.Policies.Staff);
        SuperviseEvent.SuperviseEvent.Map(events).RequireAuthorization(Jiexin.Platform.Auth.Policies.Staff);
        AnswerSupervision.AnswerSupervision.Map(events).RequireAuthorization(Jiexin.Platform.Auth.Policies.Staff);
        AttributionQuality.AttributionQuality.Map(events);
    }
}
