using Jiexin.Data;
using Jiexin.Modules.Disputes.Contracts;
using Jiexin.Modules.Disputes.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Disputes.RegistryLinks;

/// <summary><see cref="IDisputesOfRegistry"/>: cases with a party linked to the person, newest first.</summary>
internal sealed class DisputesOfRegistry(JiexinDbContext db) : IDisputesOfRegistry
{
    public async Task<IReadOnlyList<RegistryLinkedDispute>> ForPersonAsync(Guid personId, CancellationToken ct)
    {
        var rows = await db.Set<DisputeParty>().AsNoTracking().Where(p => p.RegistryPersonId == personId)
            .Join(db.Set<Dispute>(), p => p.DisputeId, d => d.Id, (p, d) => new { d.Id, d.CaseNumber, d.TypeName, d.Status, p.Role, d.CreatedAt })
            .OrderByDescending(x => x.CreatedAt).Take(100).ToListAsync(ct);
        return [.. rows.Select(x => new RegistryLinkedDispute(x.Id, x.CaseNumber, x.TypeName, DisputeRules.StatusName(x.Status), DisputeRules.PartyRoleName(x.Role), x.CreatedAt))];
    }

    public async Task<IReadOnlyList<RegistryLinkedDispute>> ForPlaceAsync(Guid? addressId, Guid? houseId, CancellationToken ct)
    {
        var rows = await db.Set<Dispute>().AsNoTracking()
            .Where(d => (addressId != null && d.RegistryAddressId == addressId) || (houseId != null && d.RegistryHouseId == houseId))
            .OrderByDescending(d => d.CreatedAt).Take(100)
            .Select(d => new { d.Id, d.CaseNumber, d.TypeName, d.Status, d.CreatedAt, d.RegistryHouseId }).ToListAsync(ct);
        return [.. rows.Select(x => new RegistryLinkedDispute(x.Id, x.CaseNumber, x.TypeName, DisputeRules.StatusName(x.Status),
            houseId != null && x.RegistryHouseId == houseId ? "所涉房屋" : "发生地址", x.CreatedAt))];
    }
}
