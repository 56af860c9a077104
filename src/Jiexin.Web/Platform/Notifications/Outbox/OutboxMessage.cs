using Jiexin.Platform.Audit;

namespace Jiexin.Platform.Notifications.Outbox;

/// <summary>
/// One message to deliver after the change that caused it has committed: written by the same SaveChanges (hence the
/// same transaction) as that change, delivered later by the <see cref="OutboxDispatcher"/> at least once. Handlers must
/// be idempotent (they dedupe by <see cref="Id"/>). <see cref="DedupeKey"/> keeps one cause from enqueuing twice.
/// </summary>
[NotAudited]
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    /// <summary>Which <see cref="IOutboxHandler"/> delivers it, e.g. <see cref="NotificationMessage.OutboxType"/>.</summary>
    public required string Type { get; set; }

    /// <summary>JSON the handler reads.</summary>
    public required string Payload { get; set; }

    /// <summary>Unique: what caused the message (e.g. <c>events_timeline:{id}</c>).</summary>
    public required string DedupeKey { get; set; }

    public DateTime OccurredAt { get; set; }

    /// <summary>Not before this time (retries back off).</summary>
    public DateTime NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>The dispatcher batch working on it now (with <see cref="ClaimedUntil"/>: a lease, so a crashed instance's rows come back).</summary>
    public Guid? ClaimedBy { get; set; }

    public DateTime? ClaimedUntil { get; set; }

    public DateTime? ProcessedAt { get; set; }

    /// <summary>Set when it has failed <see cref="OutboxOptions.MaxAttempts"/> times: left for a person to look at.</summary>
    public DateTime? FailedAt { get; set; }

    public string? LastError { get; set; }
}
