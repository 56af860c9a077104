using Jiexin.Modules.ServiceLists.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Modules.ServiceLists.Data;

internal sealed class SecretaryProjectConfiguration : IEntityTypeConfiguration<SecretaryProject>
{
    public void Configure(EntityTypeBuilder<SecretaryProject> b)
    {
        b.ToTable("lists_secretary_projects");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Tier).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Title).HasMaxLength(100);
        b.Property(x => x.SecretaryName).HasMaxLength(64);
        b.Property(x => x.Goals).HasMaxLength(4000);
        b.Property(x => x.CreatedByName).HasMaxLength(64);
        b.HasIndex(x => new { x.Year, x.CommunityId, x.GridId });
        b.HasMany(x => x.Milestones).WithOne().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Links).WithOne().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Evaluations).WithOne().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProjectMilestoneConfiguration : IEntityTypeConfiguration<ProjectMilestone>
{
    public void Configure(EntityTypeBuilder<ProjectMilestone> b)
    {
        b.ToTable("lists_project_milestones");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Title).HasMaxLength(100);
        b.Property(x => x.Note).HasMaxLength(1000);
    }
}

internal sealed class ProjectLinkConfiguration : IEntityTypeConfiguration<ProjectLink>
{
    public void Configure(EntityTypeBuilder<ProjectLink> b)
    {
        b.ToTable("lists_project_items");
        b.HasKey(x => new { x.ProjectId, x.ItemId });
        b.HasIndex(x => x.ItemId);
        b.HasOne<ListItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProjectEvaluationConfiguration : IEntityTypeConfiguration<ProjectEvaluation>
{
    public void Configure(EntityTypeBuilder<ProjectEvaluation> b)
    {
        b.ToTable("lists_project_evaluations");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Stage).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Grade).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Comment).HasMaxLength(2000);
        b.Property(x => x.EvaluatedByName).HasMaxLength(64);
        b.HasIndex(x => new { x.ProjectId, x.Stage }).IsUnique();
    }
}
