namespace Jiexin.Platform.Notifications.Outbox;

/// <summary>Delivers the outbox messages of one <see cref="Type"/>. Called at least once per message: be idempotent.</summary>
public interface IOutboxHandler
{
    string Type { get; }

    Task HandleAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>
/// A handler that can deliver many messages of its type at once (shared look-ups, one write). All or nothing as far as
/// the dispatcher is concerned: when it throws, the dispatcher hands the messages to <see cref="IOutboxHandler.HandleAsync"/>
/// one by one, so only the failing message is retried and backed off. Being idempotent, it may find some of them done.
/// </summary>
public interface IBatchOutboxHandler : IOutboxHandler
{
    Task HandleBatchAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken ct);
}
