using Jiexin.Modules.Events.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Modules.Events.Data;

internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> b)
    {
        b.ToTable("events_events");
        b.Property(x => x.TrackingCode).HasMaxLength(20);
        b.HasIndex(x => x.TrackingCode).IsUnique();
        b.Property(x => x.Description).HasMaxLength(2000);
        b.Property(x => x.Address).HasMaxLength(200);
        b.Property(x => x.CategoryCode).HasMaxLength(32);
        b.Property(x => x.CategoryName).HasMaxLength(64);
        b.Property(x => x.AttributedCategoryCode).HasMaxLength(32);
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.AssigneeKind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ResolvedTier).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.IdempotencyKey).HasMaxLength(100);
        b.Property(x => x.IdempotencyHash).HasMaxLength(64);
        // One event per (submitting account, key): a retried intake finds the first event, a racing duplicate hits this index.
        b.HasIndex(x => new { x.CreatedByUserId, x.IdempotencyKey }).IsUnique();
        // The command-centre queue and the grid lists filter by these.
        b.HasIndex(x => new { x.Status, x.CreatedAt });
        b.HasIndex(x => new { x.GridId, x.Status });
        b.HasIndex(x => new { x.AssigneeKind, x.AssigneeId, x.Status });
        b.HasIndex(x => new { x.ReporterUserId, x.CreatedAt });
        b.Property(x => x.ReturnedByKind).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => new { x.ReturnedById, x.Status });
        // The deadline warnings job: due-soon and overdue scans, and finding the rows one run claimed. Warning stays
        // an int: the job compares marks by order (Warning < Overdue).
        b.HasIndex(x => x.DueAt);
        b.HasIndex(x => x.WarnAt);
        b.HasIndex(x => x.WarningClaim);
        b.HasMany(x => x.Timeline).WithOne().HasForeignKey(t => t.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EventTimelineEntryConfiguration : IEntityTypeConfiguration<EventTimelineEntry>
{
    public void Configure(EntityTypeBuilder<EventTimelineEntry> b)
    {
        b.ToTable("events_timeline");
        // Ids come from the domain (Guid v7). Never "generated": a new entry found on a loaded event's
        // timeline is then inserted, not mistaken for an existing row to update.
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Action).HasMaxLength(32);
        b.Property(x => x.FromStatus).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.ToStatus).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.ActorName).HasMaxLength(64);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.HasIndex(x => new { x.EventId, x.At });
        // Assessment (考核) reads one month of one kind of step (派单, 签收, 退单, 办结反馈, 销号) per unit.
        b.Property(x => x.UnitKind).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => new { x.Action, x.At });
    }
}
