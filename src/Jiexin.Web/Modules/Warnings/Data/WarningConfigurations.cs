using Jiexin.Modules.Warnings.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Modules.Warnings.Data;

internal sealed class WarningConfiguration : IEntityTypeConfiguration<Warning>
{
    public void Configure(EntityTypeBuilder<Warning> b)
    {
        b.ToTable("warnings_alerts");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Severity).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.AssigneeKind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ConditionKey).HasMaxLength(200);
        b.Property(x => x.OpenKey).HasMaxLength(200);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Summary).HasMaxLength(1000);
        b.Property(x => x.AcknowledgedByName).HasMaxLength(100);
        b.Property(x => x.AssignedByName).HasMaxLength(100);
        b.Property(x => x.AssignNote).HasMaxLength(500);
        b.Property(x => x.CloseNote).HasMaxLength(500);
        b.Property(x => x.RespondedByName).HasMaxLength(100);
        b.Property(x => x.ResponseMeasure).HasMaxLength(1000);
        // The escalation job reads unanswered alerts past their response deadline.
        b.HasIndex(x => new { x.ResponseDueAt, x.RespondedAt });
        // One open alert per condition (NULLs — closed alerts — never collide, on both providers).
        b.HasIndex(x => x.OpenKey).IsUnique();
        b.HasIndex(x => new { x.Status, x.RaisedAt });
        b.HasIndex(x => new { x.CommunityId, x.RaisedAt });
        b.HasIndex(x => new { x.Kind, x.RaisedAt });
    }
}
