using Jiexin.Data;
using Jiexin.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.Deadlines;

/// <summary>On a start with no time limits at all: <see cref="DeadlineDefaults"/>. Every install needs them, demo or not.</summary>
internal sealed class DeadlinePolicySeeder(JiexinDbContext db, TimeProvider clock, ILogger<DeadlinePolicySeeder> logger) : IStartupTask
{
    public int Order => 130;

    public async Task RunAsync(CancellationToken ct)
    {
        if (await db.Set<DeadlinePolicy>().AnyAsync(ct))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.AddRange(DeadlineDefaults.Rows.Select(r => new DeadlinePolicy
        {
            Id = Guid.CreateVersion7(now),
            CategoryCode = r.CategoryCode,
            Tier = r.Tier,
            Amount = r.Amount,
            Unit = r.Unit,
            UpdatedAt = now,
        }));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Seeded {Count} deadline policies", DeadlineDefaults.Rows.Count);
    }
}
