using Jiexin.Modules.Disputes.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Modules.Disputes.Data;

internal sealed class DisputeOverdueFlagConfiguration : IEntityTypeConfiguration<DisputeOverdueFlag>
{
    public void Configure(EntityTypeBuilder<DisputeOverdueFlag> b)
    {
        b.ToTable("disputes_overdue_flags");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        // Once per item and kind, whichever instance's job gets there first.
        b.HasIndex(x => new { x.Kind, x.SubjectId }).IsUnique();
        b.HasIndex(x => x.DisputeId);
    }
}
