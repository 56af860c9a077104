using Jiexin.Platform.Data;

namespace Jiexin.Modules.Attribution.Catalog;

/// <summary>Builds the in-memory catalog (classifier and routing) once the taxonomy and the demo rules are seeded.</summary>
internal sealed class LoadAttributionCatalog(AttributionCatalog catalog) : IStartupTask
{
    public int Order => 170;

    public Task RunAsync(CancellationToken ct) => catalog.ReloadAsync(ct);
}
