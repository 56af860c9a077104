using System.ComponentModel.DataAnnotations;
using Jiexin.Modules.Attribution.Model;

namespace Jiexin.Modules.Attribution;

/// <summary><c>Jiexin:Attribution</c> settings.</summary>
public sealed class AttributionOptions
{
    public const string Section = "Jiexin:Attribution";

    /// <summary>
    /// The first candidate's probability from which an event may be dispatched without a person; below it the event
    /// goes to the human triage queue (人工分拣).
    /// </summary>
    [Range(0.0, 1.0)]
    public double AutoDispatchThreshold { get; set; } = 0.6;

    /// <summary>
    /// The first-level model file, absolute or relative to the app's folder. The shipped one is trained from the labelled
    /// messages by <c>classifier train</c> (docs/decisions/0021-classifier.md). Empty or missing file: the keyword
    /// baseline answers alone.
    /// </summary>
    public string? ModelPath { get; set; } = ModelFiles.ShippedPath;

    /// <summary>
    /// A labelled CSV (<c>id,text,label</c>, e.g. the labelled messages the shipped model was trained on) that retraining
    /// learns from together with the deployment's history; empty: the history alone.
    /// </summary>
    public string? BaseTrainingData { get; set; }

    /// <summary>Learning from dispatchers (<c>Jiexin:Attribution:Retrain</c>).</summary>
    public RetrainOptions Retrain { get; set; } = new();
}

/// <summary>How and when the first-level model retrains on the history of person-confirmed categories.</summary>
public sealed class RetrainOptions
{
    /// <summary>Whether the job retrains on its schedule (the on-demand button works either way).</summary>
    public bool ScheduleEnabled { get; set; } = true;

    /// <summary>Days between scheduled retrainings (default weekly).</summary>
    [Range(0.001, 366)]
    public double IntervalDays { get; set; } = 7;

    /// <summary>Below this many confirmed events nothing is trained ("not enough history" is recorded).</summary>
    [Range(2, 10_000_000)]
    public int MinHistory { get; set; } = 300;

    /// <summary>At most this many of the most recent confirmed events are used.</summary>
    [Range(2, 10_000_000)]
    public int MaxHistory { get; set; } = 100_000;

    /// <summary>Share of the history held back to compare the current model with the candidate (by hash of the event id).</summary>
    [Range(5, 50)]
    public int HoldOutPercent { get; set; } = 20;

    /// <summary><c>Recommended</c> (the shipped recipe) or <c>Quick</c> (one small SVM, for tests and tiny machines).</summary>
    public TrainerPreset Trainer { get; set; } = TrainerPreset.Recommended;

    /// <summary>How long a run may hold the single-run lease before another instance may take over (a crashed run).</summary>
    [Range(1, 24 * 60)]
    public int LeaseMinutes { get; set; } = 180;
}

public enum TrainerPreset
{
    Recommended,
    Quick,
}
