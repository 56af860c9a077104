using Jiexin.Data;
using Jiexin.Platform.Jobs;
using Jiexin.Platform.Notifications.Delivery;
using Jiexin.Platform.Notifications.Live;
using Jiexin.Platform.Notifications.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Platform.Notifications;

/// <summary>
/// Outbox + notifications: rows written with the change (<see cref="NotificationMessage.Enqueue"/>), delivered by the
/// <see cref="OutboxDispatcher"/> in-app (bell, <c>/api/v1/notifications</c>, SignalR <c>/hubs/notifications</c>) and
/// through <see cref="INotificationSender"/>s (SMS, WeChat: logging only). <see cref="LiveUpdates"/> tells this
/// instance's pages what changed. (Entity configurations are applied with the rest of Platform's.)
/// </summary>
public static class NotificationsModule
{
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section);
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddRecurringJob<PurgeDeliveredOutboxJob>();
        services.AddSingleton<LiveUpdates>();
        services.AddSignalR();

        services.AddSingleton<AudienceCache>();
        services.AddSingleton<AccountChangesInterceptor>();
        services.ConfigureDbContext<JiexinDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<AccountChangesInterceptor>()), ServiceLifetime.Singleton);
        services.AddScoped<RecipientResolver>();
        services.AddScoped<IOutboxHandler, NotificationHandler>();
        services.AddSingleton<INotificationSender, LoggingSmsSender>();
        services.AddSingleton<INotificationSender, LoggingWeChatSender>();

        services.AddScoped<ListNotifications.ListNotifications.Handler>();
        services.AddScoped<MarkNotificationsRead.MarkNotificationsRead.Handler>();
        return builder;
    }

    /// <summary><c>/api/v1/notifications</c>: the caller's own notifications.</summary>
    public static RouteGroupBuilder MapNotificationsApi(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Notifications");
        ListNotifications.ListNotifications.Map(notifications);
        MarkNotificationsRead.MarkNotificationsRead.Map(notifications);
        return api;
    }

    public static WebApplication MapNotificationsHub(this WebApplication app)
    {
        app.MapHub<NotificationsHub>(NotificationsHub.Path);
        return app;
    }
}
