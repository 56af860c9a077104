namespace Jiexin.Modules.Disputes.Contracts;

/// <summary>A dispute as a registry person's page lists it (they are a party).</summary>
public sealed record RegistryLinkedDispute(Guid Id, string CaseNumber, string TypeName, string StatusName, string Role, DateTime ReceivedAt);

/// <summary>The disputes in which a registry person is a party (linked at intake by ID number). Scope stays with the caller.</summary>
public interface IDisputesOfRegistry
{
    Task<IReadOnlyList<RegistryLinkedDispute>> ForPersonAsync(Guid personId, CancellationToken ct);

    /// <summary>The disputes that happened at a standard address or concern a house (Role says which: 发生地址 / 所涉房屋).</summary>
    Task<IReadOnlyList<RegistryLinkedDispute>> ForPlaceAsync(Guid? addressId, Guid? houseId, CancellationToken ct);
}
