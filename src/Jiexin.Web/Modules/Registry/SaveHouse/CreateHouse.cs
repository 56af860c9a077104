using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.SaveHouse;

/// <summary>新增实有房屋 at a standard address (one house per address), in the address's grid.</summary>
public static class CreateHouse
{
    public sealed record Request(Guid? AddressId, HouseUse? Use, HouseStructure? Structure, double? AreaSquareMeters, string? OwnerName, bool IsRented);

    public sealed record Created(Guid Id);

    public sealed record Result(Guid? Id, IDictionary<string, string[]>? Errors = null, string? Conflict = null);

    public sealed class Handler(JiexinDbContext db, RegistryScope scope, TimeProvider clock)
    {
        public async Task<Result> Handle(Request r, ClaimsPrincipal user, CancellationToken ct)
        {
            var address = r.AddressId is { } id ? await db.Set<StandardAddress>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct) : null;
            if (address is null || !scope.CanSee(user, address))
            {
                return new Result(null, new Dictionary<string, string[]> { ["addressId"] = ["请选择辖区内的标准地址。"] });
            }

            if (r.AreaSquareMeters is { } area && (!double.IsFinite(area) || area <= 0 || area > 100_000))
            {
                return new Result(null, new Dictionary<string, string[]> { ["areaSquareMeters"] = ["面积须是 0 到 100000 之间的数字（平方米）。"] });
            }

            if (r.OwnerName is { Length: > 64 })
            {
                return new Result(null, new Dictionary<string, string[]> { ["ownerName"] = ["产权人不能超过 64 个字。"] });
            }

            if (await db.Set<House>().AnyAsync(h => h.AddressId == address.Id, ct))
            {
                return new Result(null, Conflict: "该地址已登记房屋。");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var house = new House
            {
                Id = Guid.CreateVersion7(now),
                AddressId = address.Id,
                CommunityId = address.CommunityId,
                GridId = address.GridId,
                Use = r.Use ?? HouseUse.Residential,
                Structure = r.Structure ?? HouseStructure.ReinforcedConcrete,
                AreaSquareMeters = r.AreaSquareMeters,
                OwnerName = string.IsNullOrWhiteSpace(r.OwnerName) ? null : r.OwnerName.Trim(),
                IsRented = r.IsRented,
                CreatedAt = now,
            };
            db.Add(house);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                return new Result(null, Conflict: "该地址已登记房屋。");
            }

            return new Result(house.Id);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder houses) =>
        houses.MapPost("/", async Task<Results<Created<Created>, ValidationProblem, ProblemHttpResult>> (
                Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var result = await handler.Handle(body, user, ct);
                return result switch
                {
                    { Id: { } id } => TypedResults.Created($"/api/v1/registry/houses/{id}", new Created(id)),
                    { Conflict: { } c } => Problems.Conflict(c),
                    _ => TypedResults.ValidationProblem(result.Errors!, title: "提交的数据有误"),
                };
            })
            .WithName("Registry.CreateHouse");
}
