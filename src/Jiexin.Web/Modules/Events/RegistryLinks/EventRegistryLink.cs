namespace Jiexin.Modules.Events.RegistryLinks;

/// <summary>An event linked to a person, a standard address or a house of the registry (who it concerns, where exactly).</summary>
public sealed class EventRegistryLink
{
    public Guid Id { get; set; }

    public Guid EventId { get; set; }

    public Guid? PersonId { get; set; }

    public Guid? AddressId { get; set; }

    /// <summary>实有房屋: the house in question (a leaking roof, a rented room); exactly one of person, address, house is set.</summary>
    public Guid? HouseId { get; set; }

    public DateTime LinkedAt { get; set; }

    public Guid? LinkedBy { get; set; }

    public string? LinkedByName { get; set; }
}
