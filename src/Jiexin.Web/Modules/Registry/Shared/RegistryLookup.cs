using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Registry.Contracts;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Platform.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.Shared;

internal sealed class RegistryLookup(JiexinDbContext db, PersonalDataSealer sealer, RegistryScope scope) : IRegistryLookup
{
    public async Task<RegistryHouse?> FindHouseAsync(Guid id, CancellationToken ct = default) =>
        await db.Set<House>().AsNoTracking().Where(h => h.Id == id)
            .Join(db.Set<StandardAddress>(), h => h.AddressId, a => a.Id, (h, a) => new RegistryHouse(h.Id, h.AddressId, a.Label, h.CommunityId, h.GridId))
            .SingleOrDefaultAsync(ct);

    public async Task<IReadOnlyList<RegistryMatch>> SearchVisibleAsync(ClaimsPrincipal user, RegistryRecordKind kind, string text, int limit = 10, CancellationToken ct = default)
    {
        var take = Math.Clamp(limit, 1, 50);
        var filter = scope.FilterFor(user);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return [];
        }

        switch (kind)
        {
            case RegistryRecordKind.Person:
                var people = db.Set<Person>().AsNoTracking().InScope(filter).Where(p => p.MovedOutAt == null);
                // An ID number or a mobile is matched exactly through its blind index (never by substring); anything else is a name.
                var id = ChineseIdNumber.Normalise(trimmed);
                var mobile = MobileNumber.Normalise(trimmed);
                if (id is { Length: 18 } || mobile is not null)
                {
                    var idIndex = id is { Length: 18 } ? sealer.IdNumberIndex(id) : null;
                    var phoneIndex = mobile is null ? null : sealer.PhoneIndex(mobile);
                    people = people.Where(p => (idIndex != null && p.IdNumberIndex == idIndex) || (phoneIndex != null && p.PhoneIndex == phoneIndex));
                }
                else
                {
                    people = people.Where(p => p.Name.Contains(trimmed));
                }

                var found = await people.OrderBy(p => p.Name).ThenBy(p => p.Id).Take(take)
                    .Select(p => new { p.Id, p.Name, p.IdNumberMasked, p.PhoneMasked }).ToListAsync(ct);
                return [.. found.Select(p => new RegistryMatch(kind, p.Id, p.Name,
                    string.Join(" ", new[] { p.IdNumberMasked, p.PhoneMasked }.Where(x => !string.IsNullOrEmpty(x)))))];
            case RegistryRecordKind.Address:
                var needle = SaveAddress.CreateAddress.Normalise(trimmed);
                return await db.Set<StandardAddress>().AsNoTracking().InScope(filter).Where(a => a.Label.Contains(needle))
                    .OrderBy(a => a.Label.Length).ThenBy(a => a.Label).Take(take)
                    .Select(a => new RegistryMatch(RegistryRecordKind.Address, a.Id, a.Label, null)).ToListAsync(ct);
            default:
                var houseNeedle = SaveAddress.CreateAddress.Normalise(trimmed);
                var houses = await db.Set<House>().AsNoTracking().InScope(filter)
                    .Join(db.Set<StandardAddress>(), h => h.AddressId, a => a.Id, (h, a) => new { h.Id, a.Label, h.Use })
                    .Where(x => x.Label.Contains(houseNeedle)).OrderBy(x => x.Label.Length).ThenBy(x => x.Label).Take(take).ToListAsync(ct);
                return [.. houses.Select(h => new RegistryMatch(RegistryRecordKind.House, h.Id, h.Label, ListHouses.ListHouses.Display(h.Use)))];
        }
    }

    public async Task<bool> CanSeeAsync(ClaimsPrincipal user, RegistryRecordKind kind, Guid id, CancellationToken ct = default)
    {
        var filter = scope.FilterFor(user);
        return kind switch
        {
            RegistryRecordKind.Person => await db.Set<Person>().InScope(filter).AnyAsync(p => p.Id == id, ct),
            RegistryRecordKind.Address => await db.Set<StandardAddress>().InScope(filter).AnyAsync(a => a.Id == id, ct),
            _ => await db.Set<House>().InScope(filter).AnyAsync(h => h.Id == id, ct),
        };
    }

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
