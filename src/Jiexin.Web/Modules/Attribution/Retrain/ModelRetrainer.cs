using System.Globalization;
using Jiexin.Data;
using Jiexin.Modules.Attribution.Catalog;
using Jiexin.Modules.Attribution.Domain;
using Jiexin.Modules.Attribution.Evaluation;
using Jiexin.Modules.Attribution.Model;
using Jiexin.Modules.Events.Contracts;
using Jiexin.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiexin.Modules.Attribution.Retrain;

/// <summary>
/// Learning from dispatchers (docs/decisions/0024-attribution-learning.md): takes the events whose category a person
/// confirmed, maps each 小类 to its first-level label, holds back a fixed part by hash of the event id, trains a candidate
/// on the rest (plus the base file when configured), scores the current model and the candidate on the held-back part,
/// and installs the candidate only when its macro-F1 is higher. Every outcome goes to the audit log.
/// Single-run across instances through <see cref="ModelRetrainState"/>: a run first claims its lease with one
/// conditional UPDATE.
/// </summary>
public sealed class ModelRetrainer(
    JiexinDbContext db,
    ICategoryHistory history,
    AttributionCatalog catalog,
    FirstLevelModelHost host,
    IAuditTrail audit,
    IOptionsMonitor<AttributionOptions> options,
    TimeProvider clock,
    ILogger<ModelRetrainer> log)
{
    public const string AuditAction = "attribution.model.retrain";

    /// <summary>A small, fast recipe: one SVM, no calibration (tests; machines that cannot spare minutes).</summary>
    public static readonly TrainerSettings Quick = new()
    {
        Features = new FeatureSettings { HashBits = 18, MaxCharN = 3, TitleMaxN = 3 },
        Members = [new(MemberKind.Svm, 1)],
        Balanced = true,
        CalibrationFolds = 0,
        MaxEpochs = 30,
    };

    private RetrainOptions Settings => options.CurrentValue.Retrain;

    /// <summary>Held back for the comparison: a fixed share of events by hash of their id (never changes between runs).</summary>
    public static bool IsHeldOut(Guid eventId, int percent)
    {
        var h = 2166136261u;
        foreach (var c in eventId.ToString("N"))
        {
            h = (h ^ c) * 16777619u;
        }

        return h % 100 < (uint)percent;
    }

    /// <summary>
    /// Claims the single-run lease and records a new run, or returns null when another run holds the lease (or, for the
    /// schedule, when it is not due yet).
    /// </summary>
    public async Task<ModelTrainingRun?> TryStartAsync(RetrainTrigger trigger, string? requestedBy, CancellationToken ct)
    {
        await EnsureStateAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var runId = Guid.CreateVersion7(now);
        var until = now.AddMinutes(Math.Max(1, Settings.LeaseMinutes));
        var free = db.Set<ModelRetrainState>().Where(s => s.Id == ModelRetrainState.FirstLevel && (s.LeaseUntil == null || s.LeaseUntil < now));
        int claimed;
        if (trigger == RetrainTrigger.Scheduled)
        {
            var next = now.AddDays(Math.Max(0.001, Settings.IntervalDays));
            claimed = await free.Where(s => s.NextScheduledAt != null && s.NextScheduledAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.RunId, runId).SetProperty(x => x.LeaseUntil, until).SetProperty(x => x.NextScheduledAt, next), ct);
        }
        else
        {
            claimed = await free.ExecuteUpdateAsync(s => s.SetProperty(x => x.RunId, runId).SetProperty(x => x.LeaseUntil, until), ct);
        }

        if (claimed == 0)
        {
            return null;
        }

        var run = new ModelTrainingRun
        {
            Id = runId,
            Trigger = trigger,
            RequestedBy = requestedBy,
            Status = RetrainStatus.Running,
            Stage = "排队",
            StartedAt = now,
            CurrentModel = host.Current?.Name,
        };
        db.Add(run);
        await db.SaveChangesAsync(ct);
        return run;
    }

    /// <summary>Does the run claimed by <see cref="TryStartAsync"/>, then records it, audits it and frees the lease.</summary>
    public async Task<ModelTrainingRun> RunAsync(Guid runId, CancellationToken ct)
    {
        var run = await db.Set<ModelTrainingRun>().SingleAsync(r => r.Id == runId, ct);
        TextClassifier? installed = null;
        try
        {
            installed = await ExecuteAsync(run, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            run.Status = RetrainStatus.Failed;
            run.Message = "应用停止，重新训练已中断；当前模型不变。";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Retraining {Run} failed", run.Id);
            run.Status = RetrainStatus.Failed;
            run.Message = Truncate($"重新训练失败，当前模型不变：{e.Message}", 500);
        }

        if (run.Status != RetrainStatus.Failed)
        {
            // A failed run keeps the stage it failed in, so the page can show where it stopped.
            run.Stage = "完成";
        }

        run.FinishedAt = clock.GetUtcNow().UtcDateTime;

        // Audited before the run shows as finished, and the run's outcome saved with the lease's release in one
        // transaction: whoever sees the finished run finds its audit entry and may start the next run at once.
        await audit.RecordAsync(new AuditRecord(AuditAction)
        {
            EntityType = nameof(ModelTrainingRun),
            EntityId = run.Id.ToString(),
            Details = new Dictionary<string, object?>
            {
                ["trigger"] = run.Trigger.ToString(),
                ["requestedBy"] = run.RequestedBy,
                ["outcome"] = run.Status.ToString(),
                ["replaced"] = run.Replaced,
                ["history"] = run.HistoryCount,
                ["train"] = run.TrainCount,
                ["heldOut"] = run.HeldOutCount,
                ["base"] = run.BaseCount,
                ["currentModel"] = run.CurrentModel,
                ["currentMacroF1"] = Round(run.CurrentMacroF1),
                ["currentAccuracy"] = Round(run.CurrentAccuracy),
                ["candidateModel"] = run.CandidateModel,
                ["candidateMacroF1"] = Round(run.CandidateMacroF1),
                ["candidateAccuracy"] = Round(run.CandidateAccuracy),
                ["message"] = run.Message,
            },
        }, CancellationToken.None);
        await using (var tx = await db.Database.BeginTransactionAsync(CancellationToken.None))
        {
            await db.SaveChangesAsync(CancellationToken.None);
            var release = db.Set<ModelRetrainState>().Where(s => s.Id == ModelRetrainState.FirstLevel && s.RunId == run.Id);
            if (installed is not null)
            {
                await release.ExecuteUpdateAsync(s => s.SetProperty(x => x.RunId, (Guid?)null).SetProperty(x => x.LeaseUntil, (DateTime?)null)
                    .SetProperty(x => x.ModelName, installed.Name), CancellationToken.None);
            }
            else
            {
                await release.ExecuteUpdateAsync(s => s.SetProperty(x => x.RunId, (Guid?)null).SetProperty(x => x.LeaseUntil, (DateTime?)null), CancellationToken.None);
            }

            await tx.CommitAsync(CancellationToken.None);
        }

        log.LogInformation("Retraining {Run}: {Status} ({Message})", run.Id, run.Status, run.Message);
        return run;
    }

    /// <summary>
    /// After another instance installed a retrained model (recorded in the state row), loads the configured file here
    /// too. Returns whether it loaded one.
    /// </summary>
    public async Task<bool> SyncModelAsync(CancellationToken ct)
    {
        var name = await db.Set<ModelRetrainState>().AsNoTracking()
            .Where(s => s.Id == ModelRetrainState.FirstLevel).Select(s => s.ModelName).FirstOrDefaultAsync(ct);
        if (name is null || host.Current?.Name == name)
        {
            return false;
        }

        var loaded = host.LoadConfigured() && host.Current?.Name == name;
        if (!loaded)
        {
            log.LogWarning("Retrained model {Model} is not at the configured path on this instance (share the model folder between instances)", name);
        }

        return loaded;
    }

    private async Task<TextClassifier?> ExecuteAsync(ModelTrainingRun run, CancellationToken ct)
    {
        var settings = Settings;
        await StageAsync(run, "收集历史", ct);
        var snapshot = catalog.Current;
        var confirmed = await history.ListConfirmedAsync(Math.Max(2, settings.MaxHistory), ct);
        var labelled = new List<(Guid EventId, string Text, string Label)>(confirmed.Count);
        foreach (var row in confirmed)
        {
            // 其他 says only "none of these": it teaches the first-level model nothing.
            if (!string.IsNullOrWhiteSpace(row.Text) && row.CategoryCode != snapshot.Fallback.Code
                && snapshot.Find(row.CategoryCode) is { } category && FirstLevelLabels.All.Contains(category.Label))
            {
                labelled.Add((row.EventId, row.Text, category.Label));
            }
        }

        run.HistoryCount = labelled.Count;
        if (labelled.Count < settings.MinHistory)
        {
            run.Status = RetrainStatus.NotEnoughHistory;
            run.Message = $"已由人工确认类别的事件 {labelled.Count} 条，少于设定的 {settings.MinHistory} 条，本次不训练，当前模型不变。";
            return null;
        }

        var percent = Math.Clamp(settings.HoldOutPercent, 5, 50);
        var heldOut = labelled.Where(r => IsHeldOut(r.EventId, percent)).ToList();
        var train = labelled.Where(r => !IsHeldOut(r.EventId, percent)).Select(r => (r.Text, r.Label)).ToList();
        run.HeldOutCount = heldOut.Count;
        run.TrainCount = train.Count;
        var baseRows = ReadBaseRows();
        run.BaseCount = baseRows.Count;
        if (heldOut.Count == 0 || train.Concat(baseRows).Select(r => r.Label).Distinct(StringComparer.Ordinal).Count() < 2)
        {
            run.Status = RetrainStatus.NotEnoughHistory;
            run.Message = "历史数据不足以比较：留出部分为空，或训练数据少于两个一级类别。当前模型不变。";
            return null;
        }

        await StageAsync(run, "训练候选模型", ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var name = "first-level-r" + now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var recipe = settings.Trainer == TrainerPreset.Quick ? Quick : ClassifierTrainer.Recommended;
        var candidate = await Task.Run(() => ClassifierTrainer.Train([.. train, .. baseRows], recipe, name), ct);
        run.CandidateModel = candidate.Name;

        await StageAsync(run, "评估", ct);
        var current = host.Current;
        run.CurrentModel = current?.Name;
        var candidateScore = Score(candidate, heldOut);
        run.CandidateMacroF1 = candidateScore.MacroF1;
        run.CandidateAccuracy = candidateScore.Accuracy;
        if (current is not null)
        {
            var currentScore = Score(current, heldOut);
            run.CurrentMacroF1 = currentScore.MacroF1;
            run.CurrentAccuracy = currentScore.Accuracy;
        }

        if (current is not null && !(candidateScore.MacroF1 > run.CurrentMacroF1))
        {
            run.Status = RetrainStatus.Kept;
            run.Message = $"候选模型在留出的 {heldOut.Count} 条上宏平均 F1 {candidateScore.MacroF1:0.0000}，未超过当前模型的 {run.CurrentMacroF1:0.0000}，保留当前模型。";
            return null;
        }

        await StageAsync(run, "替换模型", ct);
        var path = options.CurrentValue.ModelPath;
        if (!string.IsNullOrWhiteSpace(path))
        {
            var full = ModelFiles.Resolve(path);
            if (File.Exists(full))
            {
                File.Copy(full, full + ".previous", overwrite: true); // one step back, by hand if ever needed
            }

            ModelFiles.Save(candidate, full); // temporary file, then moved over: a reader never sees half a model
        }

        host.Swap(candidate);
        run.Replaced = true;
        run.Status = RetrainStatus.Replaced;
        run.Message = current is null
            ? $"此前没有模型，已启用候选模型（留出 {heldOut.Count} 条上宏平均 F1 {candidateScore.MacroF1:0.0000}）。"
            : $"候选模型在留出的 {heldOut.Count} 条上宏平均 F1 {candidateScore.MacroF1:0.0000}，高于当前模型的 {run.CurrentMacroF1:0.0000}，已替换。";
        return candidate;
    }

    private static ClassificationReport Score(TextClassifier model, List<(Guid EventId, string Text, string Label)> heldOut) =>
        ClassificationMetrics.Evaluate([.. heldOut.Select(r => (r.Label, model.Predict(r.Text).BestLabel))]);

    private List<(string Text, string Label)> ReadBaseRows()
    {
        var path = options.CurrentValue.BaseTrainingData;
        if (string.IsNullOrWhiteSpace(path))
        {
            return [];
        }

        var full = Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
        if (!File.Exists(full) && File.Exists(path))
        {
            full = Path.GetFullPath(path);
        }

        if (!File.Exists(full))
        {
            throw new IOException($"找不到基础训练数据 {path}（Jiexin:Attribution:BaseTrainingData）。");
        }

        using var reader = new StreamReader(full);
        return [.. LabelledCsv.Read(reader).Where(r => FirstLevelLabels.All.Contains(r.Label)).Select(r => (r.Text, r.Label))];
    }

    private async Task StageAsync(ModelTrainingRun run, string stage, CancellationToken ct)
    {
        run.Stage = stage;
        await db.SaveChangesAsync(ct);
    }

    private async Task EnsureStateAsync(CancellationToken ct)
    {
        if (await db.Set<ModelRetrainState>().AnyAsync(s => s.Id == ModelRetrainState.FirstLevel, ct))
        {
            return;
        }

        var state = new ModelRetrainState
        {
            Id = ModelRetrainState.FirstLevel,
            NextScheduledAt = clock.GetUtcNow().UtcDateTime.AddDays(Math.Max(0.001, Settings.IntervalDays)),
        };
        db.Add(state);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance created it a moment ago: theirs is as good.
        }

        db.Entry(state).State = EntityState.Detached;
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
