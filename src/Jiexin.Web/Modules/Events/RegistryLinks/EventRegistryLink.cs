namespace Jiexin.Modules.Events.RegistryLinks;

/// <summary>An event linked to a person or a standard address of the registry (who it concerns, where exactly).</summary>
public sealed class EventRegistryLink
{
    public Guid Id { get; set; }

    public Guid EventId { get; set; }

    public Guid? PersonId { get; set; }

    public Guid? AddressId { get; set; }

    public DateTime LinkedAt { get; set; }

    public Guid? LinkedBy { get; set; }

    public string? LinkedByName { get; set; }
}
