using System.Security.Claims;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Jobs;

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

/// <summary>The people import's own figures on its job row (the preview is masked, as shown).</summary>
public sealed record PeopleImportDetails(int TotalRows, int InvalidRows, int Created, PeopleImportMode? Mode, IReadOnlyList<PeopleImportPreviewRow> Preview);

/// <summary>What became of a user's choice after the preview.</summary>
public enum PeopleImportCommit
{
    NotFound,

    /// <summary>Still validating, or imported already.</summary>
    NotWaiting,
    Started,
}

/// <summary>
/// The people imports, kept as Platform import jobs in the database (<see cref="ImportJobs"/>, like the 12345 import):
/// validation runs in the background on the instance that took the upload, which keeps the checked rows (sealed) in
/// memory; the user looks at the preview and chooses a mode — on any instance: the choice is written to the job row
/// and the holding instance carries it out; pollers anywhere read progress. A choice not made within two hours, or
/// a holding instance that restarts, fails the job (nothing saved).
/// </summary>
public sealed class PeopleImportJobs(ImportJobs jobs, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<PeopleImportJobs> logger)
{
    public const string Kind = "registry.people";

    /// <summary>The API and the page show this many errors; the downloadable report has them all.</summary>
    public const int ErrorsShown = 200;

    private static readonly TimeSpan ChoiceWait = TimeSpan.FromHours(2);

    public async Task<PeopleImportDto> StartAsync(byte[] content, string fileName, ClaimsPrincipal user, PeopleImportMode? importAtOnce, CancellationToken ct)
    {
        var run = await jobs.StartAsync(Kind, user.GetUserId() ?? Guid.Empty, fileName, nameof(PeopleImportState.Validating), ct);
        var stopping = lifetime.ApplicationStopping;
        Run(run, async handler =>
        {
            if (!await handler.ValidateAsync(run, content, user, stopping))
            {
                return;
            }

            if (importAtOnce is { } mode)
            {
                await handler.ImportAsync(run, mode, user, stopping);
                return;
            }

            await run.WaitForCommandAsync(
                command => RunAsync(run, h => h.ImportAsync(run, Enum.Parse<PeopleImportMode>(command), user, stopping)),
                ChoiceWait, "超过两小时未确认导入方式，未导入任何人员。请重新上传文件。", stopping);
        });
        return ToDto(run.View);
    }

    /// <summary>The user's choice after the preview, from any instance.</summary>
    public async Task<PeopleImportCommit> CommitAsync(Guid id, PeopleImportMode mode, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await FindAsync(id, user, ct) is null)
        {
            return PeopleImportCommit.NotFound;
        }

        return await jobs.RequestAsync(Kind, id, user.GetUserId(), nameof(PeopleImportState.Validated), nameof(PeopleImportState.Importing), mode.ToString(), ct)
            ? PeopleImportCommit.Started
            : PeopleImportCommit.NotWaiting;
    }

    /// <summary>The job, to the user who started it only.</summary>
    public async Task<PeopleImportDto?> FindAsync(Guid id, ClaimsPrincipal user, CancellationToken ct) =>
        await jobs.FindAsync(Kind, id, user.GetUserId(), ct) is { } view ? ToDto(view) : null;

    /// <summary>Every error of the job (the report), to the user who started it only; null when there is no such job.</summary>
    public async Task<IReadOnlyList<PeopleImportError>?> ErrorsAsync(Guid id, ClaimsPrincipal user, CancellationToken ct) =>
        await jobs.ReportJsonAsync(Kind, id, user.GetUserId(), ct) is { } json
            ? System.Text.Json.JsonSerializer.Deserialize<List<PeopleImportError>>(json, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)) ?? []
            : null;

    public static PeopleImportDto ToDto(ImportJobView v)
    {
        var state = v.StateAs<PeopleImportState>();
        var d = v.Details<PeopleImportDetails>() ?? new PeopleImportDetails(0, 0, 0, null, []);
        var mode = d.Mode ?? (Enum.TryParse<PeopleImportMode>(v.Command, out var asked) ? asked : null);
        var part = v.Total == 0 ? 0 : 50 * Math.Min(v.Processed, v.Total) / v.Total;
        var percent = v.IsFinished || state == PeopleImportState.Validated ? 100 : state == PeopleImportState.Validating ? part : 50 + part;
        return new(v.Id, v.FileName, state, d.TotalRows, Math.Max(0, d.TotalRows - d.InvalidRows), d.InvalidRows, v.Processed, v.Total, percent,
            d.Created, mode, v.Message, v.Errors<PeopleImportError>(), d.Preview, v.CreatedAt, v.FinishedAt);
    }

    /// <summary>A finished job's row: the bar full, the message and the count of people saved.</summary>
    internal static ImportJobView Final(ImportJobView v, PeopleImportState state, string message, int created = 0)
    {
        var d = v.Details<PeopleImportDetails>() ?? new PeopleImportDetails(0, 0, 0, null, []);
        return (v with { State = state.ToString(), Processed = v.Total, Message = message }).WithDetails(d with { Created = created });
    }

    private void Run(ImportJobRun run, Func<ImportPeople.Handler, Task> work) =>
        _ = Task.Run(() => RunAsync(run, work), CancellationToken.None);

    private async Task RunAsync(ImportJobRun run, Func<ImportPeople.Handler, Task> work)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await work(scope.ServiceProvider.GetRequiredService<ImportPeople.Handler>());
        }
        catch (Exception e)
        {
            // The exception names no personal data (values never go into exception messages here).
            logger.LogError(e, "People import {JobId} failed", run.Id);
            run.Payload = null;
            await run.FinishAsync(v => Final(v, PeopleImportState.Failed,
                lifetime.ApplicationStopping.IsCancellationRequested ? ImportJobs.InterruptedMessage : "导入失败，未保存任何人员。请稍后重试。"));
        }
    }
}
