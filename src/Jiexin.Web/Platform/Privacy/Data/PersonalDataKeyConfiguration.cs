using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Platform.Privacy.Data;

internal sealed class PersonalDataKeyConfiguration : IEntityTypeConfiguration<PersonalDataKey>
{
    public void Configure(EntityTypeBuilder<PersonalDataKey> builder)
    {
        builder.ToTable("platform_personal_data_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(16);
        builder.Property(k => k.Purpose).HasMaxLength(16);
        builder.Property(k => k.ProtectedKey).HasMaxLength(1024);
    }
}
