using Jiexin.Data;

namespace Jiexin.Platform.Jobs;

/// <summary>
/// An import job while this instance runs it: the importer changes it in memory (cheap, any number of times), and
/// <see cref="ImportJobsPump"/> writes the latest state to the database at most every
/// <see cref="JobsOptions.ImportFlushMilliseconds"/>, renewing the lease at the same time. Readers on this instance
/// see the memory, readers elsewhere the row.
/// </summary>
public sealed class ImportJobRun
{
    private readonly object _lock = new();
    private readonly ImportJobs _owner;
    private ImportJobView _view;
    private long _version;
    private long _flushedVersion;
    private ImportJobView? _staged;
    private Func<string, Task>? _onCommand;

    internal ImportJobRun(ImportJobs owner, ImportJobView view, DateTime leaseRenewedAt)
    {
        _owner = owner;
        _view = view;
        LeaseRenewedAt = leaseRenewedAt;
    }

    public Guid Id => _view.Id;

    public ImportJobView View
    {
        get
        {
            lock (_lock)
            {
                return _view;
            }
        }
    }

    /// <summary>Data the job keeps in memory between its steps (e.g. validated rows waiting for the user's choice).</summary>
    public object? Payload { get; set; }

    internal DateTime LeaseRenewedAt { get; set; }

    /// <summary>The row was finished by someone else (the lease ran out): this run may no longer save anything.</summary>
    internal bool Lost { get; set; }

    internal DateTime? WaitsUntil { get; private set; }

    internal string? WaitExpiredMessage { get; private set; }

    internal bool IsWaiting => Volatile.Read(ref _onCommand) is not null;

    public void Progress(string state, int processed, int total) => Change(v => v with { State = state, Processed = processed, Total = total });

    public void Change(Func<ImportJobView, ImportJobView> change)
    {
        lock (_lock)
        {
            _view = change(_view);
            _version++;
        }
    }

    /// <summary>Saves a final state (a failure, a rejection) at once and forgets the run.</summary>
    public Task FinishAsync(Func<ImportJobView, ImportJobView> change) => _owner.FinishAsync(this, change);

    /// <summary>
    /// Writes the final state inside the importer's own transaction, so the imported records and "succeeded" commit
    /// together; false when the job is no longer this instance's (its lease ran out): roll back then. Call
    /// <see cref="CompleteStaged"/> after the commit.
    /// </summary>
    public Task<bool> StageFinishAsync(JiexinDbContext db, Func<ImportJobView, ImportJobView> change, CancellationToken ct) =>
        _owner.StageFinishAsync(this, db, change, ct);

    public void CompleteStaged()
    {
        ImportJobView staged;
        lock (_lock)
        {
            staged = _staged ?? throw new InvalidOperationException("Nothing staged.");
        }

        _owner.Complete(this, staged);
    }

    /// <summary>Saves the whole error report (downloaded later, from any instance).</summary>
    public Task SaveReportAsync<T>(IEnumerable<T> errors, CancellationToken ct) => _owner.SaveReportAsync(Id, ImportJobView.ToJson(errors), ct);

    /// <summary>
    /// Writes the current state now, then waits for a user's next step (<see cref="ImportJobs.RequestAsync"/> on any
    /// instance); after <paramref name="maxWait"/> the job fails with <paramref name="expiredMessage"/>.
    /// </summary>
    public async Task WaitForCommandAsync(Func<string, Task> onCommand, TimeSpan maxWait, string expiredMessage, CancellationToken ct)
    {
        WaitsUntil = _owner.Now().Add(maxWait);
        WaitExpiredMessage = expiredMessage;
        Volatile.Write(ref _onCommand, onCommand);

        // A graceful stop fails the waiting jobs (ImportJobs.AbandonWaitingAsync); one that began before this job was
        // waiting did not see it, so the job fails here, with the same message, instead of when its lease runs out.
        if (ct.IsCancellationRequested)
        {
            if (TakeCommandHandler() is not null)
            {
                Payload = null;
                await _owner.FinishAsync(this, v => v with { State = ImportJobs.FailedState, Message = ImportJobs.InterruptedMessage });
            }

            return;
        }

        await _owner.FlushAsync(this, ct);
    }

    /// <summary>The waiting step, once: whoever takes it (the request's instance or the pump) runs it.</summary>
    internal Func<string, Task>? TakeCommandHandler() => Interlocked.Exchange(ref _onCommand, null);

    internal bool TryTakeDirty(out ImportJobView view, out long version)
    {
        lock (_lock)
        {
            (view, version) = (_view, _version);
            return _version != _flushedVersion;
        }
    }

    internal void Flushed(long version)
    {
        lock (_lock)
        {
            _flushedVersion = Math.Max(_flushedVersion, version);
        }
    }

    internal void Stage(ImportJobView final)
    {
        lock (_lock)
        {
            _staged = final;
        }
    }

    internal void Complete(ImportJobView final)
    {
        lock (_lock)
        {
            _view = final;
            _version++;
            _flushedVersion = _version;
        }
    }
}
