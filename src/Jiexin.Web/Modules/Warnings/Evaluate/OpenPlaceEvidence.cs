using System.Collections.Concurrent;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.Modules.Warnings.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Warnings.Evaluate;

/// <summary>
/// The reports covered by the open "same place" alerts, kept between evaluations: an alert's evidence is written once,
/// when it is raised, so its report ids are parsed once and only new alerts' evidence is read. A place group re-anchors
/// whenever its first report leaves the window, and each time the evaluation has to know whether an open alert already
/// covers it; at a busy street's volume that was every minute, re-reading and parsing every open alert's evidence.
/// </summary>
public sealed class OpenPlaceEvidence
{
    private readonly ConcurrentDictionary<Guid, Guid[]> _eventIdsByAlert = new();

    /// <summary>The report ids of every open place alert, reading only the evidence of alerts not seen before.</summary>
    public async Task<HashSet<Guid>> CoveredEventsAsync(JiexinDbContext db, IReadOnlyCollection<Guid> openPlaceAlertIds, CancellationToken ct)
    {
        var missing = openPlaceAlertIds.Where(id => !_eventIdsByAlert.ContainsKey(id)).ToArray();
        var readNow = new Dictionary<Guid, Guid[]>();
        if (missing.Length > 0)
        {
            var rows = await db.Set<Warning>().AsNoTracking().Where(w => Enumerable.Contains(missing, w.Id))
                .Select(w => new { w.Id, w.EvidenceJson }).ToListAsync(ct);
            foreach (var row in rows)
            {
                _eventIdsByAlert[row.Id] = readNow[row.Id] =
                    [.. JsonSerializer.Deserialize<WarningEvidence>(row.EvidenceJson, EvaluateWarnings.Json)?.EventIds ?? []];
            }
        }

        // Closed alerts drop out, so the cache holds the open ones only (what this call read counts even if an evaluation
        // running beside it, with an older view of the open alerts, drops it again).
        var open = openPlaceAlertIds.ToHashSet();
        foreach (var id in _eventIdsByAlert.Keys.Where(id => !open.Contains(id)))
        {
            _eventIdsByAlert.TryRemove(id, out _);
        }

        return [.. openPlaceAlertIds.SelectMany(id => readNow.TryGetValue(id, out var read) ? read : _eventIdsByAlert.TryGetValue(id, out var cached) ? cached : [])];
    }
}
