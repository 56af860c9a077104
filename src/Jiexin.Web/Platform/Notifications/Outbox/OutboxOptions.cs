namespace Jiexin.Platform.Notifications.Outbox;

/// <summary><c>Jiexin:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Jiexin:Outbox";

    /// <summary>Off in tests that deliver by calling <see cref="OutboxDispatcher.RunOnceAsync"/> themselves.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between polls when nothing wakes the dispatcher (a save on this instance wakes it at once).</summary>
    public int PollSeconds { get; set; } = 5;

    /// <summary>At most this many rows per batch (at 1,500 reports/s, a 250 ms gather brings ~400).</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>After a batch that did not fill, how long to let new messages gather before the next one (0: at once).</summary>
    public int GatherMilliseconds { get; set; } = 250;

    /// <summary>How long a claimed batch is this instance's; after that another instance may take it over.</summary>
    public int LeaseSeconds { get; set; } = 120;

    public int MaxAttempts { get; set; } = 10;

    /// <summary>Delivered rows older than this many days are deleted by <see cref="PurgeDeliveredOutboxJob"/>.</summary>
    public int RetentionDays { get; set; } = 30;
}
