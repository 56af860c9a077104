using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.Units;

/// <summary>One unit, its contact's phone masked. Outside the caller's scope → 404, as for people.</summary>
public static class GetUnit
{
    public sealed class Handler(JiexinDbContext db, RegistryScope scope, TerritoryNames names)
    {
        public async Task<UnitDto?> Handle(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            var unit = await db.Set<Unit>().AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
            if (unit is null || !scope.CanSee(user, unit))
            {
                return null;
            }

            var address = unit.AddressId is { } a
                ? await db.Set<StandardAddress>().Where(x => x.Id == a).Select(x => x.Label).SingleOrDefaultAsync(ct)
                : null;
            return UnitDto.From(unit, address, names, RegistryScope.MayReveal(user));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder units) =>
        units.MapGet("/{id:guid}", async Task<Results<Ok<UnitDto>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.Handle(id, user, ct) is { } dto ? TypedResults.Ok(dto) : Problems.NotFound("未找到该单位。"))
            .WithName("Registry.GetUnit");
}
