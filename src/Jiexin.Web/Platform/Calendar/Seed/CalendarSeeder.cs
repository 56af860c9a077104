using Jiexin.Data;
using Jiexin.Platform.Calendar.Data;
using Jiexin.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Platform.Calendar.Seed;

/// <summary>
/// On a start with an empty calendar table: the shipped national schedules (<see cref="ChineseHolidaySchedules"/>).
/// Real data, not demo data, so it is seeded whatever <c>Jiexin:SeedDemo</c> says. Once the table holds anything it is
/// the Admin's: a later release never overwrites an edited calendar.
/// </summary>
internal sealed class CalendarSeeder(JiexinDbContext db, ILogger<CalendarSeeder> logger) : IStartupTask
{
    public int Order => 50;

    public async Task RunAsync(CancellationToken ct)
    {
        if (await db.Set<CalendarDay>().AnyAsync(ct))
        {
            return;
        }

        var days = ChineseHolidaySchedules.Days().ToList();
        foreach (var (date, kind, name, provisional) in days)
        {
            db.Add(new CalendarDay { Id = Guid.CreateVersion7(), Date = date, Kind = kind, Name = name, Provisional = provisional });
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Working calendar seeded: {Count} special days for {Years}", days.Count,
            string.Join(", ", ChineseHolidaySchedules.All.Select(y => y.Provisional ? $"{y.Year} (provisional)" : $"{y.Year}")));
    }
}
