using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

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

internal sealed class EventRegistryLinkConfiguration : IEntityTypeConfiguration<EventRegistryLink>
{
    public void Configure(EntityTypeBuilder<EventRegistryLink> b)
    {
        b.ToTable("event_registry_links");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.LinkedByName).HasMaxLength(64);
        b.HasOne<Domain.Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.EventId, x.PersonId, x.AddressId }).IsUnique();
        // A person's page lists their events.
        b.HasIndex(x => x.PersonId);
        b.HasIndex(x => x.AddressId);
    }
}
