using Jiexin.Modules.Attribution.Catalog;
using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Attribution.KeywordBaseline;
using Jiexin.Modules.Attribution.Model;
using Jiexin.Modules.Attribution.Routing;
using Microsoft.Extensions.Options;

namespace Jiexin.Modules.Attribution.ModelAttribution;

/// <summary>
/// <see cref="IEventAttributor"/> by the trained first-level model combined with the taxonomy's phrases:
/// P(小类 c) = P(label of c) × share of c among its label's 小类, where the share comes from the keyword baseline
/// (its matched 小类 probabilities, plus what it does not know spread evenly over the label's 小类). So a strong phrase
/// picks the 小类 within the label the model believes, a phrase of a label the model rejects counts little, and where
/// the model's label has no matching phrase its probability stays unassigned (the candidates sum to less than 1) and
/// the top candidate falls below the threshold — a person then chooses. Only 小类 with a matching phrase are candidates:
/// no phrase at all gives 其他 with probability 0, as the keyword baseline does.
/// Without a model file the keyword baseline answers alone.
/// </summary>
public sealed class ModelAttributor(
    AttributionCatalog catalog,
    FirstLevelModelHost models,
    KeywordAttributor keywords,
    AttributionRouter router,
    IOptionsMonitor<AttributionOptions> options) : IEventAttributor
{
    public Task<AttributionResult> AttributeAsync(AttributionRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(Attribute(request));
    }

    public AttributionResult Attribute(AttributionRequest request)
    {
        var model = models.Current; // read once: a swap mid-way does not mix two models
        if (model is null)
        {
            return keywords.Attribute(request);
        }

        var snapshot = catalog.Current;
        var threshold = options.CurrentValue.AutoDispatchThreshold;
        var place = router.ResolvePlace(request);
        var ranked = Rank(model, snapshot, request.Text, KeywordAttributor.MaxCandidates, request.Explain);
        if (ranked is null)
        {
            // Nothing to read (empty, whitespace, only emoji or punctuation) or no phrase of any 小类: 其他, a person decides.
            var fallback = snapshot.Fallback;
            var none = router.Route(snapshot, fallback, place, request.CommunityId);
            return new AttributionResult(
                [new CategoryCandidate(fallback.Code, fallback.CategoryName, fallback.SubcategoryName, fallback.Label, 0)],
                none.Department, none.Reason, none.Source, [], place, model.Name, false, threshold);
        }

        var top = snapshot.Find(ranked[0].Code) ?? snapshot.Fallback;
        var routing = router.Route(snapshot, top, place, request.CommunityId);
        return new AttributionResult(
            ranked, routing.Department, routing.Reason, routing.Source, ranked[0].Words, place, model.Name,
            ranked[0].Probability >= threshold, threshold);
    }

    /// <summary>
    /// The 小类 with evidence from a phrase, ranked by combined probability (best first, at most <paramref name="max"/>),
    /// or null when the text has nothing to read or no phrase of any 小类 (then 其他: a person decides).
    /// </summary>
    internal static IReadOnlyList<CategoryCandidate>? Rank(TextClassifier model, AttributionSnapshot snapshot, string? text, int max, bool explain = true)
    {
        var prediction = model.Predict(text);
        if (prediction.Features == 0)
        {
            return null;
        }

        var keyword = snapshot.Classifier.Classify(text);
        if (!keyword.Matched)
        {
            return null; // no 小类 has any evidence: the model alone cannot name one
        }

        var phraseShare = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var scored in keyword.Ranked)
        {
            phraseShare[scored.Category.Code] = scored.Probability;
        }

        var unknown = Math.Max(0, 1 - phraseShare.Values.Sum());
        var scored2 = new List<(CategoryInfo Category, double Probability, int Label)>(phraseShare.Count);
        foreach (var byLabel in snapshot.SubcategoriesByLabel)
        {
            var label = IndexOf(model.Labels, byLabel.Label);
            if (label < 0)
            {
                continue; // a label the model does not know gets no probability
            }

            var members = byLabel.Members;
            var spread = unknown / members.Count;
            var total = 0.0;
            foreach (var member in members)
            {
                total += phraseShare.GetValueOrDefault(member.Code) + spread;
            }

            foreach (var member in members)
            {
                if (phraseShare.TryGetValue(member.Code, out var phrase))
                {
                    var share = total > 0 ? (phrase + spread) / total : 1.0 / members.Count;
                    scored2.Add((member, prediction.Probabilities[label] * share, label));
                }
            }
        }

        if (scored2.Count == 0)
        {
            return null;
        }

        // Ties keep the taxonomy's order.
        var best = scored2.Select((s, i) => (s, i)).OrderByDescending(t => t.s.Probability).ThenBy(t => t.i).Take(max).Select(t => t.s).ToList();
        var labels = best.Select(b => b.Label).Distinct().ToList();
        // Without explanations only the phrases that matched are named (already at hand): no second pass over the text.
        var explained = explain ? model.Explain(text, labels) : null;
        var keywordTop = keyword.Ranked.Count > 0 ? keyword.Ranked[0].Category.Code : null;
        return [.. best.Select(b =>
        {
            IReadOnlyList<string> modelWords = explained?[labels.IndexOf(b.Label)] ?? [];
            IReadOnlyList<string> words = b.Category.Code == keywordTop
                ? [.. keyword.Words.Concat(modelWords.Where(w => !keyword.Words.Any(k => k.Contains(w, StringComparison.Ordinal) || w.Contains(k, StringComparison.Ordinal)))).Take(8)]
                : modelWords;
            return new CategoryCandidate(b.Category.Code, b.Category.CategoryName, b.Category.SubcategoryName, b.Category.Label, RoundDown(b.Probability)) { Words = words };
        })];
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (string.Equals(labels[i], label, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Four decimals, rounded down so that rounding never lifts the sum above 1.</summary>
    private static double RoundDown(double probability) => Math.Floor(probability * 10_000) / 10_000;
}
