using Jiexin.Modules.Registry.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Modules.Registry.Data;

internal sealed class StandardAddressConfiguration : IEntityTypeConfiguration<StandardAddress>
{
    public void Configure(EntityTypeBuilder<StandardAddress> b)
    {
        b.ToTable("registry_addresses");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Road).HasMaxLength(64);
        b.Property(x => x.Number).HasMaxLength(32);
        b.Property(x => x.Building).HasMaxLength(32);
        b.Property(x => x.UnitNo).HasMaxLength(32);
        b.Property(x => x.Room).HasMaxLength(32);
        b.Property(x => x.Label).HasMaxLength(300);
        // One standard address per label: the import and the forms find addresses by it.
        b.HasIndex(x => x.Label).IsUnique();
        b.HasIndex(x => new { x.GridId, x.CommunityId });
    }
}

internal sealed class HouseConfiguration : IEntityTypeConfiguration<House>
{
    public void Configure(EntityTypeBuilder<House> b)
    {
        b.ToTable("registry_houses");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Use).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Structure).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.OwnerName).HasMaxLength(64);
        b.HasOne<StandardAddress>().WithMany().HasForeignKey(x => x.AddressId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.AddressId).IsUnique();
        b.HasIndex(x => new { x.GridId, x.CommunityId });
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("registry_people");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(64);
        b.Property(x => x.IdNumberCipher).HasMaxLength(200);
        b.Property(x => x.IdNumberIndex).HasMaxLength(32);
        b.Property(x => x.IdNumberMasked).HasMaxLength(24);
        b.Property(x => x.PhoneCipher).HasMaxLength(200);
        b.Property(x => x.PhoneIndex).HasMaxLength(32);
        b.Property(x => x.PhoneMasked).HasMaxLength(24);
        b.Property(x => x.Sex).HasMaxLength(2);
        b.Property(x => x.ResidenceType).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.RelationToHouse).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.TagsCipher).HasMaxLength(1000);
        b.Property(x => x.TagsIndex).HasMaxLength(400);
        b.Property(x => x.Note).HasMaxLength(500);
        // One person per ID number (null for people whose number is not known yet).
        b.HasIndex(x => x.IdNumberIndex).IsUnique();
        b.HasIndex(x => x.PhoneIndex);
        b.HasIndex(x => new { x.GridId, x.Name });
        b.HasIndex(x => new { x.CommunityId, x.Name });
        b.HasIndex(x => x.HouseId);
        b.HasOne<StandardAddress>().WithMany().HasForeignKey(x => x.AddressId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<House>().WithMany().HasForeignKey(x => x.HouseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.ToTable("registry_units");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Name).HasMaxLength(128);
        b.Property(x => x.LicenceNumber).HasMaxLength(32);
        b.Property(x => x.ContactName).HasMaxLength(64);
        b.Property(x => x.ContactPhoneCipher).HasMaxLength(200);
        b.Property(x => x.ContactPhoneIndex).HasMaxLength(32);
        b.Property(x => x.ContactPhoneMasked).HasMaxLength(24);
        b.Property(x => x.Note).HasMaxLength(500);
        b.HasIndex(x => x.LicenceNumber);
        b.HasIndex(x => x.ContactPhoneIndex);
        b.HasIndex(x => new { x.GridId, x.CommunityId });
        b.HasOne<StandardAddress>().WithMany().HasForeignKey(x => x.AddressId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RoadConfiguration : IEntityTypeConfiguration<Road>
{
    public void Configure(EntityTypeBuilder<Road> b)
    {
        b.ToTable("registry_roads");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(64);
        b.HasIndex(x => new { x.GridId, x.CommunityId });
    }
}

internal sealed class FacilityConfiguration : IEntityTypeConfiguration<Facility>
{
    public void Configure(EntityTypeBuilder<Facility> b)
    {
        b.ToTable("registry_facilities");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Code).HasMaxLength(32);
        b.Property(x => x.Location).HasMaxLength(200);
        b.Property(x => x.Note).HasMaxLength(500);
        b.HasIndex(x => new { x.GridId, x.CommunityId });
        b.HasIndex(x => new { x.Kind, x.Status });
    }
}

internal sealed class VerificationCampaignConfiguration : IEntityTypeConfiguration<VerificationCampaign>
{
    public void Configure(EntityTypeBuilder<VerificationCampaign> b)
    {
        b.ToTable("registry_verification_campaigns");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(100);
        b.HasIndex(x => x.CreatedAt);
    }
}

internal sealed class VerificationItemConfiguration : IEntityTypeConfiguration<VerificationItem>
{
    public void Configure(EntityTypeBuilder<VerificationItem> b)
    {
        b.ToTable("registry_verification_items");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.VerifiedByName).HasMaxLength(64);
        b.Property(x => x.Changes).HasMaxLength(2000);
        b.Property(x => x.Note).HasMaxLength(500);
        b.Property(x => x.Review).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ProposedResidenceType).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ProposedPhoneCipher).HasMaxLength(200);
        b.Property(x => x.ReviewedByName).HasMaxLength(64);
        b.Property(x => x.ReviewNote).HasMaxLength(500);
        b.HasOne<VerificationCampaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.CampaignId, x.PersonId }).IsUnique();
        // The grid worker's checklist and the per-grid progress.
        b.HasIndex(x => new { x.GridId, x.CampaignId, x.Outcome });
        // The community's review queue.
        b.HasIndex(x => new { x.Review, x.CommunityId });
    }
}

internal sealed class FacilityFaultConfiguration : IEntityTypeConfiguration<FacilityFault>
{
    public void Configure(EntityTypeBuilder<FacilityFault> b)
    {
        b.ToTable("registry_facility_faults");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.TrackingCode).HasMaxLength(32);
        b.Property(x => x.Description).HasMaxLength(2000);
        b.Property(x => x.PreviousStatus).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.ReportedByName).HasMaxLength(64);
        b.HasOne<Facility>().WithMany().HasForeignKey(x => x.FacilityId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.FacilityId, x.ReportedAt });
        b.HasIndex(x => x.EventId).IsUnique();
        // The restore job reads the faults still open.
        b.HasIndex(x => x.ClosedAt);
    }
}
