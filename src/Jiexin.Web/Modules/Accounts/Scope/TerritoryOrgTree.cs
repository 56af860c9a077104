using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;

namespace Jiexin.Modules.Accounts.Scope;

/// <summary>
/// <see cref="IOrgTree"/> from the Territory module's public lookup. Registered only if the Territory module does not
/// register one itself (its directory is the natural owner; this keeps the scope filter working meanwhile).
/// </summary>
internal sealed class TerritoryOrgTree(ITerritoryLookup territory) : IOrgTree
{
    public IReadOnlyList<Guid> GridIdsOf(Guid communityId) => [.. territory.GridsOf(communityId).Select(g => g.Id)];
}
