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
        // The key the fold upserts on; the overview reads ranges of (grain, scope, dimension, measure, day).
        b.HasKey(x => new { x.Grain, x.ScopeKind, x.ScopeId, x.Dimension, x.Measure, x.Day, x.Value, x.Tier });
        b.Property(x => x.Value).HasMaxLength(40);
        // Covering: the overview's sums read the index alone, never the table.
        b.HasIndex(x => new { x.Grain, x.ScopeKind, x.ScopeId, x.Dimension, x.Measure, x.Day, x.Value, x.Tier, x.Count })
            .HasDatabaseName("IX_analytics_event_buckets_covering");
    }
}
