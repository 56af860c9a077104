using Jiexin.Data;
using Jiexin.Modules.Analytics.Domain;
using Jiexin.Modules.Events.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Analytics.Figures;

/// <summary>
/// Turns each change of an event's counted shape into append-only delta rows (−1 for the keys it left, +1 for the
/// keys it entered, netted) tracked in the context that saves the change: same SaveChanges, same transaction,
/// no query and no update of a shared row (a group commit of a hundred reports adds its rows to the same batch).
/// </summary>
public sealed class EventFiguresRecorder : IEventFiguresObserver
{
    /// <summary>This save's delta rows, on the context (the recorder is shared by all of them).</summary>
    private sealed class Pending : List<EventFigureDelta>;

    public void OnChanged(JiexinDbContext db, IReadOnlyList<EventFiguresChange> changes)
    {
        var net = new Dictionary<FigureKey, int>();
        var keys = new List<FigureKey>(8);
        foreach (var change in changes)
        {
            if (change.Before is { } before)
            {
                keys.Clear();
                FigureKey.Contributions(before, keys);
                foreach (var k in keys)
                {
                    net[k] = net.GetValueOrDefault(k) - 1;
                }
            }

            if (change.After is { } after)
            {
                keys.Clear();
                FigureKey.Contributions(after, keys);
                foreach (var k in keys)
                {
                    net[k] = net.GetValueOrDefault(k) + 1;
                }
            }
        }

        foreach (var (k, delta) in net)
        {
            if (delta != 0)
            {
                var row = new EventFigureDelta
                {
                    Measure = k.Measure, Day = k.Day, CommunityId = k.CommunityId, GridId = k.GridId,
                    DepartmentId = k.DepartmentId, Category = k.Category, Tier = k.Tier, Delta = delta,
                };
                db.SaveState<Pending>().Add(row);
                db.Add(row);
            }
        }
    }

    public void OnSaveFailed(JiexinDbContext db)
    {
        var pending = db.SaveState<Pending>();
        foreach (var row in pending)
        {
            db.Entry(row).State = EntityState.Detached;
        }

        pending.Clear();
    }
}
