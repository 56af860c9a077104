namespace Jiexin.Platform.Notifications.Outbox;

/// <summary>Delivers the outbox messages of one <see cref="Type"/>. Called at least once per message: be idempotent.</summary>
public interface IOutboxHandler
{
    string Type { get; }

    Task HandleAsync(OutboxMessage message, CancellationToken ct);
}
