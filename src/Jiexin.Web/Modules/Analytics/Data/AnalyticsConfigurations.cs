using Jiexin.Modules.Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Modules.Analytics.Data;

internal sealed class EventFigureDeltaConfiguration : IEntityTypeConfiguration<EventFigureDelta>
{
    public void Configure(EntityTypeBuilder<EventFigureDelta> b)
    {
        b.ToTable("analytics_event_deltas");
        b.Property(x => x.Id).ValueGeneratedOnAdd();
        b.Property(x => x.Category).HasMaxLength(8);
    }
}

internal sealed class EventFigureBucketConfiguration : IEntityTypeConfiguration<EventFigureBucket>
{
    public void Configure(EntityTypeBuilder<EventFigureBucket> b)
    {
        b.ToTable("analytics_event_buckets");
        // The key the fold upserts on; ranges of (grain, measure, day) are what the overview reads.
        b.HasKey(x => new { x.Grain, x.Measure, x.Day, x.CommunityId, x.GridId, x.DepartmentId, x.Category, x.Tier });
        b.Property(x => x.Category).HasMaxLength(8);
        // Covering: the overview's sums read the index alone, never the table.
        b.HasIndex(x => new { x.Grain, x.Measure, x.Day, x.CommunityId, x.GridId, x.DepartmentId, x.Category, x.Tier, x.Count })
            .HasDatabaseName("IX_analytics_event_buckets_covering");
    }
}
