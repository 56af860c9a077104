using Jiexin.Data;
using Jiexin.Modules.ServiceLists.Domain;
using Jiexin.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.ServiceLists.RollOver;

/// <summary>
/// Month roll-over: every item still open on an earlier month's list moves onto the current month's list (China
/// calendar), keeping its id, deadline and trail, with a "carried over" entry. Idempotent and safe with several
/// instances: each move is one conditional UPDATE on (id, old month, open), and only the instance whose UPDATE hit
/// the row writes the trail entry, in the same transaction.
/// </summary>
public static class RollOverLists
{
    public const int BatchSize = 200;

    public sealed class Handler(JiexinDbContext db)
    {
        /// <summary>Carries open items into the month of <paramref name="nowUtc"/>; returns how many it moved.</summary>
        public async Task<int> Handle(DateTime nowUtc, CancellationToken ct)
        {
            var month = ListRules.MonthOf(nowUtc);
            var moved = 0;
            while (true)
            {
                var due = await db.Set<ListItem>().AsNoTracking()
                    .Where(i => i.Status == ListItemStatus.Open && string.Compare(i.Month, month) < 0)
                    .OrderBy(i => i.Id).Take(BatchSize)
                    .Select(i => new { i.Id, i.Month })
                    .ToListAsync(ct);
                if (due.Count == 0)
                {
                    return moved;
                }

                var batch = 0;
                await using (var tx = await db.Database.BeginTransactionAsync(ct))
                {
                    foreach (var item in due)
                    {
                        var hit = await db.Set<ListItem>()
                            .Where(i => i.Id == item.Id && i.Month == item.Month && i.Status == ListItemStatus.Open)
                            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Month, month)
                                .SetProperty(i => i.CarryOvers, i => i.CarryOvers + 1)
                                .SetProperty(i => i.Version, i => i.Version + 1), ct);
                        if (hit == 1)
                        {
                            db.Add(new ListItemEntry
                            {
                                Id = Guid.CreateVersion7(nowUtc),
                                ItemId = item.Id,
                                At = nowUtc,
                                Action = "CarryOver",
                                ActorName = "系统",
                                Note = $"{item.Month} 未销号，结转至 {month}。",
                            });
                            batch++;
                        }
                    }

                    await db.SaveChangesAsync(ct);
                    await tx.CommitAsync(ct);
                }

                db.ChangeTracker.Clear();
                moved += batch;
                if (due.Count < BatchSize)
                {
                    return moved;
                }
            }
        }
    }
}

/// <summary>Runs <see cref="RollOverLists"/> on the job runner's tick; cheap (one indexed query) when nothing is due.</summary>
public sealed class RollOverListsJob(RollOverLists.Handler handler, TimeProvider clock) : IRecurringJob
{
    public string Name => "lists-roll-over";

    public Task<int> RunOnceAsync(CancellationToken ct) => handler.Handle(clock.GetUtcNow().UtcDateTime, ct);
}
