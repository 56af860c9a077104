using Jiexin.Modules.ServiceLists.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Modules.ServiceLists.Data;

internal sealed class ListItemConfiguration : IEntityTypeConfiguration<ListItem>
{
    public void Configure(EntityTypeBuilder<ListItem> b)
    {
        b.ToTable("lists_items");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ResourceKind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Month).HasMaxLength(7);
        b.Property(x => x.OpenedMonth).HasMaxLength(7);
        b.Property(x => x.Title).HasMaxLength(ListRules.MaxTitle);
        b.Property(x => x.Description).HasMaxLength(ListRules.MaxDescription);
        b.Property(x => x.Category).HasMaxLength(ListRules.MaxCategory);
        b.Property(x => x.OwnerName).HasMaxLength(64);
        b.Property(x => x.Evidence).HasMaxLength(ListRules.MaxEvidence);
        b.Property(x => x.CreatedByName).HasMaxLength(64);
        b.Property(x => x.ClosedByName).HasMaxLength(64);
        b.Property(x => x.SourceRef).HasMaxLength(100);
        b.Property(x => x.Offer).HasMaxLength(1000);
        b.Property(x => x.Categories).HasMaxLength(300);
        b.Property(x => x.ContactName).HasMaxLength(64);
        b.Property(x => x.ContactPhoneCipher).HasMaxLength(200);
        b.Property(x => x.ContactPhoneMasked).HasMaxLength(32);
        // The list page (month, place, kind, status), the roll-over scan, "my needs", the figures.
        b.HasIndex(x => new { x.Month, x.CommunityId, x.Kind, x.Status });
        b.HasIndex(x => new { x.Status, x.Month });
        b.HasIndex(x => new { x.OpenedMonth, x.CommunityId });
        b.HasIndex(x => x.ResidentUserId);
        b.HasIndex(x => x.ResourceId);
        b.HasMany(x => x.Timeline).WithOne().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Needs).WithOne().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ListItemEntryConfiguration : IEntityTypeConfiguration<ListItemEntry>
{
    public void Configure(EntityTypeBuilder<ListItemEntry> b)
    {
        b.ToTable("lists_item_timeline");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Action).HasMaxLength(32);
        b.Property(x => x.ActorName).HasMaxLength(64);
        b.Property(x => x.Note).HasMaxLength(ListRules.MaxEvidence);
        b.HasIndex(x => new { x.ItemId, x.At });
    }
}

internal sealed class ServiceNeedLinkConfiguration : IEntityTypeConfiguration<ServiceNeedLink>
{
    public void Configure(EntityTypeBuilder<ServiceNeedLink> b)
    {
        b.ToTable("lists_service_needs");
        b.HasKey(x => new { x.ServiceId, x.NeedId });
        b.HasIndex(x => x.NeedId);
        b.HasOne<ListItem>().WithMany().HasForeignKey(x => x.NeedId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ListPublicationConfiguration : IEntityTypeConfiguration<ListPublication>
{
    public void Configure(EntityTypeBuilder<ListPublication> b)
    {
        b.ToTable("lists_publications");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Month).HasMaxLength(7);
        b.Property(x => x.PublishedByName).HasMaxLength(64);
        b.HasIndex(x => new { x.CommunityId, x.Month }).IsUnique();
    }
}
