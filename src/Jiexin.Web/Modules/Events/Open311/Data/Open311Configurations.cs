using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.Open311.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Modules.Events.Open311.Data;

internal sealed class Open311ApiKeyConfiguration : IEntityTypeConfiguration<Open311ApiKey>
{
    public void Configure(EntityTypeBuilder<Open311ApiKey> b)
    {
        b.ToTable("events_open311_api_keys");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(64);
        b.Property(x => x.Prefix).HasMaxLength(16);
        b.Property(x => x.KeyHash).HasMaxLength(64);
        // Every POST finds its key by hash.
        b.HasIndex(x => x.KeyHash).IsUnique();
        b.Property(x => x.CreatedBy).HasMaxLength(64);
        b.Property(x => x.RevokedBy).HasMaxLength(64);
    }
}

internal sealed class Open311SubmissionConfiguration : IEntityTypeConfiguration<Open311Submission>
{
    public void Configure(EntityTypeBuilder<Open311Submission> b)
    {
        b.ToTable("events_open311_submissions");
        b.HasKey(x => x.EventId);
        b.HasOne<Event>().WithOne().HasForeignKey<Open311Submission>(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Token).HasMaxLength(40);
        b.HasIndex(x => x.Token).IsUnique();
        b.Property(x => x.ClientName).HasMaxLength(64);
        b.Property(x => x.ServiceCode).HasMaxLength(32);
        b.Property(x => x.MediaUrl).HasMaxLength(500);
        b.Property(x => x.ProtectedContact).HasMaxLength(4000);
    }
}
