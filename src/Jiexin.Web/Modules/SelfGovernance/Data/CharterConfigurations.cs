using Jiexin.Modules.SelfGovernance.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Modules.SelfGovernance.Data;

internal sealed class CharterConfiguration : IEntityTypeConfiguration<Charter>
{
    public void Configure(EntityTypeBuilder<Charter> b)
    {
        b.ToTable("selfgov_charters");
        b.Property(x => x.Title).HasMaxLength(100);
        b.HasIndex(x => x.CommunityId).IsUnique();
        b.HasMany(x => x.Versions).WithOne().HasForeignKey(x => x.CharterId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Amendments).WithOne().HasForeignKey(x => x.CharterId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CharterVersionConfiguration : IEntityTypeConfiguration<CharterVersion>
{
    public void Configure(EntityTypeBuilder<CharterVersion> b)
    {
        b.ToTable("selfgov_charter_versions");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Text).HasMaxLength(20000);
        b.HasIndex(x => new { x.CharterId, x.Number }).IsUnique();
    }
}

internal sealed class CharterAmendmentConfiguration : IEntityTypeConfiguration<CharterAmendment>
{
    public void Configure(EntityTypeBuilder<CharterAmendment> b)
    {
        b.ToTable("selfgov_charter_amendments");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Title).HasMaxLength(100);
        b.Property(x => x.Text).HasMaxLength(20000);
        b.Property(x => x.Rationale).HasMaxLength(2000);
        b.Property(x => x.ProposedBy).HasMaxLength(100);
        b.Property(x => x.Discussion).HasMaxLength(20000);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
    }
}
