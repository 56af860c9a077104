using Jiexin.Platform.Audit;

namespace Jiexin.Platform.Notifications;

/// <summary>An in-app notification of one account (the bell). One per outbox message and account: redelivery adds nothing.</summary>
[NotAudited]
public sealed class UserNotification
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    /// <summary>The outbox message it came from (unique with <see cref="UserId"/>: the dedupe key of in-app delivery).</summary>
    public Guid OutboxMessageId { get; set; }

    public NotificationKind Kind { get; set; }

    public required string Title { get; set; }

    public required string Body { get; set; }

    public string? Link { get; set; }

    public string? SubjectType { get; set; }

    public Guid? SubjectId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }
}

/// <summary>One message sent through an external channel (SMS, WeChat): the record that stops a retry from sending it again.</summary>
[NotAudited]
public sealed class NotificationDelivery
{
    public Guid Id { get; set; }

    /// <summary>Unique: <c>{outbox message}:{channel}:{account}</c>.</summary>
    public required string DedupeKey { get; set; }

    public NotificationChannels Channel { get; set; }

    public Guid UserId { get; set; }

    public DateTime SentAt { get; set; }
}
