using Jiexin.Modules.SelfGovernance.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Modules.SelfGovernance.Data;

internal sealed class DeliberationVenueConfiguration : IEntityTypeConfiguration<DeliberationVenue>
{
    public void Configure(EntityTypeBuilder<DeliberationVenue> b)
    {
        b.ToTable("selfgov_venues");
        b.Property(x => x.Name).HasMaxLength(50);
        b.Property(x => x.Address).HasMaxLength(200);
        b.HasIndex(x => new { x.CommunityId, x.Name }).IsUnique();
    }
}

internal sealed class DeliberationTopicConfiguration : IEntityTypeConfiguration<DeliberationTopic>
{
    public void Configure(EntityTypeBuilder<DeliberationTopic> b)
    {
        b.ToTable("selfgov_topics");
        b.Property(x => x.Title).HasMaxLength(100);
        b.Property(x => x.Description).HasMaxLength(2000);
        b.Property(x => x.SourceRef).HasMaxLength(64);
        b.Property(x => x.SourceTitle).HasMaxLength(200);
        b.HasIndex(x => new { x.Source, x.SourceRef });
        b.Property(x => x.ProposerName).HasMaxLength(50);
        b.Property(x => x.DecisionNote).HasMaxLength(500);
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ProposerParty).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => new { x.CommunityId, x.Status, x.CreatedAt });
    }
}

internal sealed class DeliberationMeetingConfiguration : IEntityTypeConfiguration<DeliberationMeeting>
{
    public void Configure(EntityTypeBuilder<DeliberationMeeting> b)
    {
        b.ToTable("selfgov_meetings");
        b.Property(x => x.Title).HasMaxLength(100);
        b.Property(x => x.VenueName).HasMaxLength(50);
        b.Property(x => x.Minutes).HasMaxLength(8000);
        b.Property(x => x.CancelReason).HasMaxLength(500);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => new { x.CommunityId, x.ScheduledAt });
        b.HasIndex(x => new { x.Status, x.HeldAt });
        b.HasOne<DeliberationVenue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Agenda).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Attendees).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Resolutions).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeetingAgendaItemConfiguration : IEntityTypeConfiguration<MeetingAgendaItem>
{
    public void Configure(EntityTypeBuilder<MeetingAgendaItem> b)
    {
        b.ToTable("selfgov_meeting_agenda");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.HasOne(x => x.Topic).WithMany().HasForeignKey(x => x.TopicId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.MeetingId, x.TopicId }).IsUnique();
    }
}

internal sealed class MeetingAttendeeConfiguration : IEntityTypeConfiguration<MeetingAttendee>
{
    public void Configure(EntityTypeBuilder<MeetingAttendee> b)
    {
        b.ToTable("selfgov_meeting_attendees");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(50);
        b.Property(x => x.Party).HasConversion<string>().HasMaxLength(24);
    }
}

internal sealed class ResolutionConfiguration : IEntityTypeConfiguration<Resolution>
{
    public void Configure(EntityTypeBuilder<Resolution> b)
    {
        b.ToTable("selfgov_resolutions");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Text).HasMaxLength(2000);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        // The H5 notice list and the monthly figures.
        b.HasIndex(x => new { x.CommunityId, x.PublishedAt });
        b.HasIndex(x => new { x.Status, x.CarriedOutAt });
        b.HasMany(x => x.Votes).WithOne().HasForeignKey(x => x.ResolutionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Tasks).WithOne().HasForeignKey(x => x.ResolutionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ResolutionVoteConfiguration : IEntityTypeConfiguration<ResolutionVote>
{
    public void Configure(EntityTypeBuilder<ResolutionVote> b)
    {
        b.ToTable("selfgov_resolution_votes");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.VoterName).HasMaxLength(50);
        b.Property(x => x.Party).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Choice).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => new { x.ResolutionId, x.Party }).IsUnique();
    }
}

internal sealed class ResolutionTaskConfiguration : IEntityTypeConfiguration<ResolutionTask>
{
    public void Configure(EntityTypeBuilder<ResolutionTask> b)
    {
        b.ToTable("selfgov_resolution_tasks");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.OwnerName).HasMaxLength(50);
        b.Property(x => x.Outcome).HasMaxLength(1000);
        b.Property(x => x.ClosedBy).HasMaxLength(100);
        b.Property(x => x.OwnerParty).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        // The reminder job's query: open tasks by due day.
        b.HasIndex(x => new { x.State, x.DueOn });
    }
}
