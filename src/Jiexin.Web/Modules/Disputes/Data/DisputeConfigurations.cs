using Jiexin.Modules.Disputes.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Modules.Disputes.Data;

internal sealed class DisputeConfiguration : IEntityTypeConfiguration<Dispute>
{
    public void Configure(EntityTypeBuilder<Dispute> b)
    {
        b.ToTable("disputes_cases");
        b.Property(x => x.CaseNumber).HasMaxLength(20);
        b.HasIndex(x => x.CaseNumber).IsUnique();
        b.Property(x => x.Description).HasMaxLength(4000);
        b.Property(x => x.TypeCode).HasMaxLength(32);
        b.Property(x => x.TypeName).HasMaxLength(32);
        b.Property(x => x.Amount).HasPrecision(14, 2);
        b.Property(x => x.RiskReasons).HasMaxLength(500);
        b.Property(x => x.Address).HasMaxLength(200);
        b.Property(x => x.ExternalReference).HasMaxLength(64);
        b.Property(x => x.IdempotencyKey).HasMaxLength(100);
        b.Property(x => x.IdempotencyHash).HasMaxLength(64);
        // A retried submission (same account, same key) finds the first case; the index decides races.
        b.HasIndex(x => new { x.CreatedByUserId, x.IdempotencyKey }).IsUnique();
        b.Property(x => x.ReceiverName).HasMaxLength(100);
        b.Property(x => x.InvitedParties).HasMaxLength(500);
        b.Property(x => x.LeaderName).HasMaxLength(50);
        b.Property(x => x.SpecialPlan).HasMaxLength(2000);
        b.Property(x => x.OutcomeNote).HasMaxLength(2000);
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Tier).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ReceiverKind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Urgency).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Risk).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Guidance).HasConversion<string>().HasMaxLength(24);
        // The queue filters and the scope filter.
        b.HasIndex(x => new { x.Status, x.CreatedAt });
        b.HasIndex(x => new { x.CommunityId, x.Status });
        b.HasIndex(x => new { x.ReceiverUserId, x.Status });
        b.HasIndex(x => new { x.ReceiverRoomId, x.Status });
        b.HasIndex(x => new { x.ReceiverDepartmentId, x.Status });
        b.HasIndex(x => x.EventId);
        // A house's (an address's) registry page lists its disputes.
        b.HasIndex(x => x.RegistryAddressId);
        b.HasIndex(x => x.RegistryHouseId);
        b.HasMany(x => x.Parties).WithOne().HasForeignKey(x => x.DisputeId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Timeline).WithOne().HasForeignKey(x => x.DisputeId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Sessions).WithOne().HasForeignKey(x => x.DisputeId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Meetings).WithOne().HasForeignKey(x => x.DisputeId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Referrals).WithOne().HasForeignKey(x => x.DisputeId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.FollowUps).WithOne().HasForeignKey(x => x.DisputeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Agreement).WithOne().HasForeignKey<DisputeAgreement>(x => x.DisputeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DisputePartyConfiguration : IEntityTypeConfiguration<DisputeParty>
{
    public void Configure(EntityTypeBuilder<DisputeParty> b)
    {
        b.ToTable("disputes_parties");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Role).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.IdNumberCipher).HasMaxLength(200);
        b.Property(x => x.PhoneCipher).HasMaxLength(200);
        b.Property(x => x.IdNumberIndex).HasMaxLength(32);
        b.Property(x => x.PhoneIndex).HasMaxLength(32);
        // Repeat-party early warning and "my cases" look these up.
        b.HasIndex(x => x.IdNumberIndex);
        b.HasIndex(x => x.PhoneIndex);
        b.HasIndex(x => x.UserId);
        b.HasIndex(x => x.RegistryPersonId);
    }
}

internal sealed class DisputeTimelineConfiguration : IEntityTypeConfiguration<DisputeTimelineEntry>
{
    public void Configure(EntityTypeBuilder<DisputeTimelineEntry> b)
    {
        b.ToTable("disputes_timeline");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Action).HasMaxLength(32);
        b.Property(x => x.FromStatus).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ToStatus).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ActorName).HasMaxLength(64);
        b.Property(x => x.Note).HasMaxLength(2000);
        b.HasIndex(x => new { x.DisputeId, x.At });
    }
}

internal sealed class MediationSessionConfiguration : IEntityTypeConfiguration<MediationSession>
{
    public void Configure(EntityTypeBuilder<MediationSession> b)
    {
        b.ToTable("disputes_sessions");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Place).HasMaxLength(200);
        b.Property(x => x.Participants).HasMaxLength(500);
        b.Property(x => x.Minutes).HasMaxLength(8000);
        b.Property(x => x.MediatorName).HasMaxLength(64);
    }
}

internal sealed class CaseMeetingConfiguration : IEntityTypeConfiguration<CaseMeeting>
{
    public void Configure(EntityTypeBuilder<CaseMeeting> b)
    {
        b.ToTable("disputes_case_meetings");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Participants).HasMaxLength(500);
        b.Property(x => x.Facts).HasMaxLength(4000);
        b.Property(x => x.Plan).HasMaxLength(4000);
        b.Property(x => x.RecordedBy).HasMaxLength(64);
    }
}

internal sealed class DisputeAgreementConfiguration : IEntityTypeConfiguration<DisputeAgreement>
{
    public void Configure(EntityTypeBuilder<DisputeAgreement> b)
    {
        b.ToTable("disputes_agreements");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Number).HasMaxLength(32);
        b.Property(x => x.Terms).HasMaxLength(8000);
        b.Property(x => x.Performance).HasMaxLength(2000);
        b.Property(x => x.Unresolved).HasMaxLength(2000);
        b.Property(x => x.MediatorName).HasMaxLength(64);
        b.Property(x => x.Court).HasMaxLength(100);
        b.Property(x => x.JudicialNote).HasMaxLength(1000);
        b.Property(x => x.Judicial).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class DisputeReferralConfiguration : IEntityTypeConfiguration<DisputeReferral>
{
    public void Configure(EntityTypeBuilder<DisputeReferral> b)
    {
        b.ToTable("disputes_referrals");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ReceiverName).HasMaxLength(100);
        b.Property(x => x.ReferredBy).HasMaxLength(64);
        b.Property(x => x.ReceiptBy).HasMaxLength(64);
        b.Property(x => x.LastProgress).HasMaxLength(2000);
        b.Property(x => x.Result).HasMaxLength(2000);
    }
}

internal sealed class DisputeTypeConfiguration : IEntityTypeConfiguration<DisputeType>
{
    public void Configure(EntityTypeBuilder<DisputeType> b)
    {
        b.ToTable("disputes_types");
        b.HasKey(x => x.Code);
        b.Property(x => x.Code).HasMaxLength(32);
        b.Property(x => x.Name).HasMaxLength(32);
        b.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class MediationRoomConfiguration : IEntityTypeConfiguration<MediationRoom>
{
    public void Configure(EntityTypeBuilder<MediationRoom> b)
    {
        b.ToTable("disputes_rooms");
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Specialties).HasMaxLength(500);
        b.Property(x => x.LeadName).HasMaxLength(64);
        b.HasIndex(x => x.LeadUserId);
    }
}

internal sealed class ConsultationConfiguration : IEntityTypeConfiguration<Consultation>
{
    public void Configure(EntityTypeBuilder<Consultation> b)
    {
        b.ToTable("disputes_consultations");
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.TypeCode).HasMaxLength(32);
        b.Property(x => x.Question).HasMaxLength(2000);
        b.Property(x => x.Answer).HasMaxLength(2000);
        b.Property(x => x.RecordedBy).HasMaxLength(64);
        b.HasIndex(x => x.At);
    }
}

internal sealed class FollowUpVisitConfiguration : IEntityTypeConfiguration<FollowUpVisit>
{
    public void Configure(EntityTypeBuilder<FollowUpVisit> b)
    {
        b.ToTable("disputes_follow_ups");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.VisitedBy).HasMaxLength(64);
        b.Property(x => x.Note).HasMaxLength(2000);
        // 督察回访: the overdue scan.
        b.HasIndex(x => new { x.VisitedAt, x.DueAt });
    }
}
