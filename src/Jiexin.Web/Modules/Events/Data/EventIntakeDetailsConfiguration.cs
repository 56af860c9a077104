using Jiexin.Modules.Events.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Modules.Events.Data;

internal sealed class EventIntakeDetailsConfiguration : IEntityTypeConfiguration<EventIntakeDetails>
{
    public void Configure(EntityTypeBuilder<EventIntakeDetails> b)
    {
        b.ToTable("events_intake");
        b.HasKey(x => x.EventId);
        b.HasOne<Event>().WithOne().HasForeignKey<EventIntakeDetails>(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.ContactName).HasMaxLength(50);
        b.Property(x => x.ContactPhoneProtected).HasMaxLength(400);
        b.Property(x => x.ContactPhoneMasked).HasMaxLength(24);
        b.Property(x => x.ExternalOrderNo).HasMaxLength(50);
        // NULLs do not collide in a unique index on either provider: only hand-over orders are constrained.
        b.HasIndex(x => x.ExternalOrderNo).IsUnique();
    }
}
