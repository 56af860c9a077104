using Jiexin.Modules.SelfGovernance.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Modules.SelfGovernance.Data;

internal sealed class HouseholdGroupConfiguration : IEntityTypeConfiguration<HouseholdGroup>
{
    public void Configure(EntityTypeBuilder<HouseholdGroup> b)
    {
        b.ToTable("selfgov_household_groups");
        b.Property(x => x.Name).HasMaxLength(50);
        b.Property(x => x.LeaderName).HasMaxLength(50);
        b.Property(x => x.ZonePolygon).HasMaxLength(20000);
        b.Property(x => x.ZoneAddresses).HasMaxLength(4000);
        b.Property(x => x.ZoneKind).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => new { x.CommunityId, x.Name }).IsUnique();
        b.HasMany(x => x.Households).WithOne().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Tasks).WithOne().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Activities).WithOne().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GroupHouseholdConfiguration : IEntityTypeConfiguration<GroupHousehold>
{
    public void Configure(EntityTypeBuilder<GroupHousehold> b)
    {
        b.ToTable("selfgov_group_households");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Address).HasMaxLength(200);
        b.Property(x => x.Label).HasMaxLength(50);
        b.Property(x => x.SortKey).HasMaxLength(300);
        b.HasIndex(x => new { x.GroupId, x.SortKey });
    }
}

internal sealed class GroupTaskConfiguration : IEntityTypeConfiguration<GroupTask>
{
    public void Configure(EntityTypeBuilder<GroupTask> b)
    {
        b.ToTable("selfgov_group_tasks");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Outcome).HasMaxLength(1000);
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class GroupActivityConfiguration : IEntityTypeConfiguration<GroupActivity>
{
    public void Configure(EntityTypeBuilder<GroupActivity> b)
    {
        b.ToTable("selfgov_group_activities");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Title).HasMaxLength(100);
        b.Property(x => x.Description).HasMaxLength(2000);
        b.Property(x => x.RecordedBy).HasMaxLength(100);
    }
}
