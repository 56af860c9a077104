namespace Jiexin.Modules.Events.Contracts;

/// <summary>An event as a registry person's or house's page lists it (staff linked it to the record).</summary>
public sealed record RegistryLinkedEvent(Guid Id, string TrackingCode, string? CategoryName, string StatusName, DateTime CreatedAt, string Summary);

/// <summary>The events linked to a registry person (信息数据核查库 ↔ 事件). Scope stays with the caller.</summary>
public interface IEventsOfRegistry
{
    Task<IReadOnlyList<RegistryLinkedEvent>> ForPersonAsync(Guid personId, CancellationToken ct);

    /// <summary>The events linked to a standard address or to a house (a house page passes both: its own id and its address's).</summary>
    Task<IReadOnlyList<RegistryLinkedEvent>> ForPlaceAsync(Guid? addressId, Guid? houseId, CancellationToken ct);
}
