namespace Jiexin.Platform.Notifications.Delivery;

/// <summary>One message to one person on an external channel.</summary>
/// <param name="DedupeKey">The same for every retry of this message to this person: pass it to the provider as its idempotency key.</param>
public sealed record OutgoingMessage(string DedupeKey, Guid UserId, string? PhoneNumber, string Title, string Body, string? Link);

/// <summary>
/// An external channel (SMS gateway, WeChat subscription / template messages). Jiexin ships logging implementations
/// only; a deployment registers real ones. Throwing means "not sent": the outbox retries later.
/// </summary>
public interface INotificationSender
{
    NotificationChannels Channel { get; }

    Task SendAsync(OutgoingMessage message, CancellationToken ct);
}

/// <summary>SMS that only writes a log line (no gateway is called). The phone number is masked.</summary>
public sealed class LoggingSmsSender(ILogger<LoggingSmsSender> log) : INotificationSender
{
    public NotificationChannels Channel => NotificationChannels.Sms;

    public Task SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        log.LogInformation("SMS (not sent, logging sender) to {Phone} [{Key}]: {Title} {Body}",
            Mask(message.PhoneNumber), message.DedupeKey, message.Title, message.Body);
        return Task.CompletedTask;
    }

    internal static string Mask(string? phone) =>
        string.IsNullOrEmpty(phone) ? "(无手机号)" : phone.Length <= 7 ? "***" : string.Concat(phone.AsSpan(0, 3), "****", phone.AsSpan(phone.Length - 4));
}

/// <summary>WeChat message that only writes a log line (no WeChat API is called).</summary>
public sealed class LoggingWeChatSender(ILogger<LoggingWeChatSender> log) : INotificationSender
{
    public NotificationChannels Channel => NotificationChannels.WeChat;

    public Task SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        log.LogInformation("WeChat (not sent, logging sender) to user {User} [{Key}]: {Title} {Body} {Link}",
            message.UserId, message.DedupeKey, message.Title, message.Body, message.Link);
        return Task.CompletedTask;
    }
}
