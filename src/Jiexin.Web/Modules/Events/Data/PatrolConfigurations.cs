using Jiexin.Modules.Events.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Modules.Events.Data;

internal sealed class PatrolConfiguration : IEntityTypeConfiguration<Patrol>
{
    public void Configure(EntityTypeBuilder<Patrol> b)
    {
        b.ToTable("events_patrols");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.GridWorkerName).HasMaxLength(64);
        b.Property(x => x.Note).HasMaxLength(500);
        // "My patrol under way" and the per-worker statistics over a date range.
        b.HasIndex(x => new { x.GridWorkerUserId, x.StartedAt });
        b.HasIndex(x => new { x.GridId, x.StartedAt });
    }
}

internal sealed class PatrolPointConfiguration : IEntityTypeConfiguration<PatrolPoint>
{
    public void Configure(EntityTypeBuilder<PatrolPoint> b)
    {
        b.ToTable("events_patrol_points");
        b.HasIndex(x => new { x.PatrolId, x.RecordedAt });
        b.HasOne<Patrol>().WithMany().HasForeignKey(x => x.PatrolId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> b)
    {
        b.ToTable("events_visits");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.GridWorkerName).HasMaxLength(64);
        b.Property(x => x.Household).HasMaxLength(200);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.Property(x => x.IdempotencyKey).HasMaxLength(100);
        b.HasIndex(x => new { x.GridWorkerUserId, x.IdempotencyKey }).IsUnique();
        b.HasIndex(x => new { x.GridWorkerUserId, x.VisitedAt });
        b.HasIndex(x => new { x.GridId, x.VisitedAt });
    }
}
