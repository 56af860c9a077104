namespace Jiexin.Modules.Attribution.Contracts;

/// <summary>
/// 事件归属: which category (小类) a resident's report belongs to and which party is responsible for it
/// (精准定位多领域小类事件归属). The event loop calls this on intake; the keyword baseline implements it now and the
/// trained model of the attribution issue will implement it too, so the contract stays small.
/// </summary>
public interface IEventAttributor
{
    /// <summary>Never throws for odd text (empty, very long, emoji only): such text comes back not confident.</summary>
    Task<AttributionResult> AttributeAsync(AttributionRequest request, CancellationToken ct);
}

/// <summary>
/// What is known of a report when it is attributed. The place is optional: a grid (and its community) when the
/// caller has located it already, else a WGS-84 point that the attributor locates itself. <see cref="Explain"/>: whether
/// each candidate carries the n-grams that drove the model (for a person reading the preview or the dispatch dialog);
/// intake stores none of them and asks without, which spares a second pass over the text.
/// </summary>
public sealed record AttributionRequest(
    string Text,
    double? Latitude = null,
    double? Longitude = null,
    Guid? GridId = null,
    Guid? CommunityId = null,
    bool Explain = true);

/// <summary>
/// (Named AttributionResult, not Attribution: a type named like the module's namespace could not be named from
/// other modules, whose lookup finds the namespace <c>Jiexin.Modules.Attribution</c> first.)
/// The answer: ranked candidate categories, the suggested responsible department and why, the words behind the first
/// candidate, which model answered, and whether it is sure enough to dispatch without a person
/// (<see cref="IsConfident"/>: the first candidate's probability reaches <see cref="Threshold"/>,
/// <c>Jiexin:Attribution:AutoDispatchThreshold</c>). Not confident means the human triage queue (人工分拣).
/// </summary>
public sealed record AttributionResult(
    IReadOnlyList<CategoryCandidate> Candidates,
    DepartmentSuggestion? Department,
    string RoutingReason,
    RoutingSource RoutingSource,
    IReadOnlyList<string> Words,
    AttributionPlace? Place,
    string Model,
    bool IsConfident,
    double Threshold)
{
    /// <summary>The first candidate. <see cref="Candidates"/> is never empty: best first, up to five, fewer only when
    /// fewer 小类 have any evidence (其他 alone, probability 0, when nothing is recognised).</summary>
    public CategoryCandidate Top => Candidates[0];
}

/// <summary>
/// One candidate 小类, best first. <see cref="Probability"/> is 0..1; over all candidates the probabilities sum to at
/// most 1 (what is missing is what the model does not know). <see cref="Label"/> is the first-level category of the
/// labelled data the 小类 maps to (城乡建设, 劳动和社会保障, 教育文体, 商贸旅游, 环境保护, 卫生计生, 交通运输).
/// </summary>
public sealed record CategoryCandidate(
    string Code,
    string CategoryName,
    string SubcategoryName,
    string Label,
    double Probability)
{
    /// <summary>The words of the text that drove this candidate, strongest first (empty when none stand out).</summary>
    public IReadOnlyList<string> Words { get; init; } = [];
}

/// <summary>The department work should go to.</summary>
public sealed record DepartmentSuggestion(Guid Id, string Name, string ShortName);

/// <summary>The grid and community the report was routed by.</summary>
public sealed record AttributionPlace(Guid GridId, string GridName, Guid CommunityId, string CommunityName);

/// <summary>Where the department suggestion came from, most specific first.</summary>
public enum RoutingSource
{
    /// <summary>A routing rule for the category in this grid.</summary>
    GridRule,

    /// <summary>A routing rule for the category in this community.</summary>
    CommunityRule,

    /// <summary>A routing rule for the category anywhere in the street.</summary>
    CategoryRule,

    /// <summary>The category's default department (by short name).</summary>
    CategoryDefault,

    /// <summary>No department found: a person decides.</summary>
    None,
}
