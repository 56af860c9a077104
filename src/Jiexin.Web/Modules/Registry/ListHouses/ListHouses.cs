using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.ListHouses;

/// <summary>实有房屋 list in the caller's scope: community, grid, use, rented, text in the address; with the number of occupants.</summary>
public static class ListHouses
{
    public sealed record Query(Guid? CommunityId = null, Guid? GridId = null, HouseUse? Use = null, bool? Rented = null, string? Text = null, int Page = 1, int PageSize = 20);

    public sealed record Row(Guid Id, Guid AddressId, string Address, HouseUse Use, HouseStructure Structure, double? AreaSquareMeters,
        string? OwnerName, bool IsRented, string? CommunityName, string? GridName, int Occupants, DateTime? VerifiedAt);

    public sealed record Page(IReadOnlyList<Row> Items, int Total, int PageNumber, int PageSize);

    public static string Display(HouseUse use) => use switch
    {
        HouseUse.Residential => "住宅",
        HouseUse.Commercial => "商业",
        HouseUse.Mixed => "商住两用",
        HouseUse.Office => "办公",
        HouseUse.Industrial => "工业厂房",
        _ => "其他",
    };

    public static string Display(HouseStructure structure) => structure switch
    {
        HouseStructure.ReinforcedConcrete => "钢混",
        HouseStructure.BrickConcrete => "砖混",
        HouseStructure.BrickWood => "砖木",
        HouseStructure.Steel => "钢结构",
        _ => "其他",
    };

    public sealed class Handler(JiexinDbContext db, RegistryScope scope, TerritoryNames names)
    {
        public async Task<Page> Handle(Query q, ClaimsPrincipal user, CancellationToken ct)
        {
            var size = Math.Clamp(q.PageSize, 1, 200);
            var number = Math.Max(1, q.Page);
            var houses = db.Set<House>().AsNoTracking().InScope(scope.FilterFor(user));
            if (q.CommunityId is { } c)
            {
                houses = houses.Where(h => h.CommunityId == c);
            }

            if (q.GridId is { } g)
            {
                houses = houses.Where(h => h.GridId == g);
            }

            if (q.Use is { } use)
            {
                houses = houses.Where(h => h.Use == use);
            }

            if (q.Rented is { } rented)
            {
                houses = houses.Where(h => h.IsRented == rented);
            }

            var joined = houses.Join(db.Set<StandardAddress>(), h => h.AddressId, a => a.Id, (h, a) => new { House = h, a.Label });
            if (!string.IsNullOrWhiteSpace(q.Text))
            {
                var text = SaveAddress.CreateAddress.Normalise(q.Text);
                joined = joined.Where(x => x.Label.Contains(text));
            }

            var total = await joined.CountAsync(ct);
            var rows = await joined.OrderBy(x => x.Label).Skip((number - 1) * size).Take(size)
                .Select(x => new { x.House, x.Label, Occupants = db.Set<Person>().Count(p => p.HouseId == x.House.Id) })
                .ToListAsync(ct);
            return new Page([.. rows.Select(r => new Row(r.House.Id, r.House.AddressId, r.Label, r.House.Use, r.House.Structure,
                r.House.AreaSquareMeters, r.House.OwnerName, r.House.IsRented, names.Of(r.House.CommunityId), names.Of(r.House.GridId),
                r.Occupants, r.House.VerifiedAt))], total, number, size);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder houses) =>
        houses.MapGet("/", async Task<Ok<Page>> (Guid? communityId, Guid? gridId, HouseUse? use, bool? rented, string? text, int? page, int? pageSize,
                ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(new Query(communityId, gridId, use, rented, text, page ?? 1, pageSize ?? 20), user, ct)))
            .WithName("Registry.ListHouses");
}
