using System.Collections.Concurrent;
using Jiexin.Data;
using Jiexin.Platform.ScaleOut;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Options;

namespace Jiexin.Platform.Jobs;

/// <summary>
/// Bulk import jobs in the database (<c>platform_import_jobs</c>), so any instance answers for any job and a restart
/// loses nothing but the work in flight: a job is started and run by one instance, which holds a lease on it and
/// writes its progress every few hundred milliseconds (<see cref="ImportJobsPump"/>); readers anywhere see the row.
/// A job still unfinished when its lease ran out belonged to an instance that died: whoever reads it next, or
/// <see cref="ImportJobsSweep"/>, marks it failed (imports are all-or-nothing, so nothing of it was saved). Finished
/// jobs are deleted after <see cref="JobsOptions.ImportRetentionDays"/>. docs/decisions/0043-import-jobs-in-the-database.md.
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, IClusterBus cluster, IOptions<JobsOptions> options, TimeProvider clock, ILogger<ImportJobs> log)
{
    /// <summary>Every kind's state enum has this member: the state of a job that could not finish.</summary>
    public const string FailedState = "Failed";

    public const string InterruptedMessage = "导入中断（服务重启），未保存任何记录，请重新上传。";

    private readonly ConcurrentDictionary<Guid, ImportJobRun> _live = new();

    /// <summary>This instance's name on job rows: the node name plus a per-process tag (a restarted node is another holder).</summary>
    internal string Holder { get; } = cluster.NodeName[..Math.Min(cluster.NodeName.Length, 160)] + "/" + Guid.NewGuid().ToString("N")[..12];

    private TimeSpan Lease => TimeSpan.FromSeconds(Math.Max(2, options.Value.ImportLeaseSeconds));

    internal DateTime Now() => clock.GetUtcNow().UtcDateTime;

    internal bool HasLive => !_live.IsEmpty;

    public async Task<ImportJobRun> StartAsync(string kind, Guid userId, string fileName, string state, CancellationToken ct)
    {
        var now = Now();
        var row = new ImportJobRow
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            UserId = userId,
            FileName = fileName.Length > ImportJobRow.FileNameMaxLength ? fileName[..ImportJobRow.FileNameMaxLength] : fileName,
            State = state,
            CreatedAt = now,
            UpdatedAt = now,
            Holder = Holder,
            LeasedUntil = now + Lease,
        };
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<JiexinDbContext>();
            db.Add(row);
            await db.SaveChangesAsync(ct);
        }

        var run = new ImportJobRun(this, ImportJobView.Of(row), now);
        _live[row.Id] = run;
        return run;
    }

    /// <summary>The job, to the user who started it only (others, and other kinds, get null).</summary>
    public async Task<ImportJobView?> FindAsync(string kind, Guid id, Guid? userId, CancellationToken ct)
    {
        if (userId is null)
        {
            return null;
        }

        if (_live.TryGetValue(id, out var run) && !run.Lost)
        {
            var view = run.View;
            return view.Kind == kind && view.UserId == userId ? view : null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JiexinDbContext>();
        var row = await db.Set<ImportJobRow>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.Kind == kind && r.UserId == userId, ct);
        if (row is { FinishedAt: null } && row.LeasedUntil < Now())
        {
            await MarkInterruptedAsync(db.Set<ImportJobRow>().Where(r => r.Id == id), ct);
            row = await db.Set<ImportJobRow>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        }

        return row is null ? null : ImportJobView.Of(row);
    }

    /// <summary>The whole error report as JSON, to the job's user only; null when there is no such job.</summary>
    public async Task<string?> ReportJsonAsync(string kind, Guid id, Guid? userId, CancellationToken ct)
    {
        if (await FindAsync(kind, id, userId, ct) is not { } view)
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JiexinDbContext>();
        return await db.Set<ImportJobReport>().AsNoTracking().Where(r => r.JobId == id).Select(r => r.ErrorsJson).FirstOrDefaultAsync(ct)
            ?? view.ErrorsJson ?? "[]";
    }

    /// <summary>
    /// A user's next step for a waiting job (from any instance): moves it from <paramref name="fromState"/> to
    /// <paramref name="toState"/> once, atomically; the instance holding the job carries it out. False when the job
    /// is not the user's, or not waiting in that state (any more).
    /// </summary>
    public async Task<bool> RequestAsync(string kind, Guid id, Guid? userId, string fromState, string toState, string command, CancellationToken ct)
    {
        if (userId is null || await FindAsync(kind, id, userId, ct) is null)
        {
            return false;
        }

        if (_live.TryGetValue(id, out var local) && !local.Lost && local.View.State == fromState)
        {
            // The user saw this state in the live view, which runs one write ahead of the row (WaitForCommandAsync
            // changes the view, then writes it): a quick click could find the row still in the state before. Write first.
            await FlushAsync(local, ct);
        }

        var now = Now();
        int moved;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<JiexinDbContext>();
            moved = await db.Set<ImportJobRow>()
                .Where(r => r.Id == id && r.Kind == kind && r.UserId == userId && r.State == fromState && r.FinishedAt == null
                    && r.Command == null && r.LeasedUntil >= now)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, toState).SetProperty(r => r.Command, command).SetProperty(r => r.UpdatedAt, now), ct);
        }

        if (moved == 1 && _live.TryGetValue(id, out var run))
        {
            Carry(run, toState, command); // ours: at once, not at the pump's next tick
        }

        return moved == 1;
    }

    internal async Task FinishAsync(ImportJobRun run, Func<ImportJobView, ImportJobView> change)
    {
        var final = change(run.View) with { FinishedAt = Now() };
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<JiexinDbContext>();
            await WriteAsync(db.Set<ImportJobRow>().Where(r => r.Id == run.Id && r.FinishedAt == null && r.Holder == Holder), final, lease: null, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The lease then runs out and readers see the job as interrupted (true: nothing was saved).
            log.LogWarning(e, "Import job {JobId}: saving its final state failed", run.Id);
        }

        Complete(run, final);
    }

    internal async Task<bool> StageFinishAsync(ImportJobRun run, JiexinDbContext db, Func<ImportJobView, ImportJobView> change, CancellationToken ct)
    {
        var final = change(run.View) with { FinishedAt = Now() };
        var written = await WriteAsync(db.Set<ImportJobRow>().Where(r => r.Id == run.Id && r.FinishedAt == null && r.Holder == Holder), final, lease: null, ct);
        if (written == 1)
        {
            run.Stage(final);
        }

        return written == 1;
    }

    internal void Complete(ImportJobRun run, ImportJobView final)
    {
        run.Complete(final);
        _live.TryRemove(run.Id, out _);
    }

    internal async Task SaveReportAsync(Guid id, string errorsJson, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JiexinDbContext>();
        await db.Set<ImportJobReport>().Where(r => r.JobId == id).ExecuteDeleteAsync(ct);
        db.Add(new ImportJobReport { JobId = id, ErrorsJson = errorsJson });
        await db.SaveChangesAsync(ct);
    }

    internal async Task FlushAsync(ImportJobRun run, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await FlushAsync(scope.ServiceProvider.GetRequiredService<JiexinDbContext>(), run, Now(), force: true, ct);
    }

    /// <summary>
    /// One pump tick: writes every changed job of this instance and renews leases that are a third used; hands
    /// waiting jobs the steps users asked for on other instances; fails jobs that waited too long.
    /// </summary>
    internal async Task PumpOnceAsync(CancellationToken ct)
    {
        if (_live.IsEmpty)
        {
            return;
        }

        var now = Now();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JiexinDbContext>();
        foreach (var run in _live.Values.Where(r => !r.Lost))
        {
            await FlushAsync(db, run, now, force: false, ct);
        }

        // A waiting job that lost its lease reads as interrupted everywhere: drop the rows it kept for the choice.
        foreach (var run in _live.Values.Where(r => r.Lost && r.IsWaiting))
        {
            if (run.TakeCommandHandler() is not null)
            {
                run.Payload = null;
                _live.TryRemove(run.Id, out _);
            }
        }

        var waiting = _live.Values.Where(r => r.IsWaiting && !r.Lost).ToList();
        if (waiting.Count == 0)
        {
            return;
        }

        var ids = waiting.Select(r => r.Id).ToList();
        var asked = await db.Set<ImportJobRow>().AsNoTracking()
            .Where(r => ids.Contains(r.Id) && r.Command != null && r.FinishedAt == null)
            .Select(r => new { r.Id, r.State, r.Command }).ToListAsync(ct);
        foreach (var a in asked)
        {
            Carry(_live[a.Id], a.State, a.Command!);
        }

        foreach (var run in waiting.Where(r => r.WaitsUntil < now && asked.All(a => a.Id != r.Id)))
        {
            if (run.TakeCommandHandler() is not null)
            {
                await FinishAsync(run, v => v with { State = FailedState, Message = run.WaitExpiredMessage });
            }
        }
    }

    /// <summary>
    /// On a graceful stop: jobs waiting for a choice lose the rows this instance kept for them, so they fail now rather
    /// than when their lease runs out. (Running imports see the stopping token and fail the same way.)
    /// </summary>
    internal async Task AbandonWaitingAsync()
    {
        foreach (var run in _live.Values.Where(r => r.IsWaiting))
        {
            if (run.TakeCommandHandler() is not null)
            {
                run.Payload = null;
                await FinishAsync(run, v => v with { State = FailedState, Message = InterruptedMessage });
            }
        }
    }

    private void Carry(ImportJobRun run, string state, string command)
    {
        if (run.TakeCommandHandler() is not { } handler)
        {
            return; // taken already
        }

        run.Change(v => v with { State = state, Command = command });
        _ = Task.Run(async () =>
        {
            try
            {
                await handler(command);
            }
            catch (Exception e)
            {
                log.LogError(e, "Import job {JobId}: its next step failed", run.Id);
                await FinishAsync(run, v => v with { State = FailedState, Message = "导入失败，未保存任何记录。请稍后重试。" });
            }
        }, CancellationToken.None);
    }

    private async Task FlushAsync(JiexinDbContext db, ImportJobRun run, DateTime now, bool force, CancellationToken ct)
    {
        var dirty = run.TryTakeDirty(out var view, out var version);
        if (!dirty && !force && now - run.LeaseRenewedAt < Lease / 3)
        {
            return;
        }

        try
        {
            var written = await WriteAsync(db.Set<ImportJobRow>().Where(r => r.Id == run.Id && r.FinishedAt == null && r.Holder == Holder),
                dirty || force ? view : null, now + Lease, ct);
            if (written == 1)
            {
                run.Flushed(version);
                run.LeaseRenewedAt = now;
            }
            else if (_live.ContainsKey(run.Id) && run.View.FinishedAt is null)
            {
                // Marked failed by a reader or the sweep while this instance could not renew the lease.
                run.Lost = true;
                log.LogWarning("Import job {JobId} lost its lease; it can no longer be saved", run.Id);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // SQLite: the import's own transaction holds the write lock until it commits; the next tick tries again.
            log.LogDebug(e, "Import job {JobId}: writing progress failed; tried again next tick", run.Id);
        }
    }

    private Task<int> WriteAsync(IQueryable<ImportJobRow> rows, ImportJobView? view, DateTime? lease, CancellationToken ct)
    {
        var now = Now();
        return rows.ExecuteUpdateAsync(s =>
        {
            s.SetProperty(r => r.UpdatedAt, now);
            if (lease is { } until)
            {
                s.SetProperty(r => r.LeasedUntil, until);
            }

            if (view is not null)
            {
                var message = view.Message is { Length: > ImportJobRow.MessageMaxLength } m ? m[..ImportJobRow.MessageMaxLength] : view.Message;
                s.SetProperty(r => r.State, view.State)
                    .SetProperty(r => r.Total, view.Total)
                    .SetProperty(r => r.Processed, view.Processed)
                    .SetProperty(r => r.Message, message)
                    .SetProperty(r => r.DetailsJson, view.DetailsJson)
                    .SetProperty(r => r.ErrorsJson, view.ErrorsJson)
                    .SetProperty(r => r.FinishedAt, view.FinishedAt);
            }
        }, ct);
    }

    private Task<int> MarkInterruptedAsync(IQueryable<ImportJobRow> rows, CancellationToken ct)
    {
        var now = Now();
        return rows.Where(r => r.FinishedAt == null && r.LeasedUntil < now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, FailedState)
                .SetProperty(r => r.Message, InterruptedMessage)
                .SetProperty(r => r.Command, (string?)null)
                .SetProperty(r => r.FinishedAt, now)
                .SetProperty(r => r.UpdatedAt, now), ct);
    }

    /// <summary>The sweep: jobs whose instance died are failed; finished jobs past retention are deleted with their reports.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JiexinDbContext>();
        var interrupted = await MarkInterruptedAsync(db.Set<ImportJobRow>(), ct);
        var cutoff = Now().AddDays(-Math.Max(1, options.Value.ImportRetentionDays));
        await db.Set<ImportJobReport>().Where(r => db.Set<ImportJobRow>().Any(j => j.Id == r.JobId && j.FinishedAt < cutoff)).ExecuteDeleteAsync(ct);
        var deleted = await db.Set<ImportJobRow>().Where(j => j.FinishedAt < cutoff).ExecuteDeleteAsync(ct);
        return interrupted + deleted;
    }
}
