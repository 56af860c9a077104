using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Territory.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.Shared;

/// <summary>
/// Attaches a person to a grid: by the house's or address's grid, else by the point given, else by the creating
/// staff member's grid or community (a record before verification is normal). Checks the user may place it there.
/// </summary>
public sealed class PersonPlacer(JiexinDbContext db, RegistryScope scope)
{
    public sealed record Placed(Placement Placement, Guid? AddressId, Guid? HouseId, string? AddressLabel);

    public async Task<Placed?> PlaceAsync(PersonFields f, ClaimsPrincipal user, Placement? current, IDictionary<string, string> errors, CancellationToken ct)
    {
        Guid? addressId = f.AddressId;
        if (f.HouseId is { } houseId)
        {
            var house = await db.Set<House>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == houseId, ct);
            if (house is null || !scope.CanSee(user, house))
            {
                errors["houseId"] = "房屋不存在或不在您的辖区内。";
                return null;
            }

            if (addressId is { } given && given != house.AddressId)
            {
                errors["addressId"] = "地址与所选房屋的地址不一致。";
                return null;
            }

            addressId = house.AddressId;
        }

        if (addressId is { } id)
        {
            var address = await db.Set<StandardAddress>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
            if (address is null || !scope.CanSee(user, address))
            {
                errors["addressId"] = "地址不存在或不在您的辖区内。";
                return null;
            }

            return new Placed(Placement.Of(address), address.Id, f.HouseId, address.Label);
        }

        if (f.Latitude is { } lat && f.Longitude is { } lng)
        {
            if (!GeoCoordinates.IsValidLatitude(lat) || !GeoCoordinates.IsValidLongitude(lng) || scope.Locate(lat, lng) is not { } located)
            {
                errors["latitude"] = "该位置不在本街道范围内。";
                return null;
            }

            if (!scope.CanPlace(user, located))
            {
                errors["latitude"] = "该位置不在您的辖区内。";
                return null;
            }

            return new Placed(located, null, null, null);
        }

        return new Placed(current ?? scope.PlacementOf(user), null, null, null);
    }
}
