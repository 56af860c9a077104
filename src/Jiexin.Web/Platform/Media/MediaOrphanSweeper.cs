using System.Globalization;
using Jiexin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiexin.Platform.Media;

/// <summary>
/// Removes photo files that no committed <see cref="MediaFile"/> row owns: the caller's SaveChanges failed or never came,
/// or the process died between writing the files and committing. Also removes temporary files a crash left. Only files
/// older than the grace period are touched, so a handler that is about to commit never loses its photo.
/// Periodic: the first run (a little after start) scans every month folder, to catch what a crash before the last
/// shutdown left; later runs scan only the month folders that can hold newly eligible files.
/// </summary>
public sealed class MediaOrphanSweeper(
    IServiceScopeFactory scopes,
    MediaStorage storage,
    IOptions<MediaOptions> options,
    TimeProvider clock,
    ILogger<MediaOrphanSweeper> log) : BackgroundService
{
    private const int LookupBatch = 500;

    private readonly MediaOptions.OrphanSweepOptions _options = options.Value.OrphanSweep;

    /// <summary>What one run did.</summary>
    public sealed record SweepResult(int FilesChecked, int FilesDeleted);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        DateTime? scannedUntil = null;
        try
        {
            await Task.Delay(_options.FirstRunDelay, clock, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var startedAt = clock.GetUtcNow().UtcDateTime;
                try
                {
                    // Files become eligible at creation + grace; since the last run, those are files created after
                    // (last run - grace). A day of margin for clock steps.
                    var from = scannedUntil is { } last ? last - _options.GracePeriod - TimeSpan.FromDays(1) : (DateTime?)null;
                    var result = await RunOnceAsync(from, stoppingToken);
                    scannedUntil = startedAt;
                    if (result.FilesDeleted > 0)
                    {
                        log.LogInformation("Media orphan sweep: {Deleted} of {Checked} old files had no row and were deleted", result.FilesDeleted, result.FilesChecked);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogWarning(ex, "Media orphan sweep failed; it runs again in {Interval}", _options.Interval);
                }

                await Task.Delay(_options.Interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    /// <summary>
    /// One sweep: every file older than the grace period whose id has no row is deleted, as are old temporary files.
    /// <paramref name="createdFrom"/> limits the scan to month folders from that month on; null scans all.
    /// </summary>
    public async Task<SweepResult> RunOnceAsync(DateTime? createdFrom, CancellationToken ct)
    {
        if (!Directory.Exists(storage.Root))
        {
            return new SweepResult(0, 0);
        }

        var cutoff = clock.GetUtcNow().UtcDateTime - _options.GracePeriod;
        var candidates = new Dictionary<Guid, List<string>>();
        var deleted = 0;
        var checkedFiles = 0;
        foreach (var folder in MonthFolders(createdFrom))
        {
            foreach (var path in Directory.EnumerateFiles(folder))
            {
                ct.ThrowIfCancellationRequested();
                if (File.GetLastWriteTimeUtc(path) >= cutoff)
                {
                    continue;
                }

                checkedFiles++;
                var name = Path.GetFileName(path);
                if (name.EndsWith(DurableFile.TempSuffix, StringComparison.Ordinal))
                {
                    DurableFile.TryDelete(path);
                    deleted++;
                }
                else if (IdOf(name) is { } id)
                {
                    (candidates.TryGetValue(id, out var files) ? files : candidates[id] = []).Add(path);
                }
            }
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JiexinDbContext>();
        foreach (var batch in candidates.Keys.Chunk(LookupBatch))
        {
            var committed = (await db.Set<MediaFile>().AsNoTracking().Where(m => batch.Contains(m.Id)).Select(m => m.Id).ToListAsync(ct)).ToHashSet();
            foreach (var id in batch.Where(id => !committed.Contains(id)))
            {
                foreach (var path in candidates[id])
                {
                    DurableFile.TryDelete(path);
                    deleted++;
                }
            }
        }

        return new SweepResult(checkedFiles, deleted);
    }

    private IEnumerable<string> MonthFolders(DateTime? from)
    {
        foreach (var year in Directory.EnumerateDirectories(storage.Root))
        {
            if (!int.TryParse(Path.GetFileName(year), NumberStyles.None, CultureInfo.InvariantCulture, out var y))
            {
                continue;
            }

            foreach (var month in Directory.EnumerateDirectories(year))
            {
                if (int.TryParse(Path.GetFileName(month), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
                    && m is >= 1 and <= 12
                    && (from is null || y * 12 + m >= from.Value.Year * 12 + from.Value.Month))
                {
                    yield return month;
                }
            }
        }
    }

    private static Guid? IdOf(string fileName)
    {
        var stem = fileName.EndsWith(MediaStorage.ThumbnailSuffix, StringComparison.Ordinal) ? fileName[..^MediaStorage.ThumbnailSuffix.Length]
            : fileName.EndsWith(MediaStorage.PhotoSuffix, StringComparison.Ordinal) ? fileName[..^MediaStorage.PhotoSuffix.Length]
            : fileName.EndsWith(MediaStorage.DocumentSuffix, StringComparison.Ordinal) ? fileName[..^MediaStorage.DocumentSuffix.Length]
            : null;
        return stem is not null && Guid.TryParseExact(stem, "D", out var id) ? id : null;
    }
}
