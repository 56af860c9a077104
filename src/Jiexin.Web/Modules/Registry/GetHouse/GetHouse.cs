using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.GetHouse;

/// <summary>One house with its occupants (people whose house it is), masked; outside the caller's scope → null (404).</summary>
public static class GetHouse
{
    public sealed record Occupant(Guid Id, string Name, string? IdNumber, string? Phone, HouseRelation? Relation, ResidenceType ResidenceType);

    public sealed record HouseView(Guid Id, Guid AddressId, string Address, HouseUse Use, HouseStructure Structure, double? AreaSquareMeters,
        string? OwnerName, bool IsRented, string? CommunityName, string? GridName, IReadOnlyList<Occupant> Occupants);

    public sealed class Handler(JiexinDbContext db, RegistryScope scope, TerritoryNames names)
    {
        public async Task<HouseView?> Handle(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            var house = await db.Set<House>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == id, ct);
            if (house is null || !scope.CanSee(user, house))
            {
                return null;
            }

            var address = await db.Set<StandardAddress>().Where(a => a.Id == house.AddressId).Select(a => a.Label).SingleAsync(ct);
            // Occupants outside the caller's scope are left out, as everywhere (a grid worker sees their grid only).
            var occupants = await db.Set<Person>().AsNoTracking().InScope(scope.FilterFor(user)).Where(p => p.HouseId == id)
                .OrderBy(p => p.Name).Take(200)
                .Select(p => new Occupant(p.Id, p.Name, p.IdNumberMasked, p.PhoneMasked, p.RelationToHouse, p.ResidenceType)).ToListAsync(ct);
            return new HouseView(house.Id, house.AddressId, address, house.Use, house.Structure, house.AreaSquareMeters, house.OwnerName,
                house.IsRented, names.Of(house.CommunityId), names.Of(house.GridId), occupants);
        }
    }
}
