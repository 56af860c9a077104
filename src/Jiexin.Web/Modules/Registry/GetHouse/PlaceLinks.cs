using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Disputes.Contracts;
using Jiexin.Modules.Events.Contracts;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.GetPerson;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.GetHouse;

/// <summary>
/// A house's or a standard address's events and disputes (issue 5 §5), like a person's (<see cref="PersonLinks"/>): to whoever
/// may see the record; disputes only to the roles that work them. A house lists what is linked to it or to its address.
/// </summary>
public static class PlaceLinks
{
    public sealed class Handler(JiexinDbContext db, RegistryScope scope, IEventsOfRegistry events, IDisputesOfRegistry disputes)
    {
        public async Task<PersonLinks.Links?> ForHouseAsync(Guid houseId, ClaimsPrincipal user, CancellationToken ct)
        {
            var house = await db.Set<House>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == houseId, ct);
            return house is null || !scope.CanSee(user, house) ? null : await LinksAsync(house.AddressId, house.Id, user, ct);
        }

        public async Task<PersonLinks.Links?> ForAddressAsync(Guid addressId, ClaimsPrincipal user, CancellationToken ct)
        {
            var address = await db.Set<StandardAddress>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == addressId, ct);
            if (address is null || !scope.CanSee(user, address))
            {
                return null;
            }

            // The address's house (one per address) counts as the address.
            var houseId = await db.Set<House>().Where(h => h.AddressId == addressId).Select(h => (Guid?)h.Id).FirstOrDefaultAsync(ct);
            return await LinksAsync(addressId, houseId, user, ct);
        }

        private async Task<PersonLinks.Links> LinksAsync(Guid addressId, Guid? houseId, ClaimsPrincipal user, CancellationToken ct) =>
            new(await events.ForPlaceAsync(addressId, houseId, ct),
                PersonLinks.DisputeRoles.Any(user.IsInRole) ? await disputes.ForPlaceAsync(addressId, houseId, ct) : null);
    }

    public static void Map(RouteGroupBuilder houses, RouteGroupBuilder addresses)
    {
        houses.MapGet("/{id:guid}/links", async Task<Results<Ok<PersonLinks.Links>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.ForHouseAsync(id, user, ct) is { } links ? TypedResults.Ok(links) : Problems.NotFound("未找到该房屋。"))
            .WithName("Registry.HouseLinks");
        addresses.MapGet("/{id:guid}/links", async Task<Results<Ok<PersonLinks.Links>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.ForAddressAsync(id, user, ct) is { } links ? TypedResults.Ok(links) : Problems.NotFound("未找到该地址。"))
            .WithName("Registry.AddressLinks");
    }
}
