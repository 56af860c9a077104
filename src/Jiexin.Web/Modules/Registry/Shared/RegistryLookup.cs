using Jiexin.Data;
using Jiexin.Modules.Registry.Contracts;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Platform.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.Shared;

internal sealed class RegistryLookup(JiexinDbContext db, PersonalDataSealer sealer) : IRegistryLookup
{
    public async Task<RegistryAddress?> FindAddressAsync(Guid id, CancellationToken ct = default) =>
        await db.Set<StandardAddress>().AsNoTracking().Where(a => a.Id == id)
            .Select(a => new RegistryAddress(a.Id, a.Label, a.CommunityId, a.GridId, a.Latitude, a.Longitude)).SingleOrDefaultAsync(ct);

    public async Task<IReadOnlyList<RegistryAddress>> SearchAddressesAsync(string text, int limit = 10, CancellationToken ct = default)
    {
        var needle = SaveAddress.CreateAddress.Normalise(text);
        if (needle.Length == 0)
        {
            return [];
        }

        return await db.Set<StandardAddress>().AsNoTracking().Where(a => a.Label.Contains(needle))
            .OrderBy(a => a.Label.Length).ThenBy(a => a.Label).Take(Math.Clamp(limit, 1, 100))
            .Select(a => new RegistryAddress(a.Id, a.Label, a.CommunityId, a.GridId, a.Latitude, a.Longitude)).ToListAsync(ct);
    }

    public async Task<RegistryPerson?> FindPersonAsync(Guid id, CancellationToken ct = default) =>
        await db.Set<Person>().AsNoTracking().Where(p => p.Id == id)
            .Select(p => new RegistryPerson(p.Id, p.Name, p.IdNumberMasked, p.PhoneMasked, p.CommunityId, p.GridId)).SingleOrDefaultAsync(ct);

    public async Task<RegistryPerson?> FindPersonByIdNumberAsync(string idNumber, CancellationToken ct = default)
    {
        if (ChineseIdNumber.Normalise(idNumber) is not { } normalised)
        {
            return null;
        }

        var index = sealer.IdNumberIndex(normalised);
        return await db.Set<Person>().AsNoTracking().Where(p => p.IdNumberIndex == index)
            .Select(p => new RegistryPerson(p.Id, p.Name, p.IdNumberMasked, p.PhoneMasked, p.CommunityId, p.GridId)).SingleOrDefaultAsync(ct);
    }
}
