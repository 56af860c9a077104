using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Jiexin.Platform.Notifications.Live;

/// <summary>
/// <c>/hubs/notifications</c>: signed-in clients (console in other tabs, the mobile app) receive
/// <c>notification</c> (a <see cref="ListNotifications.NotificationDto"/>) and <c>changed</c> (a <see cref="LiveChange"/>)
/// for themselves only (SignalR's user = the account id claim). Clients send nothing.
/// </summary>
[Authorize]
public sealed class NotificationsHub : Hub
{
    public const string Path = "/hubs/notifications";
    public const string NotificationMethod = "notification";
    public const string ChangedMethod = "changed";
}
