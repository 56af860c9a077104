using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.CreatePerson;

/// <summary>
/// 新增实有人口. Only the name is required. The ID number (GB 11643) and phone are validated, then stored encrypted with
/// a blind index; one person per ID number (409 otherwise).
/// </summary>
public static class CreatePerson
{
    public sealed record Created(Guid Id);

    public sealed class Handler(JiexinDbContext db, PersonPlacer placer, PersonalDataSealer sealer, TimeProvider clock)
    {
        public async Task<PersonSaveResult> Handle(PersonFields fields, ClaimsPrincipal user, CancellationToken ct)
        {
            var (person, refused) = await BuildAsync(fields, user, ct);
            if (person is null)
            {
                return refused!;
            }

            db.Add(person);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The unique index answers a race between two clerks entering the same person.
                return new PersonSaveResult(null, Conflict: DuplicateIdNumber);
            }

            return new PersonSaveResult(person.Id);
        }

        /// <summary>
        /// A validated, placed and sealed new person, not yet added: 核查's "add new" saves it with its verification item
        /// in one transaction. Otherwise the refusal (field errors, or a known ID number).
        /// </summary>
        public async Task<(Person? Person, PersonSaveResult? Refused)> BuildAsync(PersonFields fields, ClaimsPrincipal user, CancellationToken ct)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var errors = new Dictionary<string, string>();
            var valid = PersonRules.Validate(fields, DateOnly.FromDateTime(now.AddHours(8)), errors);
            var placed = await placer.PlaceAsync(fields, user, null, errors, ct);
            if (valid is null || placed is null)
            {
                return (null, PersonSaveResult.Invalid(errors));
            }

            var person = new Person
            {
                Id = Guid.CreateVersion7(now),
                Name = valid.Name,
                ResidenceType = valid.ResidenceType,
                AddressId = placed.AddressId,
                HouseId = placed.HouseId,
                RelationToHouse = fields.RelationToHouse,
                Note = valid.Note,
                CommunityId = placed.Placement.CommunityId,
                GridId = placed.Placement.GridId,
                CreatedAt = now,
                UpdatedAt = now,
                CreatedBy = user.GetUserId(),
            };
            sealer.Seal(person, valid);
            if (person.IdNumberIndex is { } index && await db.Set<Person>().AnyAsync(p => p.IdNumberIndex == index, ct))
            {
                return (null, new PersonSaveResult(null, Conflict: DuplicateIdNumber));
            }

            return (person, null);
        }
    }

    public const string DuplicateIdNumber = "该身份证号已登记。";

    public static RouteHandlerBuilder Map(RouteGroupBuilder people) =>
        people.MapPost("/", async Task<Results<Created<Created>, ValidationProblem, ProblemHttpResult>> (
                PersonRequest body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var result = await handler.Handle(body.ToFields(), user, ct);
                return result switch
                {
                    { Id: { } id } => TypedResults.Created($"/api/v1/registry/people/{id}", new Created(id)),
                    { Conflict: { } conflict } => Problems.Conflict(conflict),
                    _ => TypedResults.ValidationProblem(result.Errors!, title: "提交的数据有误"),
                };
            })
            .WithName("Registry.CreatePerson");
}
