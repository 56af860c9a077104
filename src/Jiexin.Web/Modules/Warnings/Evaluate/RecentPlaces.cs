using Jiexin.Modules.Events.Contracts;

namespace Jiexin.Modules.Warnings.Evaluate;

/// <summary>
/// The repeat rules' window of reports (place, reporter, time), kept between evaluations. Those fields are written once,
/// at intake, so a later evaluation only reads what was reported since the last one, with an overlap for reports whose
/// transaction was still open at that read, and reads the whole window again every <see cref="FullReadEvery"/> to pick up
/// anything slower. Reading the whole week every minute was most of the warnings job at a busy street's volume.
/// </summary>
public sealed class RecentPlaces(TimeProvider clock)
{
    /// <summary>How far before the previous read the next one starts: longer than a report's intake transaction stays open.</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan FullReadEvery = TimeSpan.FromMinutes(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<Guid, ReportedPlace> _byId = [];
    private DateTime _since = DateTime.MaxValue;
    private int _max;
    private DateTime _readAt;
    private DateTime _fullReadAt;

    /// <summary>Reports made since <paramref name="sinceUtc"/>, at most <paramref name="max"/> (the newest), newest first.</summary>
    public async Task<IReadOnlyList<ReportedPlace>> ListAsync(IEventSignals events, DateTime sinceUtc, int max, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var full = sinceUtc < _since || max != _max || now < _readAt || now - _fullReadAt >= FullReadEvery;
            var read = await events.ListPlacedSinceAsync(full ? sinceUtc : Later(sinceUtc, _readAt - Overlap), max, ct);
            if (full)
            {
                _byId = read.ToDictionary(r => r.Id);
                _fullReadAt = now;
            }
            else
            {
                foreach (var r in read)
                {
                    _byId[r.Id] = r;
                }
            }

            (_since, _max, _readAt) = (sinceUtc, max, now);
            var window = _byId.Values.Where(r => r.ReportedAt >= sinceUtc)
                .OrderByDescending(r => r.ReportedAt).ThenByDescending(r => r.Id)
                .Take(max)
                .ToList();
            if (window.Count != _byId.Count)
            {
                _byId = window.ToDictionary(r => r.Id);
            }

            return window;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;
}
