using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Platform.Http;
using Jiexin.Platform.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.Units;

/// <summary>
/// 新增/修改实有单位. The name is required; the 统一社会信用代码 is checked against its GB 32100 check character; the
/// contact's mobile is personal data, sealed like a person's phone (ciphertext, blind index, mask). Placed in a grid by
/// its standard address or point. Updates carry the version the editor saw (409 when someone saved first).
/// </summary>
public static class SaveUnit
{
    public const int MaxName = 128;

    public sealed record Created(Guid Id);

    public sealed class Handler(JiexinDbContext db, RegistryScope scope, RecordPlacer placer, IPersonalDataProtector protector, TimeProvider clock)
    {
        public Task<RecordSaveResult> Create(UnitRequest r, ClaimsPrincipal user, CancellationToken ct) => SaveAsync(null, r, user, ct);

        public Task<RecordSaveResult> Update(Guid id, UnitRequest r, ClaimsPrincipal user, CancellationToken ct) => SaveAsync(id, r, user, ct);

        private async Task<RecordSaveResult> SaveAsync(Guid? id, UnitRequest r, ClaimsPrincipal user, CancellationToken ct)
        {
            Unit? unit = null;
            if (id is { } existing)
            {
                unit = await db.Set<Unit>().SingleOrDefaultAsync(u => u.Id == existing, ct);
                if (unit is null || !scope.CanSee(user, unit))
                {
                    return new RecordSaveResult(null, NotFound: true);
                }
            }

            var errors = new Dictionary<string, string>();
            var name = RecordRules.Text(r.Name, "name", "单位名称", MaxName, true, errors);
            var contactName = RecordRules.Text(r.ContactName, "contactName", "联系人", 64, false, errors);
            var note = RecordRules.Text(r.Note, "note", "备注", 500, false, errors);
            var licence = CreditCode.Normalise(r.LicenceNumber);
            if (licence is not null && CreditCode.Validate(licence) is { } licenceError)
            {
                errors["licenceNumber"] = licenceError;
            }

            string? phone = null;
            if (!string.IsNullOrWhiteSpace(r.ContactPhone))
            {
                phone = MobileNumber.Normalise(r.ContactPhone);
                if (phone is null)
                {
                    errors["contactPhone"] = "联系人手机号格式不正确，请填写 11 位手机号。";
                }
            }

            if (r.Kind is { } kind && !Enum.IsDefined(kind))
            {
                errors["kind"] = "单位类别不正确。";
            }

            var placed = await placer.PlaceAsync(r.AddressId, r.Latitude, r.Longitude, false, user, unit is null ? null : Placement.Of(unit), errors, ct);
            if (errors.Count > 0 || placed is null)
            {
                return RecordSaveResult.Invalid(errors);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            if (unit is null)
            {
                unit = new Unit { Id = Guid.CreateVersion7(now), CreatedAt = now };
                db.Add(unit);
            }
            else
            {
                db.Entry(unit).Property(u => u.Version).OriginalValue = r.Version ?? -1;
            }

            unit.Kind = r.Kind ?? unit.Kind;
            unit.Name = name!;
            unit.LicenceNumber = licence;
            unit.ContactName = contactName;
            unit.Note = note;
            unit.AddressId = placed.AddressId;
            unit.Latitude = placed.Latitude;
            unit.Longitude = placed.Longitude;
            unit.CommunityId = placed.Placement.CommunityId;
            unit.GridId = placed.Placement.GridId;
            if (phone is not null)
            {
                unit.ContactPhoneCipher = protector.Encrypt(Unit.ContactPhoneField, phone);
                unit.ContactPhoneIndex = protector.BlindIndex(Unit.ContactPhoneField, phone);
                unit.ContactPhoneMasked = PersonalDataMask.Phone(phone);
            }
            else if (r.ClearContactPhone)
            {
                (unit.ContactPhoneCipher, unit.ContactPhoneIndex, unit.ContactPhoneMasked) = (null, null, null);
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new RecordSaveResult(null, Conflict: RecordSaveResult.VersionConflict);
            }

            return new RecordSaveResult(unit.Id);
        }
    }

    public static void Map(RouteGroupBuilder units)
    {
        units.MapPost("/", async Task<Results<Created<Created>, NoContent, ValidationProblem, ProblemHttpResult>> (
                UnitRequest body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                Answer(await handler.Create(body, user, ct), created: true))
            .WithName("Registry.CreateUnit");
        units.MapPut("/{id:guid}", async Task<Results<Created<Created>, NoContent, ValidationProblem, ProblemHttpResult>> (
                Guid id, UnitRequest body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                if (body.Version is null)
                {
                    return Problems.Validation("version", "请提供记录的版本号（version）。");
                }

                return Answer(await handler.Update(id, body, user, ct), created: false);
            })
            .WithName("Registry.UpdateUnit");
    }

    private static Results<Created<Created>, NoContent, ValidationProblem, ProblemHttpResult> Answer(RecordSaveResult result, bool created) => result switch
    {
        { NotFound: true } => Problems.NotFound("未找到该单位。"),
        { Id: { } id } => created ? TypedResults.Created($"/api/v1/registry/units/{id}", new Created(id)) : TypedResults.NoContent(),
        { Conflict: { } conflict } => Problems.Conflict(conflict),
        _ => TypedResults.ValidationProblem(result.Errors!, title: "提交的数据有误"),
    };
}
