using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Platform.Audit;
using Jiexin.Platform.Http;
using Jiexin.Platform.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Reveal = Jiexin.Modules.Registry.RevealPersonalData.RevealPersonalData;

namespace Jiexin.Modules.Registry.Units;

/// <summary>
/// 查看单位联系人手机号 in full: the same rule as a person's data (roles in <see cref="RegistryScope.RevealRoles"/>, in
/// scope, a reason of 4–200 characters), audited as <c>PersonalDataRevealed</c> before the value is returned.
/// </summary>
public static class RevealUnitContact
{
    public const string Field = "contactPhone";

    public sealed class Handler(JiexinDbContext db, RegistryScope scope, IPersonalDataProtector protector, IAuditTrail audit)
    {
        public async Task<Reveal.Result> Handle(Guid id, string? field, string? reason, ClaimsPrincipal user, CancellationToken ct)
        {
            var unit = await db.Set<Unit>().AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
            if (unit is null || !scope.CanSee(user, unit))
            {
                return new Reveal.Result(null, Reveal.Failure.NotFound);
            }

            if (!RegistryScope.MayReveal(user))
            {
                return new Reveal.Result(null, Reveal.Failure.Forbidden);
            }

            if (field != Field)
            {
                return new Reveal.Result(null, Reveal.Failure.BadField);
            }

            reason = reason?.Trim();
            if (reason is null || reason.Length < Reveal.MinReason || reason.Length > Reveal.MaxReason)
            {
                return new Reveal.Result(null, Reveal.Failure.BadReason);
            }

            await audit.RecordAsync(new AuditRecord(Reveal.AuditAction)
            {
                EntityType = nameof(Unit),
                EntityId = unit.Id.ToString(),
                Details = new Dictionary<string, object?> { ["field"] = field, ["reason"] = reason },
            }, ct);
            var value = unit.ContactPhoneCipher is null ? null : protector.Decrypt(Unit.ContactPhoneField, unit.ContactPhoneCipher);
            return new Reveal.Result(new Reveal.Revealed(Field, value));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder units) =>
        units.MapPost("/{id:guid}/reveal", async Task<Results<Ok<Reveal.Revealed>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Reveal.Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var result = await handler.Handle(id, body.Field, body.Reason, user, ct);
                return result.Failure switch
                {
                    Reveal.Failure.None => TypedResults.Ok(result.Value!),
                    Reveal.Failure.NotFound => Problems.NotFound("未找到该单位。"),
                    Reveal.Failure.Forbidden => TypedResults.Problem(detail: "您的角色不能查看完整的个人信息。", statusCode: StatusCodes.Status403Forbidden, title: Problems.TitleFor(403)),
                    Reveal.Failure.BadField => Problems.Validation("field", "只能查看联系人手机号（contactPhone）。"),
                    _ => Problems.Validation("reason", $"请填写查看原因（{Reveal.MinReason} 到 {Reveal.MaxReason} 个字）。"),
                };
            })
            .WithName("Registry.RevealUnitContact");
}
