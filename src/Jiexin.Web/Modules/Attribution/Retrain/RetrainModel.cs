using Jiexin.Data;
using Jiexin.Modules.Attribution.Domain;
using Jiexin.Modules.Attribution.Model;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Attribution.Retrain;

/// <summary>
/// <c>POST /api/v1/attribution/model/retrain</c> (Admin): starts a retraining on the deployment's confirmed history now
/// (202 with the run; 409 while another runs, on any instance). <c>GET /api/v1/attribution/model/retrain-runs</c> and
/// <c>…/retrain-runs/{id}</c>: the runs with their stage (progress) and the comparison.
/// </summary>
public static class RetrainModel
{
    public const string BusyMessage = "模型正在重新训练（可能由计划任务或其他管理员发起），请等它完成后再试。";

    public sealed record RunDto(
        Guid Id,
        RetrainTrigger Trigger,
        string? RequestedBy,
        RetrainStatus Status,
        string Stage,
        DateTime StartedAt,
        DateTime? FinishedAt,
        int HistoryCount,
        int TrainCount,
        int HeldOutCount,
        int BaseCount,
        string? CurrentModel,
        double? CurrentMacroF1,
        double? CurrentAccuracy,
        string? CandidateModel,
        double? CandidateMacroF1,
        double? CandidateAccuracy,
        bool Replaced,
        string? Message)
    {
        public static RunDto From(ModelTrainingRun r) => new(
            r.Id, r.Trigger, r.RequestedBy, r.Status, r.Stage, r.StartedAt, r.FinishedAt, r.HistoryCount, r.TrainCount, r.HeldOutCount, r.BaseCount,
            r.CurrentModel, r.CurrentMacroF1, r.CurrentAccuracy, r.CandidateModel, r.CandidateMacroF1, r.CandidateAccuracy, r.Replaced, r.Message);
    }

    /// <summary>The model in use, when the schedule is next due, the settings that matter, and the latest runs (newest first).</summary>
    public sealed record Overview(
        string? Model,
        string? ModelDescription,
        bool ScheduleEnabled,
        double IntervalDays,
        DateTime? NextScheduledAt,
        int MinHistory,
        int HoldOutPercent,
        bool Running,
        IReadOnlyList<RunDto> Runs);

    public sealed class Handler(JiexinDbContext db, ModelRetrainer retrainer, RetrainLauncher launcher, FirstLevelModelHost host,
        Microsoft.Extensions.Options.IOptionsMonitor<AttributionOptions> options, TimeProvider clock)
    {
        /// <summary>Null when another run holds the lease.</summary>
        public async Task<RunDto?> StartAsync(string? requestedBy, CancellationToken ct)
        {
            var run = await retrainer.TryStartAsync(RetrainTrigger.Manual, requestedBy, ct);
            if (run is null)
            {
                return null;
            }

            _ = launcher.Start(run.Id);
            return RunDto.From(run);
        }

        public async Task<RunDto?> FindAsync(Guid id, CancellationToken ct) =>
            await db.Set<ModelTrainingRun>().AsNoTracking().Where(r => r.Id == id).Select(r => RunDto.From(r)).FirstOrDefaultAsync(ct);

        public async Task<Overview> OverviewAsync(CancellationToken ct)
        {
            var runs = await db.Set<ModelTrainingRun>().AsNoTracking().OrderByDescending(r => r.StartedAt).Take(20).ToListAsync(ct);
            var state = await db.Set<ModelRetrainState>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == ModelRetrainState.FirstLevel, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var settings = options.CurrentValue.Retrain;
            var model = host.Current;
            return new Overview(
                model?.Name, model?.Description, settings.ScheduleEnabled, settings.IntervalDays, state?.NextScheduledAt, settings.MinHistory, settings.HoldOutPercent,
                state?.LeaseUntil is { } until && until > now, [.. runs.Select(RunDto.From)]);
        }
    }

    public static void Map(RouteGroupBuilder attribution)
    {
        attribution.MapPost("/model/retrain", async Task<Results<Accepted<RunDto>, ProblemHttpResult>> (Handler handler, HttpContext http, CancellationToken ct) =>
                await handler.StartAsync(http.User.Identity?.Name, ct) is { } run
                    ? TypedResults.Accepted($"/api/v1/attribution/model/retrain-runs/{run.Id}", run)
                    : Problems.Conflict(BusyMessage))
            .RequireAuthorization(Policies.Admin)
            .WithName("Attribution.RetrainModel")
            .WithSummary("立即用已确认类别的历史重新训练模型（更好才替换）")
            .WithDescription("Starts a retraining in the background: 202 with the run (poll its Location); 409 while another retraining runs.");

        attribution.MapGet("/model/retrain-runs", async Task<Ok<Overview>> (Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.OverviewAsync(ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName("Attribution.ListRetrainRuns")
            .WithSummary("模型学习：当前模型、计划与最近的重新训练记录");

        attribution.MapGet("/model/retrain-runs/{id:guid}", async Task<Results<Ok<RunDto>, ProblemHttpResult>> (Guid id, Handler handler, CancellationToken ct) =>
                await handler.FindAsync(id, ct) is { } run ? TypedResults.Ok(run) : Problems.NotFound("没有这次重新训练的记录。"))
            .RequireAuthorization(Policies.Admin)
            .WithName("Attribution.GetRetrainRun")
            .WithSummary("一次重新训练的进度与结果");
    }
}
