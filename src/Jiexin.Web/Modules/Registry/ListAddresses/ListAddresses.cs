using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.ListAddresses;

/// <summary>标准地址 list in the caller's scope: community, grid, text in the address; paging; how many people and houses at each.</summary>
public static class ListAddresses
{
    public sealed record Query(Guid? CommunityId = null, Guid? GridId = null, string? Text = null, int Page = 1, int PageSize = 20);

    public sealed record Row(Guid Id, string Label, string Road, string Number, string? Building, string? UnitNo, string? Room,
        string? CommunityName, string? GridName, double? Latitude, double? Longitude, int Houses, int People);

    public sealed record Page(IReadOnlyList<Row> Items, int Total, int PageNumber, int PageSize);

    public sealed class Handler(JiexinDbContext db, RegistryScope scope, TerritoryNames names)
    {
        public async Task<Page> Handle(Query q, ClaimsPrincipal user, CancellationToken ct)
        {
            var size = Math.Clamp(q.PageSize, 1, 200);
            var number = Math.Max(1, q.Page);
            var addresses = db.Set<StandardAddress>().AsNoTracking().InScope(scope.FilterFor(user));
            if (q.CommunityId is { } c)
            {
                addresses = addresses.Where(a => a.CommunityId == c);
            }

            if (q.GridId is { } g)
            {
                addresses = addresses.Where(a => a.GridId == g);
            }

            if (!string.IsNullOrWhiteSpace(q.Text))
            {
                var text = SaveAddress.CreateAddress.Normalise(q.Text);
                addresses = addresses.Where(a => a.Label.Contains(text));
            }

            var total = await addresses.CountAsync(ct);
            var rows = await addresses.OrderBy(a => a.Label).Skip((number - 1) * size).Take(size)
                .Select(a => new
                {
                    Address = a,
                    Houses = db.Set<House>().Count(h => h.AddressId == a.Id),
                    People = db.Set<Person>().Count(p => p.AddressId == a.Id),
                })
                .ToListAsync(ct);
            return new Page([.. rows.Select(r => new Row(r.Address.Id, r.Address.Label, r.Address.Road, r.Address.Number, r.Address.Building,
                r.Address.UnitNo, r.Address.Room, names.Of(r.Address.CommunityId), names.Of(r.Address.GridId), r.Address.Latitude,
                r.Address.Longitude, r.Houses, r.People))], total, number, size);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder addresses) =>
        addresses.MapGet("/", async Task<Ok<Page>> (Guid? communityId, Guid? gridId, string? text, int? page, int? pageSize,
                ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(new Query(communityId, gridId, text, page ?? 1, pageSize ?? 20), user, ct)))
            .WithName("Registry.ListAddresses");
}
