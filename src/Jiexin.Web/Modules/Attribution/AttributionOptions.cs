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
}
