namespace Jiexin.Modules.Registry.Contracts;

/// <summary>A standard address as other modules may link to it (an event's or a dispute's place).</summary>
public sealed record RegistryAddress(Guid Id, string Label, Guid? CommunityId, Guid? GridId, double? Latitude, double? Longitude);

/// <summary>A person as other modules may link to them (a dispute's party): masked, never the full ID number or phone.</summary>
public sealed record RegistryPerson(Guid Id, string Name, string? IdNumberMasked, string? PhoneMasked, Guid? CommunityId, Guid? GridId);

/// <summary>Look-ups in the basic-data registry (信息数据核查库) for other modules. Scope checks stay with the caller's own rules.</summary>
public interface IRegistryLookup
{
    Task<RegistryAddress?> FindAddressAsync(Guid id, CancellationToken ct = default);

    /// <summary>Addresses whose label contains the text (spaces ignored), best first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<RegistryAddress>> SearchAddressesAsync(string text, int limit = 10, CancellationToken ct = default);

    Task<RegistryPerson?> FindPersonAsync(Guid id, CancellationToken ct = default);

    /// <summary>The person with this ID number (exact, through the blind index), if registered.</summary>
    Task<RegistryPerson?> FindPersonByIdNumberAsync(string idNumber, CancellationToken ct = default);
}
