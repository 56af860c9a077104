using Jiexin.Modules.Disputes.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Modules.Disputes.Data;

internal sealed class ScreeningRoundConfiguration : IEntityTypeConfiguration<ScreeningRound>
{
    public void Configure(EntityTypeBuilder<ScreeningRound> b)
    {
        b.ToTable("disputes_screening_rounds");
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.CompletedByName).HasMaxLength(100);
        // One round per grid and period, whoever (job, second instance, grid worker) opens it first.
        b.HasIndex(x => new { x.GridId, x.PeriodStart }).IsUnique();
        b.HasIndex(x => new { x.PeriodStart, x.CommunityId });
        b.HasMany(x => x.Risks).WithOne().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ScreeningRiskConfiguration : IEntityTypeConfiguration<ScreeningRisk>
{
    public void Configure(EntityTypeBuilder<ScreeningRisk> b)
    {
        b.ToTable("disputes_screening_risks");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Description).HasMaxLength(1000);
        b.Property(x => x.Parties).HasMaxLength(200);
        b.Property(x => x.Place).HasMaxLength(200);
        b.Property(x => x.TypeCode).HasMaxLength(32);
        b.Property(x => x.TypeName).HasMaxLength(32);
        b.Property(x => x.Amount).HasPrecision(14, 2);
        b.Property(x => x.Risk).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.RiskReasons).HasMaxLength(500);
        b.Property(x => x.RecordedByName).HasMaxLength(100);
        b.Property(x => x.DisputeCaseNumber).HasMaxLength(20);
        b.HasIndex(x => new { x.GridId, x.RecordedAt });
        b.HasIndex(x => new { x.RecordedAt, x.Risk });
    }
}
