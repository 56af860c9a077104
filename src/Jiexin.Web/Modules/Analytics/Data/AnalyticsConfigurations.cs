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

internal sealed class MonthlyAnalysisReportConfiguration : IEntityTypeConfiguration<MonthlyAnalysisReport>
{
    public void Configure(EntityTypeBuilder<MonthlyAnalysisReport> b)
    {
        b.ToTable("analytics_monthly_reports");
        b.Property(x => x.Month).HasMaxLength(7);
        // One report per month and scope: two editors creating it at once → one wins, the other gets 409.
        b.HasIndex(x => new { x.Month, x.ScopeKind, x.ScopeId }).IsUnique();
        foreach (var text in new[] { nameof(MonthlyAnalysisReport.OverallSituation), nameof(MonthlyAnalysisReport.ProminentIssues), nameof(MonthlyAnalysisReport.RiskAssessment), nameof(MonthlyAnalysisReport.NextSteps) })
        {
            b.Property<string>(text).HasMaxLength(MonthlyAnalysisReport.CommentaryMaxLength);
        }

        b.Property(x => x.UpdatedByName).HasMaxLength(100);
        b.Property(x => x.FinalisedByName).HasMaxLength(100);
    }
}
