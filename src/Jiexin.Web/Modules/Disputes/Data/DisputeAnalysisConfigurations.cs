using Jiexin.Modules.Disputes.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Modules.Disputes.Data;

internal sealed class DisputeAnalysisMeetingConfiguration : IEntityTypeConfiguration<DisputeAnalysisMeeting>
{
    public void Configure(EntityTypeBuilder<DisputeAnalysisMeeting> b)
    {
        b.ToTable("disputes_analysis_meetings");
        b.Property(x => x.Month).HasMaxLength(7);
        b.Property(x => x.Participants).HasMaxLength(DisputeAnalysisMeeting.TextMaxLength);
        b.Property(x => x.Conclusions).HasMaxLength(DisputeAnalysisMeeting.TextMaxLength);
        b.Property(x => x.UpdatedByName).HasMaxLength(100);
        // One meeting per month and scope; a concurrent first save loses here (409).
        b.HasIndex(x => new { x.Month, x.ScopeId }).IsUnique();
    }
}

internal sealed class DisputeAnalysisMeasureConfiguration : IEntityTypeConfiguration<DisputeAnalysisMeasure>
{
    public void Configure(EntityTypeBuilder<DisputeAnalysisMeasure> b)
    {
        b.ToTable("disputes_analysis_measures");
        b.Property(x => x.Month).HasMaxLength(7);
        b.Property(x => x.Content).HasMaxLength(DisputeAnalysisMeasure.ContentMaxLength);
        b.Property(x => x.OwnerUnit).HasMaxLength(100);
        b.Property(x => x.DoneNote).HasMaxLength(DisputeAnalysisMeasure.ContentMaxLength);
        b.Property(x => x.CreatedByName).HasMaxLength(100);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(8);
        b.HasIndex(x => new { x.ScopeId, x.Month });
    }
}

internal sealed class UrgentReportConfiguration : IEntityTypeConfiguration<UrgentReport>
{
    public void Configure(EntityTypeBuilder<UrgentReport> b)
    {
        b.ToTable("disputes_urgent_reports");
        b.Property(x => x.Title).HasMaxLength(UrgentReport.TitleMaxLength);
        b.Property(x => x.Facts).HasMaxLength(UrgentReport.TextMaxLength);
        b.Property(x => x.MeasuresTaken).HasMaxLength(UrgentReport.TextMaxLength);
        b.Property(x => x.Level).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ReportedByName).HasMaxLength(100);
        b.Property(x => x.AcknowledgedByName).HasMaxLength(100);
        b.HasIndex(x => x.ReportedAt);
        b.HasIndex(x => new { x.CommunityId, x.ReportedAt });
    }
}
