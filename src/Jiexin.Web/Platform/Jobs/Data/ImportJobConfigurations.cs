using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Platform.Jobs.Data;

internal sealed class ImportJobRowConfiguration : IEntityTypeConfiguration<ImportJobRow>
{
    public void Configure(EntityTypeBuilder<ImportJobRow> b)
    {
        b.ToTable("platform_import_jobs");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Kind).HasMaxLength(ImportJobRow.KindMaxLength);
        b.Property(x => x.FileName).HasMaxLength(ImportJobRow.FileNameMaxLength);
        b.Property(x => x.State).HasMaxLength(ImportJobRow.StateMaxLength);
        b.Property(x => x.Message).HasMaxLength(ImportJobRow.MessageMaxLength);
        b.Property(x => x.Command).HasMaxLength(ImportJobRow.CommandMaxLength);
        b.Property(x => x.Holder).HasMaxLength(JobLease.HolderMaxLength);
        // The sweep's two scans: unfinished jobs by lease, finished jobs by age.
        b.HasIndex(x => new { x.FinishedAt, x.LeasedUntil });
        b.HasIndex(x => x.UserId);
        b.HasOne<ImportJobReport>().WithOne().HasForeignKey<ImportJobReport>(r => r.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportJobReportConfiguration : IEntityTypeConfiguration<ImportJobReport>
{
    public void Configure(EntityTypeBuilder<ImportJobReport> b)
    {
        b.ToTable("platform_import_job_reports");
        b.HasKey(x => x.JobId);
    }
}
