using Jiexin.Modules.Events.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Modules.Events.Data;

internal sealed class EventSummonsConfiguration : IEntityTypeConfiguration<EventSummons>
{
    public void Configure(EntityTypeBuilder<EventSummons> b)
    {
        b.ToTable("events_summons");
        // Ids come from the domain; a new row on a loaded event is inserted, never mistaken for an update.
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.PartNote).HasMaxLength(1000);
        b.HasOne<Event>().WithMany(e => e.Summons).HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.EventId, x.DepartmentId });
        // Assessment lists check-ins per department over a period.
        b.HasIndex(x => new { x.DepartmentId, x.SummonedAt });
    }
}

internal sealed class SupervisionNoticeConfiguration : IEntityTypeConfiguration<SupervisionNotice>
{
    public void Configure(EntityTypeBuilder<SupervisionNotice> b)
    {
        b.ToTable("events_supervision_notices");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Text).HasMaxLength(1000);
        b.Property(x => x.Reply).HasMaxLength(1000);
        b.Property(x => x.IssuedByName).HasMaxLength(64);
        b.Property(x => x.RepliedByName).HasMaxLength(64);
        b.Property(x => x.TargetKind).HasConversion<string>().HasMaxLength(16);
        b.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.EventId, x.IssuedAt });
        // "Open notices addressed to my unit".
        b.HasIndex(x => new { x.TargetKind, x.TargetId, x.RepliedAt });
    }
}

internal sealed class EventFeedbackConfiguration : IEntityTypeConfiguration<EventFeedback>
{
    public void Configure(EntityTypeBuilder<EventFeedback> b)
    {
        b.ToTable("events_feedback");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Comment).HasMaxLength(500);
        b.Property(x => x.ReviewNote).HasMaxLength(1000);
        b.Property(x => x.Review).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.AssigneeKind).HasConversion<string>().HasMaxLength(16);
        b.Ignore(x => x.IsDissatisfied);
        b.HasOne<Event>().WithMany(e => e.Feedback).HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        // One verdict per closing: a rating and the "no feedback" job racing for the same closing cannot both land.
        b.HasIndex(x => new { x.EventId, x.ClosedAt }).IsUnique();
        // Assessment (考核) reads the verdicts recorded in one month.
        b.HasIndex(x => x.RecordedAt);
    }
}
