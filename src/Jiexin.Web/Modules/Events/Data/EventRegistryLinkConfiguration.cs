using Jiexin.Modules.Events.RegistryLinks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Modules.Events.Data;

internal sealed class EventRegistryLinkConfiguration : IEntityTypeConfiguration<EventRegistryLink>
{
    public void Configure(EntityTypeBuilder<EventRegistryLink> b)
    {
        b.ToTable("event_registry_links");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.LinkedByName).HasMaxLength(64);
        b.HasOne<Domain.Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.EventId, x.PersonId, x.AddressId, x.HouseId }).IsUnique();
        // A person's (a house's, an address's) page lists their events.
        b.HasIndex(x => x.PersonId);
        b.HasIndex(x => x.AddressId);
        b.HasIndex(x => x.HouseId);
    }
}
