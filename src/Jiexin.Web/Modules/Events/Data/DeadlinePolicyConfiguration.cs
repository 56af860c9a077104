using Jiexin.Modules.Events.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Modules.Events.Data;

internal sealed class DeadlinePolicyConfiguration : IEntityTypeConfiguration<DeadlinePolicy>
{
    public void Configure(EntityTypeBuilder<DeadlinePolicy> b)
    {
        b.ToTable("events_deadline_policies");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.CategoryCode).HasMaxLength(8);
        b.Property(x => x.Tier).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Unit).HasConversion<string>().HasMaxLength(16);
        // One row per (大类, tier); the default row has no category. (NULLs are distinct in a unique index on both
        // providers, so the handler keeps the default row unique itself.)
        b.HasIndex(x => new { x.CategoryCode, x.Tier }).IsUnique();
    }
}
