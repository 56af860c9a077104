using System.Security.Claims;

namespace Jiexin.Modules.Registry.Contracts;

/// <summary>A standard address as other modules may link to it (an event's or a dispute's place).</summary>
public sealed record RegistryAddress(Guid Id, string Label, Guid? CommunityId, Guid? GridId, double? Latitude, double? Longitude);

/// <summary>A person as other modules may link to them (a dispute's party): masked, never the full ID number or phone.</summary>
public sealed record RegistryPerson(Guid Id, string Name, string? IdNumberMasked, string? PhoneMasked, Guid? CommunityId, Guid? GridId);

/// <summary>A house (实有房屋) as other modules may link to it: the house in question of an event or a dispute.</summary>
public sealed record RegistryHouse(Guid Id, Guid AddressId, string AddressLabel, Guid? CommunityId, Guid? GridId);

/// <summary>The kinds of registry record another module may link to.</summary>
public enum RegistryRecordKind
{
    Person,
    Address,
    House,
}

/// <summary>A search hit for a link picker: a label to show (a name, an address) and masked detail (ID number, phone).</summary>
public sealed record RegistryMatch(RegistryRecordKind Kind, Guid Id, string Label, string? Detail);

/// <summary>Look-ups in the basic-data registry (信息数据核查库) for other modules. Scope checks stay with the caller's own rules.</summary>
public interface IRegistryLookup
{
    Task<RegistryAddress?> FindAddressAsync(Guid id, CancellationToken ct = default);

    /// <summary>Addresses whose label contains the text (spaces ignored), best first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<RegistryAddress>> SearchAddressesAsync(string text, int limit = 10, CancellationToken ct = default);

    Task<RegistryPerson?> FindPersonAsync(Guid id, CancellationToken ct = default);

    /// <summary>The person with this ID number (exact, through the blind index), if registered.</summary>
    Task<RegistryPerson?> FindPersonByIdNumberAsync(string idNumber, CancellationToken ct = default);

    Task<RegistryHouse?> FindHouseAsync(Guid id, CancellationToken ct = default);

    /// <summary>
    /// Records of one kind the user may see in the registry (their grid, community or the street), for a link picker:
    /// people by name, or exactly by ID number or mobile (blind index); addresses and houses by address text. Masked.
    /// </summary>
    Task<IReadOnlyList<RegistryMatch>> SearchVisibleAsync(ClaimsPrincipal user, RegistryRecordKind kind, string text, int limit = 10, CancellationToken ct = default);

    /// <summary>Whether the user may open this record in the registry (its page would not be 404 to them).</summary>
    Task<bool> CanSeeAsync(ClaimsPrincipal user, RegistryRecordKind kind, Guid id, CancellationToken ct = default);
}
