using Jiexin.Data;
using Jiexin.Platform.Jobs;

namespace Jiexin.Modules.Attribution.Catalog;

/// <summary>
/// With several app instances, an Admin's edit reloads the catalog only on the instance that saved it; this job makes
/// the others follow within a tick (see <see cref="AttributionCatalog.ReloadIfChangedAsync"/>).
/// </summary>
public sealed class SyncAttributionCatalogJob(AttributionCatalog catalog, JiexinDbContext db) : IRecurringJob
{
    public string Name => "attribution-catalog-sync";

    public async Task<int> RunOnceAsync(CancellationToken ct) => await catalog.ReloadIfChangedAsync(db, ct) ? 1 : 0;
}
