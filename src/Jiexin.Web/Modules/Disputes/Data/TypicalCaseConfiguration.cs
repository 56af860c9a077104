using Jiexin.Modules.Disputes.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Modules.Disputes.Data;

internal sealed class TypicalCaseConfiguration : IEntityTypeConfiguration<TypicalCase>
{
    public void Configure(EntityTypeBuilder<TypicalCase> b)
    {
        b.ToTable("disputes_typical_cases");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.HasIndex(x => x.DisputeId).IsUnique();
        b.HasOne<Dispute>().WithMany().HasForeignKey(x => x.DisputeId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Title).HasMaxLength(100);
        b.Property(x => x.Facts).HasMaxLength(4000);
        b.Property(x => x.Process).HasMaxLength(8000);
        b.Property(x => x.Result).HasMaxLength(4000);
        b.Property(x => x.MethodNotes).HasMaxLength(4000);
        b.Property(x => x.TypeCode).HasMaxLength(32);
        b.Property(x => x.TypeName).HasMaxLength(32);
        b.Property(x => x.MethodTags).HasMaxLength(500);
        b.Property(x => x.Words).HasMaxLength(4000);
        b.Property(x => x.ProposedBy).HasMaxLength(100);
        b.Property(x => x.ReviewedBy).HasMaxLength(100);
        b.Property(x => x.UnpublishReason).HasMaxLength(500);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => new { x.Status, x.PublishedAt });
    }
}
