using Jiexin.Modules.Attribution.Catalog;
using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Attribution.Routing;
using Microsoft.Extensions.Options;

namespace Jiexin.Modules.Attribution.KeywordBaseline;

/// <summary>
/// <see cref="IEventAttributor"/> by the keyword baseline: the taxonomy's phrases pick the 小类, the routing rules the
/// department. Synchronous work (tens of microseconds), so it answers with a completed task.
/// </summary>
public sealed class KeywordAttributor(AttributionCatalog catalog, AttributionRouter router, IOptionsMonitor<AttributionOptions> options) : IEventAttributor
{
    /// <summary>How many candidates are returned at most (the dispatcher sees the first three).</summary>
    public const int MaxCandidates = 5;

    public Task<AttributionResult> AttributeAsync(AttributionRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(Attribute(request));
    }

    public AttributionResult Attribute(AttributionRequest request)
    {
        var snapshot = catalog.Current;
        var threshold = options.CurrentValue.AutoDispatchThreshold;
        var classification = snapshot.Classifier.Classify(request.Text);

        // Nothing recognised: 其他 with probability 0, i.e. no evidence at all — a person decides.
        IReadOnlyList<CategoryCandidate> candidates = classification.Matched
            ? [.. classification.Ranked.Take(MaxCandidates).Select(r => new CategoryCandidate(
                r.Category.Code, r.Category.CategoryName, r.Category.SubcategoryName, r.Category.Label, RoundDown(r.Probability)))]
            : [new CategoryCandidate(snapshot.Fallback.Code, snapshot.Fallback.CategoryName, snapshot.Fallback.SubcategoryName, snapshot.Fallback.Label, 0)];

        var top = snapshot.Find(candidates[0].Code) ?? snapshot.Fallback;
        var place = router.ResolvePlace(request);
        var routing = router.Route(snapshot, top, place, request.CommunityId);
        var confident = classification.Matched && candidates[0].Probability >= threshold;
        return new AttributionResult(
            candidates, routing.Department, routing.Reason, routing.Source, classification.Words, place,
            KeywordClassifier.ModelName, confident, threshold);
    }

    /// <summary>Four decimals, rounded down so that rounding never lifts the sum above 1.</summary>
    private static double RoundDown(double probability) => Math.Floor(probability * 10_000) / 10_000;
}
