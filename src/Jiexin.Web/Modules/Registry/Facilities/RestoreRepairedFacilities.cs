using Jiexin.Data;
using Jiexin.Modules.Events.Contracts;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.Facilities;

/// <summary>
/// 部件恢复完好: when the event of a facility's fault is closed (办结: closed, merged or rejected — no longer open), the
/// fault is marked closed, and a 损坏 facility with no other open fault returns to 完好; the fault records that it did
/// (the facility page shows it, the audit log keeps the status change). 丢失 and 维修中 are staff's statements and
/// stay. The Events module's intake contract tells the state (<see cref="IEventIntake.StatesAsync"/>), so Events knows
/// nothing of facilities. Idempotent: a fault is closed once; with two instances the facility's version decides.
/// </summary>
public sealed class RestoreRepairedFacilitiesJob(JiexinDbContext db, IEventIntake events, TimeProvider clock) : IRecurringJob
{
    public const int Batch = 500;

    public string Name => "registry.restore-repaired-facilities";

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        // Every open fault is looked at, a page at a time: faults whose events stay open a long time must not hide the
        // ones behind them. What stays open keeps its place, so the next page starts after it.
        var handled = 0;
        var stillOpen = 0;
        while (true)
        {
            var open = await db.Set<FacilityFault>().AsNoTracking().Where(f => f.ClosedAt == null)
                .OrderBy(f => f.ReportedAt).ThenBy(f => f.Id).Skip(stillOpen).Take(Batch)
                .Select(f => new { f.Id, f.EventId, f.FacilityId }).ToListAsync(ct);
            if (open.Count == 0)
            {
                return handled;
            }

            var states = (await events.StatesAsync([.. open.Select(f => f.EventId)], ct)).ToDictionary(s => s.Id);
            // An event that no longer exists cannot be worked on any more: its fault counts as closed.
            var closedFaults = open.Where(f => !states.TryGetValue(f.EventId, out var s) || !s.IsOpen).ToList();
            var closed = 0;
            foreach (var facilityFaults in closedFaults.GroupBy(f => f.FacilityId))
            {
                closed += await CloseAsync(facilityFaults.Key, [.. facilityFaults.Select(f => f.Id)], states, ct);
            }

            handled += closed;
            stillOpen += open.Count - closed;
            if (open.Count < Batch)
            {
                return handled;
            }
        }
    }

    private async Task<int> CloseAsync(Guid facilityId, HashSet<Guid> faultIds, Dictionary<Guid, EventState> states, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var facility = await db.Set<Facility>().SingleOrDefaultAsync(f => f.Id == facilityId, ct);
        var faults = await db.Set<FacilityFault>().Where(f => f.FacilityId == facilityId && f.ClosedAt == null).ToListAsync(ct);
        var closing = faults.Where(f => faultIds.Contains(f.Id)).ToList();
        foreach (var fault in closing)
        {
            fault.ClosedAt = states.TryGetValue(fault.EventId, out var s) && s.ClosedAt is { } at ? at : now;
        }

        if (facility is { Status: FacilityStatus.Damaged } && closing.Count > 0 && faults.All(f => f.ClosedAt is not null))
        {
            facility.Status = FacilityStatus.Normal;
            closing.OrderByDescending(f => f.ClosedAt).First().RestoredNormal = true;
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return closing.Count;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone changed the facility meanwhile (staff, or the other instance): the next tick looks again.
            db.ChangeTracker.Clear();
            return 0;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
