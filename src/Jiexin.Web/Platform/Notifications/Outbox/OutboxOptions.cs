namespace Jiexin.Platform.Notifications.Outbox;

/// <summary><c>Jiexin:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Jiexin:Outbox";

    /// <summary>Off in tests that deliver by calling <see cref="OutboxDispatcher.RunOnceAsync"/> themselves.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between polls when nothing wakes the dispatcher (a save on this instance wakes it at once).</summary>
    public int PollSeconds { get; set; } = 5;

    public int BatchSize { get; set; } = 50;

    /// <summary>How long a claimed batch is this instance's; after that another instance may take it over.</summary>
    public int LeaseSeconds { get; set; } = 120;

    public int MaxAttempts { get; set; } = 10;
}
