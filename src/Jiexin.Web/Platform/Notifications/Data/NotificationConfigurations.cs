using Jiexin.Platform.Notifications.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Platform.Notifications.Data;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("platform_outbox");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Type).HasMaxLength(64);
        b.Property(x => x.DedupeKey).HasMaxLength(128);
        b.Property(x => x.LastError).HasMaxLength(1000);
        b.HasIndex(x => x.DedupeKey).IsUnique();
        // The dispatcher's scan: pending rows by due time (processed rows drop out of the partial range quickly).
        b.HasIndex(x => new { x.ProcessedAt, x.NextAttemptAt });
        b.HasIndex(x => x.ClaimedBy);
    }
}

internal sealed class UserNotificationConfiguration : IEntityTypeConfiguration<UserNotification>
{
    public void Configure(EntityTypeBuilder<UserNotification> b)
    {
        b.ToTable("platform_user_notifications");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Title).HasMaxLength(100);
        b.Property(x => x.Body).HasMaxLength(500);
        b.Property(x => x.Link).HasMaxLength(200);
        b.Property(x => x.SubjectType).HasMaxLength(32);
        b.HasIndex(x => new { x.OutboxMessageId, x.UserId }).IsUnique();
        // The bell: a user's unread, newest first.
        b.HasIndex(x => new { x.UserId, x.ReadAt, x.CreatedAt });
    }
}

internal sealed class NotificationDeliveryConfiguration : IEntityTypeConfiguration<NotificationDelivery>
{
    public void Configure(EntityTypeBuilder<NotificationDelivery> b)
    {
        b.ToTable("platform_notification_deliveries");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.DedupeKey).HasMaxLength(160);
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => x.DedupeKey).IsUnique();
    }
}
