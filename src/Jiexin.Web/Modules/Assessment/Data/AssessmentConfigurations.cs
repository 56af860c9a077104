using Jiexin.Modules.Assessment.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Modules.Assessment.Data;

internal sealed class AssessmentRuleSetConfiguration : IEntityTypeConfiguration<AssessmentRuleSet>
{
    public void Configure(EntityTypeBuilder<AssessmentRuleSet> b)
    {
        b.ToTable("assessment_rule_sets");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Note).HasMaxLength(500);
        b.Property(x => x.CreatedByName).HasMaxLength(64);
        // Two admins saving at once: the second gets a conflict rather than a duplicate version number.
        b.HasIndex(x => x.Number).IsUnique();
    }
}

internal sealed class AssessmentMonthConfiguration : IEntityTypeConfiguration<AssessmentMonth>
{
    public void Configure(EntityTypeBuilder<AssessmentMonth> b)
    {
        b.ToTable("assessment_months");
        // The key makes closing a month once a database guarantee (two instances, job and button racing).
        b.HasKey(x => x.Month);
        b.Property(x => x.Month).HasMaxLength(7);
        b.Property(x => x.ClosedByName).HasMaxLength(64);
        b.HasOne<AssessmentRuleSet>().WithMany().HasForeignKey(x => x.RuleSetId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AssessmentResultConfiguration : IEntityTypeConfiguration<AssessmentResult>
{
    public void Configure(EntityTypeBuilder<AssessmentResult> b)
    {
        b.ToTable("assessment_results");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Month).HasMaxLength(7);
        b.Property(x => x.UnitKind).HasConversion<string>().HasMaxLength(16);
        b.HasOne<AssessmentMonth>().WithMany().HasForeignKey(x => x.Month).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.Month, x.UnitKind, x.UnitId }).IsUnique();
        // The trend of one unit over the last months.
        b.HasIndex(x => new { x.UnitKind, x.UnitId, x.Month });
    }
}

internal sealed class LeaderAreaConfiguration : IEntityTypeConfiguration<LeaderArea>
{
    public void Configure(EntityTypeBuilder<LeaderArea> b)
    {
        b.ToTable("assessment_leader_areas");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.LeaderName).HasMaxLength(64);
        b.Property(x => x.AssignedByName).HasMaxLength(64);
        b.Property(x => x.UnitKind).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => new { x.LeaderUserId, x.UnitKind, x.UnitId }).IsUnique();
    }
}
