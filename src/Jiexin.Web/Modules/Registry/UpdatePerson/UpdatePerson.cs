using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.UpdatePerson;

/// <summary>
/// 修改实有人口 against the version the editor saw (409 if someone saved first). An ID number or phone left empty
/// keeps the stored one (forms never hold the full value); <c>clearIdNumber</c>/<c>clearPhone</c> remove it.
/// </summary>
public static class UpdatePerson
{
    public sealed class Handler(JiexinDbContext db, RegistryScope scope, PersonPlacer placer, PersonalDataSealer sealer, TimeProvider clock)
    {
        public async Task<PersonSaveResult> Handle(Guid id, PersonFields fields, int version, bool clearIdNumber, bool clearPhone, ClaimsPrincipal user, CancellationToken ct)
        {
            var person = await db.Set<Person>().SingleOrDefaultAsync(p => p.Id == id, ct);
            if (person is null || !scope.CanSee(user, person))
            {
                return new PersonSaveResult(null, NotFound: true);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            // Keep what the form could not show.
            fields = fields with
            {
                IdNumber = string.IsNullOrWhiteSpace(fields.IdNumber) && !clearIdNumber ? sealer.IdNumber(person) : fields.IdNumber,
                Phone = string.IsNullOrWhiteSpace(fields.Phone) && !clearPhone ? sealer.Phone(person) : fields.Phone,
            };
            var errors = new Dictionary<string, string>();
            var valid = PersonRules.Validate(fields, DateOnly.FromDateTime(now.AddHours(8)), errors);
            var placed = await placer.PlaceAsync(fields, user, Placement.Of(person), errors, ct);
            if (valid is null || placed is null)
            {
                return PersonSaveResult.Invalid(errors);
            }

            sealer.Seal(person, valid);
            if (person.IdNumberIndex is { } index && await db.Set<Person>().AnyAsync(p => p.IdNumberIndex == index && p.Id != id, ct))
            {
                return new PersonSaveResult(null, Conflict: "该身份证号已登记在另一人名下。");
            }

            person.Name = valid.Name;
            person.ResidenceType = valid.ResidenceType;
            person.AddressId = placed.AddressId;
            person.HouseId = placed.HouseId;
            person.RelationToHouse = fields.RelationToHouse;
            person.Note = valid.Note;
            person.CommunityId = placed.Placement.CommunityId;
            person.GridId = placed.Placement.GridId;
            person.UpdatedAt = now;
            db.Entry(person).Property(p => p.Version).OriginalValue = version;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new PersonSaveResult(null, Conflict: "该记录已被他人修改，请刷新后重试。");
            }
            catch (DbUpdateException)
            {
                return new PersonSaveResult(null, Conflict: "该身份证号已登记在另一人名下。");
            }

            return new PersonSaveResult(person.Id);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder people) =>
        people.MapPut("/{id:guid}", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> (
                Guid id, PersonRequest body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                if (body.Version is not { } version)
                {
                    return Problems.Validation("version", "请提供记录的版本号（version）。");
                }

                var result = await handler.Handle(id, body.ToFields(), version, body.ClearIdNumber, body.ClearPhone, user, ct);
                return result switch
                {
                    { NotFound: true } => Problems.NotFound("未找到该人员。"),
                    { Id: not null } => TypedResults.NoContent(),
                    { Conflict: { } conflict } => Problems.Conflict(conflict),
                    _ => TypedResults.ValidationProblem(result.Errors!, title: "提交的数据有误"),
                };
            })
            .WithName("Registry.UpdatePerson");
}
