using Jiexin.Modules.Attribution.Catalog;
using Jiexin.Modules.Attribution.Domain;
using Jiexin.Modules.Attribution.Seed;

namespace Jiexin.UnitTests.Modules.Attribution;

/// <summary>The taxonomy the app seeds, as the catalog would hold it (no routing rules).</summary>
internal static class ShippedTaxonomy
{
    public static readonly AttributionSnapshot Snapshot = AttributionSnapshot.Build(TaxonomySeeder.ToEntities(SeedTaxonomy.Groups), Array.Empty<RoutingRule>());
}
