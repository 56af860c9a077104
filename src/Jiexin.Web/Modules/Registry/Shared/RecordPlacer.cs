using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Territory.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.Shared;

/// <summary>
/// Attaches a unit, road or facility to a grid, as <see cref="PersonPlacer"/> does for people: by the standard
/// address's grid, else by the point given, else (when a point is not required) by the creating staff member's grid or
/// community. Checks the user may place it there. The point of the address is taken when none is given.
/// </summary>
public sealed class RecordPlacer(JiexinDbContext db, RegistryScope scope)
{
    public sealed record Placed(Placement Placement, Guid? AddressId, string? AddressLabel, double? Latitude, double? Longitude);

    public async Task<Placed?> PlaceAsync(Guid? addressId, double? latitude, double? longitude, bool pointRequired, ClaimsPrincipal user,
        Placement? current, IDictionary<string, string> errors, CancellationToken ct)
    {
        if (latitude is null != longitude is null)
        {
            errors[latitude is null ? "latitude" : "longitude"] = "经纬度须同时提供。";
            return null;
        }

        Placement? located = null;
        if (latitude is { } lat && longitude is { } lng)
        {
            if (!GeoCoordinates.IsValidLatitude(lat) || !GeoCoordinates.IsValidLongitude(lng) || scope.Locate(lat, lng) is not { } at)
            {
                errors["latitude"] = "该位置不在本街道范围内。";
                return null;
            }

            located = at;
        }

        if (addressId is { } id)
        {
            var address = await db.Set<StandardAddress>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
            if (address is null || !scope.CanSee(user, address))
            {
                errors["addressId"] = "地址不存在或不在您的辖区内。";
                return null;
            }

            var (aLat, aLng) = latitude is null ? (address.Latitude, address.Longitude) : (latitude, longitude);
            if (pointRequired && aLat is null)
            {
                errors["latitude"] = "请在地图上选择位置（该地址没有坐标）。";
                return null;
            }

            // A point given with the address wins for the grid only when the address has no grid yet.
            var placement = address.GridId is null && located is { } p ? p : Placement.Of(address);
            return new Placed(placement, address.Id, address.Label, aLat, aLng);
        }

        if (located is { } point)
        {
            if (!scope.CanPlace(user, point))
            {
                errors["latitude"] = "该位置不在您的辖区内。";
                return null;
            }

            return new Placed(point, null, null, latitude, longitude);
        }

        if (pointRequired)
        {
            errors["latitude"] = "请填写位置（经纬度）或选择有坐标的标准地址。";
            return null;
        }

        return new Placed(current ?? scope.PlacementOf(user), null, null, null, null);
    }
}
