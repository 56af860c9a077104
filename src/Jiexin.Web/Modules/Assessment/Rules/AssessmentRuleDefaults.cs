using Jiexin.Data;
using Jiexin.Modules.Assessment.Domain;
using Jiexin.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Assessment;

/// <summary>
/// The rules a new install starts with (第 1 版, the Admin changes them at /admin/assessment): departments weighted
/// towards finishing on time and answering quickly, areas evenly; accept a dispatch within 2 working hours.
/// </summary>
public static class AssessmentRuleDefaults
{
    public static AssessmentRuleSet Create(int number, DateTime at) => new()
    {
        Id = Guid.CreateVersion7(at),
        Number = number,
        ResponseWorkingHours = 2,
        DepartmentResponse = 20,
        DepartmentOnTime = 25,
        DepartmentReturns = 15,
        DepartmentCheckIn = 15,
        DepartmentSatisfaction = 15,
        DepartmentFollowUp = 10,
        AreaDiscovery = 25,
        AreaInTier = 25,
        AreaOverdue = 25,
        AreaSatisfaction = 25,
        Note = "系统默认",
        CreatedAt = at,
        CreatedByName = "系统",
    };
}

/// <summary>Stores 第 1 版 of the rules when there is none, so every closed month can name the rules that scored it.</summary>
internal sealed class AssessmentRuleSeeder(JiexinDbContext db, TimeProvider clock) : IStartupTask
{
    public int Order => 180;

    public async Task RunAsync(CancellationToken ct)
    {
        if (await db.Set<AssessmentRuleSet>().AnyAsync(ct))
        {
            return;
        }

        db.Add(AssessmentRuleDefaults.Create(1, clock.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance seeded it at the same moment (unique Number).
            db.ChangeTracker.Clear();
        }
    }
}
