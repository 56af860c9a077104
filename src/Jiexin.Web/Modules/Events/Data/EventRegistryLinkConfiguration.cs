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
        // One link per event and record. A link names exactly one record and the other two are NULL, and NULLs are
        // distinct in a unique index, so each kind has its own partial index (same SQL on SQLite and PostgreSQL).
        // The leading EventId also serves the event page's list.
        b.HasIndex(x => new { x.EventId, x.PersonId }).IsUnique().HasFilter("\"PersonId\" IS NOT NULL");
        b.HasIndex(x => new { x.EventId, x.AddressId }).IsUnique().HasFilter("\"AddressId\" IS NOT NULL");
        b.HasIndex(x => new { x.EventId, x.HouseId }).IsUnique().HasFilter("\"HouseId\" IS NOT NULL");
        // A person's (a house's, an address's) page lists their events.
        b.HasIndex(x => x.PersonId);
        b.HasIndex(x => x.AddressId);
        b.HasIndex(x => x.HouseId);
    }
}
