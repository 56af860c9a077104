using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.GetPerson;

/// <summary>One person, masked. Outside the caller's scope → 404, never 403 (a record's existence is itself personal).</summary>
public static class GetPerson
{
    public sealed class Handler(JiexinDbContext db, RegistryScope scope, PersonalDataSealer sealer, TerritoryNames names)
    {
        public async Task<PersonDto?> Handle(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            var person = await db.Set<Person>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
            if (person is null || !scope.CanSee(user, person))
            {
                return null;
            }

            var address = person.AddressId is { } a
                ? await db.Set<StandardAddress>().Where(x => x.Id == a).Select(x => x.Label).SingleOrDefaultAsync(ct)
                : null;
            return PersonDto.From(person, address, sealer.Tags(person), names, RegistryScope.MayReveal(user));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder people) =>
        people.MapGet("/{id:guid}", async Task<Results<Ok<PersonDto>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.Handle(id, user, ct) is { } dto ? TypedResults.Ok(dto) : Problems.NotFound("未找到该人员。"))
            .WithName("Registry.GetPerson");
}
