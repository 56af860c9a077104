using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Platform.Jobs;

/// <summary>
/// Which instance runs a job right now (<see cref="Holder"/> until <see cref="LeasedUntil"/>), and how its last run
/// went: one row per job, shared by every instance on the database (docs/decisions/0031-two-nodes.md).
/// </summary>
public sealed class JobLease
{
    public const int NameMaxLength = 100;
    public const int HolderMaxLength = 200;

    public string Name { get; set; } = "";

    public string Holder { get; set; } = "";

    public DateTime LeasedUntil { get; set; }

    public DateTime? LastStartedAt { get; set; }

    public DateTime? LastFinishedAt { get; set; }

    /// <summary>Items the last finished run handled; -1 when it failed.</summary>
    public int LastHandled { get; set; }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> b)
    {
        b.ToTable("platform_job_leases");
        b.HasKey(x => x.Name);
        b.Property(x => x.Name).HasMaxLength(JobLease.NameMaxLength);
        b.Property(x => x.Holder).HasMaxLength(JobLease.HolderMaxLength);
    }
}
