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
