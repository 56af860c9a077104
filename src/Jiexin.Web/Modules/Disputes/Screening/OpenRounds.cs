using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiexin.Modules.Disputes.Screening;

/// <summary>
/// Opens the current period's round for every grid (the job), or for one grid (the grid worker opening this week's).
/// Idempotent and safe with two instances: the unique (grid, period) index keeps one row; an insert that loses the race
/// is dropped and the existing row read again.
/// </summary>
public static class OpenRounds
{
    public sealed class Handler(JiexinDbContext db, ITerritoryLookup territory, IOptions<ScreeningOptions> options, TimeProvider clock, ILogger<Handler> log)
    {
        /// <summary>Opens the missing rounds of the period containing now; returns how many it opened.</summary>
        public async Task<int> OpenAllAsync(CancellationToken ct)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var (start, end, due) = ScreeningPeriods.At(now, options.Value.PeriodDays);
            var grids = territory.Communities.SelectMany(c => territory.GridsOf(c.Id).Select(g => (Grid: g.Id, Community: c.Id))).ToList();
            var existing = (await db.Set<ScreeningRound>().AsNoTracking().Where(r => r.PeriodStart == start).Select(r => r.GridId).ToListAsync(ct)).ToHashSet();
            var opened = 0;
            foreach (var (grid, community) in grids.Where(g => !existing.Contains(g.Grid)))
            {
                if (await TryInsertAsync(New(grid, community, start, end, due, now), ct))
                {
                    opened++;
                }
            }

            return opened;
        }

        /// <summary>This period's round of one grid, opened if the job has not yet.</summary>
        public async Task<ScreeningRound?> CurrentAsync(Guid gridId, CancellationToken ct)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var (start, end, due) = ScreeningPeriods.At(now, options.Value.PeriodDays);
            var round = await FindAsync(gridId, start, ct);
            if (round is not null)
            {
                return round;
            }

            var community = territory.Communities.FirstOrDefault(c => territory.GridsOf(c.Id).Any(g => g.Id == gridId));
            if (community is null)
            {
                return null;
            }

            await TryInsertAsync(New(gridId, community.Id, start, end, due, now), ct);
            return await FindAsync(gridId, start, ct);
        }

        private Task<ScreeningRound?> FindAsync(Guid gridId, DateOnly start, CancellationToken ct) =>
            db.Set<ScreeningRound>().Include(r => r.Risks).SingleOrDefaultAsync(r => r.GridId == gridId && r.PeriodStart == start, ct);

        private static ScreeningRound New(Guid grid, Guid community, DateOnly start, DateOnly end, DateTime due, DateTime now) => new()
        {
            Id = Guid.CreateVersion7(now),
            GridId = grid,
            CommunityId = community,
            PeriodStart = start,
            PeriodEnd = end,
            DueAt = due,
            Status = ScreeningStatus.Pending,
            CreatedAt = now,
        };

        private async Task<bool> TryInsertAsync(ScreeningRound round, CancellationToken ct)
        {
            db.Add(round);
            try
            {
                await db.SaveChangesAsync(ct);
                return true;
            }
            catch (DbUpdateException)
            {
                // Opened by another instance (or the grid worker) a moment before: the unique key kept it to one.
                log.LogDebug("Screening round of grid {Grid} for {Start} already open", round.GridId, round.PeriodStart);
                return false;
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>On the job runner's tick: opens a new period's rounds as soon as it starts.</summary>
    public sealed class Job(Handler handler) : IRecurringJob
    {
        public string Name => "dispute-screening-rounds";

        public Task<int> RunOnceAsync(CancellationToken ct) => handler.OpenAllAsync(ct);
    }
}
