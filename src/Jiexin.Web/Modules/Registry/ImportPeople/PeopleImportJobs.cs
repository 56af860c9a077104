using System.Collections.Concurrent;
using System.Security.Claims;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Platform.Auth;

namespace Jiexin.Modules.Registry.ImportPeople;

public enum PeopleImportMode
{
    /// <summary>全部导入或全部不导入: any bad row and nothing is saved.</summary>
    AllOrNothing,

    /// <summary>仅导入正确的行: bad rows are skipped and listed in the error report.</summary>
    ValidRowsOnly,
}

public enum PeopleImportState
{
    Validating,

    /// <summary>Checked; waiting for the user to choose a mode (the preview).</summary>
    Validated,
    Importing,
    Succeeded,

    /// <summary>Nothing saved: the file is unreadable, or all-or-nothing with bad rows.</summary>
    Rejected,

    /// <summary>Nothing saved: the import failed (e.g. the same people imported at the same moment).</summary>
    Failed,
}

/// <summary>One problem of one cell: "第 12 行，身份证号：…".</summary>
public sealed record PeopleImportError(int Row, string Column, string Message);

/// <summary>A valid row as the preview shows it (masked).</summary>
public sealed record PeopleImportPreviewRow(int Row, string Name, string? IdNumber, string? Phone, string Residence, string? Address);

public sealed record PeopleImportDto(
    Guid Id,
    string FileName,
    PeopleImportState State,
    int TotalRows,
    int ValidRows,
    int InvalidRows,
    int Processed,
    int ProcessTotal,
    int Percent,
    int Created,
    PeopleImportMode? Mode,
    string? Message,
    IReadOnlyList<PeopleImportError> Errors,
    IReadOnlyList<PeopleImportPreviewRow> Preview,
    DateTime StartedAt,
    DateTime? FinishedAt);

/// <summary>A running import: validated rows ready to insert, the errors, progress; read by pollers.</summary>
public sealed class PeopleImportJob(Guid id, Guid userId, string fileName, DateTime startedAt)
{
    /// <summary>The API and the page show this many errors; the downloadable report has them all.</summary>
    public const int ErrorsShown = 200;

    private readonly object _lock = new();
    private PeopleImportState _state = PeopleImportState.Validating;
    private int _totalRows;
    private int _processed;
    private int _processTotal;
    private int _created;
    private PeopleImportMode? _mode;
    private string? _message;
    private IReadOnlyList<PeopleImportError> _errors = [];
    private IReadOnlyList<PeopleImportPreviewRow> _preview = [];
    private DateTime? _finishedAt;

    public Guid Id { get; } = id;

    public Guid UserId { get; } = userId;

    public string FileName { get; } = fileName;

    /// <summary>The people to insert (sealed already), kept between the preview and the user's choice.</summary>
    internal IReadOnlyList<Person> Ready { get; private set; } = [];

    public IReadOnlyList<PeopleImportError> AllErrors
    {
        get
        {
            lock (_lock)
            {
                return _errors;
            }
        }
    }

    public PeopleImportState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    public void Progress(PeopleImportState state, int processed, int total)
    {
        lock (_lock)
        {
            (_state, _processed, _processTotal) = (state, processed, total);
        }
    }

    internal void Validated(int totalRows, IReadOnlyList<Person> ready, IReadOnlyList<PeopleImportError> errors, IReadOnlyList<PeopleImportPreviewRow> preview)
    {
        lock (_lock)
        {
            (_state, _totalRows, Ready, _errors, _preview) = (PeopleImportState.Validated, totalRows, ready, errors, preview);
            _processed = _processTotal;
        }
    }

    /// <summary>Moves a validated job to importing once; false when it is not waiting for a choice.</summary>
    public bool TryStart(PeopleImportMode mode)
    {
        lock (_lock)
        {
            if (_state != PeopleImportState.Validated)
            {
                return false;
            }

            (_state, _mode, _processed, _processTotal) = (PeopleImportState.Importing, mode, 0, Ready.Count);
            return true;
        }
    }

    public void Finish(PeopleImportState state, DateTime at, string message, int created = 0)
    {
        lock (_lock)
        {
            (_state, _message, _created, _finishedAt) = (state, message, created, at);
            _processed = _processTotal;
            Ready = [];
        }
    }

    public PeopleImportDto Snapshot()
    {
        lock (_lock)
        {
            var invalidRows = _errors.Select(e => e.Row).Distinct().Count();
            var part = _processTotal == 0 ? 0 : 50 * _processed / _processTotal;
            var percent = _finishedAt is not null || _state == PeopleImportState.Validated ? 100
                : _state == PeopleImportState.Validating ? part : 50 + part;
            return new(Id, FileName, _state, _totalRows, Math.Max(0, _totalRows - invalidRows), invalidRows, _processed, _processTotal, percent,
                _created, _mode, _message, [.. _errors.Take(ErrorsShown)], _preview, startedAt, _finishedAt);
        }
    }
}

/// <summary>
/// The people imports of this instance, in memory (like the 12345 import): validation runs in the background on its
/// own DI scope, the user looks at the preview and chooses a mode, the import runs in the background; pollers read
/// progress. Forgotten an hour after they finish, or two hours after they start if nobody chooses.
/// </summary>
public sealed class PeopleImportJobs(IServiceScopeFactory scopes, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<PeopleImportJobs> logger)
{
    private readonly ConcurrentDictionary<Guid, PeopleImportJob> _jobs = new();

    public PeopleImportJob Start(byte[] content, string fileName, ClaimsPrincipal user, PeopleImportMode? importAtOnce)
    {
        Forget();
        var now = clock.GetUtcNow().UtcDateTime;
        var job = new PeopleImportJob(Guid.CreateVersion7(now), user.GetUserId() ?? Guid.Empty, fileName, now);
        _jobs[job.Id] = job;
        Run(job, async handler =>
        {
            await handler.ValidateAsync(job, content, user, lifetime.ApplicationStopping);
            if (importAtOnce is { } mode && job.TryStart(mode))
            {
                await handler.ImportAsync(job, mode, user, lifetime.ApplicationStopping);
            }
        });
        return job;
    }

    /// <summary>The user's choice after the preview; false when the job is not waiting for one.</summary>
    public bool Commit(PeopleImportJob job, PeopleImportMode mode, ClaimsPrincipal user)
    {
        if (!job.TryStart(mode))
        {
            return false;
        }

        Run(job, handler => handler.ImportAsync(job, mode, user, lifetime.ApplicationStopping));
        return true;
    }

    /// <summary>The job, to the user who started it only.</summary>
    public PeopleImportJob? Find(Guid id, ClaimsPrincipal user) =>
        _jobs.TryGetValue(id, out var job) && job.UserId == user.GetUserId() ? job : null;

    private void Run(PeopleImportJob job, Func<ImportPeople.Handler, Task> work) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await work(scope.ServiceProvider.GetRequiredService<ImportPeople.Handler>());
            }
            catch (Exception e)
            {
                // The exception names no personal data (values never go into exception messages here).
                logger.LogError(e, "People import {JobId} failed", job.Id);
                job.Finish(PeopleImportState.Failed, clock.GetUtcNow().UtcDateTime, "导入失败，未保存任何人员。请稍后重试。");
            }
        }, CancellationToken.None);

    private void Forget()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (id, job) in _jobs)
        {
            var s = job.Snapshot();
            if (s.FinishedAt < now.AddHours(-1) || s.StartedAt < now.AddHours(-2))
            {
                _jobs.TryRemove(id, out _);
            }
        }
    }
}
