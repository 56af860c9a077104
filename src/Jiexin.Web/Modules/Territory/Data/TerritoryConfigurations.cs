using Jiexin.Modules.Territory.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Modules.Territory.Data;

internal sealed class StreetConfiguration : IEntityTypeConfiguration<Street>
{
    public void Configure(EntityTypeBuilder<Street> b)
    {
        b.ToTable("territory_streets");
        b.Property(x => x.Name).HasMaxLength(64);
        b.Property(x => x.Code).HasMaxLength(32);
    }
}

internal sealed class CommunityConfiguration : IEntityTypeConfiguration<Community>
{
    public void Configure(EntityTypeBuilder<Community> b)
    {
        b.ToTable("territory_communities");
        b.Property(x => x.Name).HasMaxLength(64);
        b.Property(x => x.Code).HasMaxLength(32);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => new { x.StreetId, x.Name }).IsUnique();
        b.HasOne<Street>().WithMany().HasForeignKey(x => x.StreetId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GridConfiguration : IEntityTypeConfiguration<Grid>
{
    public void Configure(EntityTypeBuilder<Grid> b)
    {
        b.ToTable("territory_grids");
        b.Property(x => x.Name).HasMaxLength(64);
        b.Property(x => x.Code).HasMaxLength(32);
        b.HasIndex(x => new { x.CommunityId, x.Name }).IsUnique();
        b.HasOne<Community>().WithMany().HasForeignKey(x => x.CommunityId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.ToTable("territory_departments");
        b.Property(x => x.Name).HasMaxLength(64);
        b.Property(x => x.ShortName).HasMaxLength(16);
        b.Property(x => x.Phone).HasMaxLength(32);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        b.HasIndex(x => new { x.StreetId, x.Name }).IsUnique();
        b.HasOne<Street>().WithMany().HasForeignKey(x => x.StreetId).OnDelete(DeleteBehavior.Restrict);
    }
}
