namespace Jiexin.Modules.Attribution.Domain;

/// <summary>
/// One retraining of the first-level model on the deployment's own history (scheduled or on demand): how much history
/// there was, how the current model and the candidate scored on the held-back part, and whether the candidate replaced
/// the current model. The admin page shows these; the audit log keeps the same comparison.
/// </summary>
public sealed class ModelTrainingRun
{
    public Guid Id { get; set; }

    public RetrainTrigger Trigger { get; set; }

    /// <summary>Who asked for it (user name); null for the schedule.</summary>
    public string? RequestedBy { get; set; }

    public RetrainStatus Status { get; set; }

    /// <summary>What the run is doing now (收集历史, 训练候选模型, 评估, 替换模型, 完成): the page's progress.</summary>
    public string Stage { get; set; } = "";

    public DateTime StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>Events with a person-confirmed category that map to a first-level label.</summary>
    public int HistoryCount { get; set; }

    public int TrainCount { get; set; }

    public int HeldOutCount { get; set; }

    /// <summary>Rows of the base training file (<c>Jiexin:Attribution:BaseTrainingData</c>) trained on too.</summary>
    public int BaseCount { get; set; }

    public string? CurrentModel { get; set; }

    public double? CurrentMacroF1 { get; set; }

    public double? CurrentAccuracy { get; set; }

    public string? CandidateModel { get; set; }

    public double? CandidateMacroF1 { get; set; }

    public double? CandidateAccuracy { get; set; }

    public bool Replaced { get; set; }

    public string? Message { get; set; }
}

public enum RetrainTrigger
{
    Scheduled,
    Manual,
}

public enum RetrainStatus
{
    Running,

    /// <summary>The candidate scored better on the held-back history and is now the model.</summary>
    Replaced,

    /// <summary>The candidate did not score better: the current model stays.</summary>
    Kept,

    /// <summary>Less confirmed history than the configured minimum: nothing trained.</summary>
    NotEnoughHistory,

    Failed,
}

/// <summary>
/// The single row that makes retraining single-run across app instances: a run claims it with one conditional UPDATE
/// (lease free or expired, and for the schedule: due), so two instances never train at once; it also remembers when the
/// schedule is next due and which model the last replacement installed (other instances load that file on their next tick).
/// </summary>
public sealed class ModelRetrainState
{
    public const string FirstLevel = "first-level";

    public required string Id { get; set; }

    public Guid? RunId { get; set; }

    public DateTime? LeaseUntil { get; set; }

    public DateTime? NextScheduledAt { get; set; }

    /// <summary>The model the last replacement wrote to the configured path; null until one has.</summary>
    public string? ModelName { get; set; }
}
