using System.Collections.Concurrent;
using System.Security.Claims;
using Jiexin.Platform.Auth;

namespace Jiexin.Modules.Events.ImportEvents;

public enum ImportState
{
    Validating,
    Importing,

    /// <summary>Every new order became an event (orders imported before were skipped).</summary>
    Succeeded,

    /// <summary>Some rows are wrong: nothing was saved; <see cref="ImportJobDto.Errors"/> says where.</summary>
    Invalid,

    /// <summary>The import could not finish (e.g. the same orders imported at the same moment): nothing was saved.</summary>
    Failed,
}

/// <summary>One problem of one cell: "第 12 行，来电时间：…".</summary>
public sealed record ImportRowError(int Row, string Column, string Message);

public sealed record ImportJobDto(
    Guid Id,
    string FileName,
    ImportState State,
    int Total,
    int Processed,
    int Percent,
    int Created,
    int Skipped,
    string? Message,
    IReadOnlyList<ImportRowError> Errors,
    DateTime StartedAt,
    DateTime? FinishedAt);

/// <summary>A running or finished import, updated by the background task and read by pollers.</summary>
public sealed class ImportJob(Guid id, Guid userId, string fileName, DateTime startedAt)
{
    private readonly object _lock = new();
    private ImportState _state = ImportState.Validating;
    private int _total;
    private int _processed;
    private int _created;
    private int _skipped;
    private string? _message;
    private IReadOnlyList<ImportRowError> _errors = [];
    private DateTime? _finishedAt;

    public Guid Id { get; } = id;

    public Guid UserId { get; } = userId;

    public bool IsFinished
    {
        get
        {
            lock (_lock)
            {
                return _finishedAt is not null;
            }
        }
    }

    /// <summary>Validation and import each count for half of the bar.</summary>
    public void Progress(ImportState state, int processed, int total)
    {
        lock (_lock)
        {
            (_state, _processed, _total) = (state, processed, total);
        }
    }

    public void Finish(ImportState state, DateTime at, int created = 0, int skipped = 0, string? message = null, IReadOnlyList<ImportRowError>? errors = null)
    {
        lock (_lock)
        {
            (_state, _created, _skipped, _message, _errors, _finishedAt) = (state, created, skipped, message, errors ?? [], at);
            _processed = _total;
        }
    }

    public ImportJobDto Snapshot()
    {
        lock (_lock)
        {
            var half = _total == 0 ? 0 : 50 * _processed / _total;
            var percent = _finishedAt is not null ? 100 : _state == ImportState.Validating ? half : 50 + half;
            return new(Id, fileName, _state, _total, _processed, percent, _created, _skipped, _message, _errors, startedAt, _finishedAt);
        }
    }
}

/// <summary>
/// The imports of this app instance, in memory: a job is started by a request or a page, runs on its own DI scope,
/// and is polled. Finished jobs are forgotten after an hour. (An instance restart loses the progress of a running
/// import; its transaction then rolls back, and importing the file again is safe because order numbers are unique.)
/// </summary>
public sealed class HotlineImportJobs(IServiceScopeFactory scopes, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<HotlineImportJobs> logger)
{
    private readonly ConcurrentDictionary<Guid, ImportJob> _jobs = new();

    public ImportJob Start(byte[] content, string fileName, ClaimsPrincipal user)
    {
        Forget();
        var now = clock.GetUtcNow().UtcDateTime;
        var job = new ImportJob(Guid.CreateVersion7(now), user.GetUserId() ?? Guid.Empty, fileName, now);
        _jobs[job.Id] = job;
        var stopping = lifetime.ApplicationStopping;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ImportEvents.Handler>().RunAsync(job, content, fileName, user, stopping);
            }
            catch (Exception e)
            {
                logger.LogError(e, "12345 import {JobId} failed", job.Id);
                job.Finish(ImportState.Failed, clock.GetUtcNow().UtcDateTime, message: "导入失败，未保存任何工单。请稍后重试。");
            }
        }, CancellationToken.None);
        return job;
    }

    /// <summary>The job, to the user who started it only.</summary>
    public ImportJob? Find(Guid id, ClaimsPrincipal user) =>
        _jobs.TryGetValue(id, out var job) && job.UserId == user.GetUserId() ? job : null;

    private void Forget()
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddHours(-1);
        foreach (var (id, job) in _jobs)
        {
            if (job.Snapshot().FinishedAt < cutoff)
            {
                _jobs.TryRemove(id, out _);
            }
        }
    }
}
