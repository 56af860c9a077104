using Jiexin.Modules.Attribution.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Modules.Attribution.Data;

internal sealed class AttributionCategoryConfiguration : IEntityTypeConfiguration<AttributionCategory>
{
    public void Configure(EntityTypeBuilder<AttributionCategory> b)
    {
        b.ToTable("attribution_categories");
        b.Property(x => x.Code).HasMaxLength(16);
        b.Property(x => x.Name).HasMaxLength(32);
        b.Property(x => x.EnglishName).HasMaxLength(64);
        b.Property(x => x.Icon).HasMaxLength(16);
        b.Property(x => x.Phrases).HasMaxLength(4000);
        b.Property(x => x.Label).HasMaxLength(16);
        b.Property(x => x.DefaultDepartmentShortName).HasMaxLength(16);
        b.Ignore(x => x.IsSubcategory);
        b.HasIndex(x => x.Code).IsUnique();
        b.HasIndex(x => x.ParentId);
        b.HasOne<AttributionCategory>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RoutingRuleConfiguration : IEntityTypeConfiguration<RoutingRule>
{
    public void Configure(EntityTypeBuilder<RoutingRule> b)
    {
        b.ToTable("attribution_routing_rules");
        b.Property(x => x.CategoryCode).HasMaxLength(16);
        b.Property(x => x.Note).HasMaxLength(200);
        // Community, grid and department belong to Territory: referred to by id, checked by the app, no foreign key
        // across modules.
        b.HasIndex(x => x.CategoryCode);
    }
}

internal sealed class ModelTrainingRunConfiguration : IEntityTypeConfiguration<ModelTrainingRun>
{
    public void Configure(EntityTypeBuilder<ModelTrainingRun> b)
    {
        b.ToTable("attribution_training_runs");
        b.Property(x => x.Trigger).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.RequestedBy).HasMaxLength(64);
        b.Property(x => x.Stage).HasMaxLength(32);
        b.Property(x => x.CurrentModel).HasMaxLength(64);
        b.Property(x => x.CandidateModel).HasMaxLength(64);
        b.Property(x => x.Message).HasMaxLength(500);
        b.HasIndex(x => x.StartedAt);
    }
}

internal sealed class ModelRetrainStateConfiguration : IEntityTypeConfiguration<ModelRetrainState>
{
    public void Configure(EntityTypeBuilder<ModelRetrainState> b)
    {
        b.ToTable("attribution_model_state");
        b.Property(x => x.Id).HasMaxLength(32);
        b.Property(x => x.ModelName).HasMaxLength(64);
    }
}
