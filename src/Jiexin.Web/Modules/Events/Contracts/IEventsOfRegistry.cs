namespace Jiexin.Modules.Events.Contracts;

/// <summary>An event as a registry person's page lists it (the person was linked to it by staff).</summary>
public sealed record RegistryLinkedEvent(Guid Id, string TrackingCode, string? CategoryName, string StatusName, DateTime CreatedAt, string Summary);

/// <summary>The events linked to a registry person (信息数据核查库 ↔ 事件). Scope stays with the caller.</summary>
public interface IEventsOfRegistry
{
    Task<IReadOnlyList<RegistryLinkedEvent>> ForPersonAsync(Guid personId, CancellationToken ct);
}
