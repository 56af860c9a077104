using System.Security.Claims;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Jobs;

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

/// <summary>The 12345 import's own figures on its job row.</summary>
public sealed record HotlineImportDetails(int Created, int Skipped);

/// <summary>
/// The 12345 imports, kept as Platform import jobs in the database (<see cref="ImportJobs"/>): a job is started by a
/// request or a page on any instance, runs in the background on its own DI scope, and is polled from any instance.
/// A job interrupted by a restart is reported failed (its transaction rolled back; importing the file again is safe
/// because order numbers are unique).
/// </summary>
public sealed class HotlineImportJobs(ImportJobs jobs, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<HotlineImportJobs> logger)
{
    public const string Kind = "events.hotline";

    public async Task<ImportJobDto> StartAsync(byte[] content, string fileName, ClaimsPrincipal user, CancellationToken ct)
    {
        var run = await jobs.StartAsync(Kind, user.GetUserId() ?? Guid.Empty, fileName, nameof(ImportState.Validating), ct);
        var stopping = lifetime.ApplicationStopping;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ImportEvents.Handler>().RunAsync(run, content, user, stopping);
            }
            catch (Exception e)
            {
                logger.LogError(e, "12345 import {JobId} failed", run.Id);
                await run.FinishAsync(v => Final(v, ImportState.Failed,
                    message: stopping.IsCancellationRequested ? ImportJobs.InterruptedMessage : "导入失败，未保存任何工单。请稍后重试。"));
            }
        }, CancellationToken.None);
        return ToDto(run.View);
    }

    /// <summary>The job, to the user who started it only.</summary>
    public async Task<ImportJobDto?> FindAsync(Guid id, ClaimsPrincipal user, CancellationToken ct) =>
        await jobs.FindAsync(Kind, id, user.GetUserId(), ct) is { } view ? ToDto(view) : null;

    /// <summary>A finished job's row: the bar full, the figures and errors set.</summary>
    internal static ImportJobView Final(ImportJobView v, ImportState state, int created = 0, int skipped = 0, string? message = null,
        IReadOnlyList<ImportRowError>? errors = null) =>
        (v with { State = state.ToString(), Processed = v.Total, Message = message })
            .WithDetails(new HotlineImportDetails(created, skipped))
            .WithErrors(errors ?? []);

    /// <summary>Validation and import each count for half of the bar.</summary>
    public static ImportJobDto ToDto(ImportJobView v)
    {
        var state = v.StateAs<ImportState>();
        var half = v.Total == 0 ? 0 : 50 * Math.Min(v.Processed, v.Total) / v.Total;
        var percent = v.IsFinished ? 100 : state == ImportState.Validating ? half : 50 + half;
        var details = v.Details<HotlineImportDetails>();
        return new(v.Id, v.FileName, state, v.Total, v.IsFinished ? v.Total : v.Processed, percent, details?.Created ?? 0, details?.Skipped ?? 0,
            v.Message, v.Errors<ImportRowError>(), v.CreatedAt, v.FinishedAt);
    }
}
