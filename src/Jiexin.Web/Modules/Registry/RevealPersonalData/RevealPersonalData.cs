using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Platform.Audit;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.RevealPersonalData;

/// <summary>
/// 查看完整信息: one field of one person in full, for the roles allowed (<see cref="RegistryScope.RevealRoles"/>), with a
/// stated reason. Each reveal is written to the audit log (who, which person, which field, why; never the value) before
/// the value is returned; the value never goes to the application log.
/// </summary>
public static class RevealPersonalData
{
    public const string AuditAction = "PersonalDataRevealed";
    public const int MinReason = 4;
    public const int MaxReason = 200;

    public sealed record Request(string? Field, string? Reason);

    public sealed record Revealed(string Field, string? Value);

    public enum Failure
    {
        None,
        NotFound,
        Forbidden,
        BadField,
        BadReason,
    }

    public sealed record Result(Revealed? Value, Failure Failure = Failure.None);

    public static readonly IReadOnlyList<string> Fields = ["idNumber", "phone"];

    public sealed class Handler(JiexinDbContext db, RegistryScope scope, PersonalDataSealer sealer, IAuditTrail audit)
    {
        public async Task<Result> Handle(Guid id, string? field, string? reason, ClaimsPrincipal user, CancellationToken ct)
        {
            var person = await db.Set<Person>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
            if (person is null || !scope.CanSee(user, person))
            {
                return new Result(null, Failure.NotFound);
            }

            if (!RegistryScope.MayReveal(user))
            {
                return new Result(null, Failure.Forbidden);
            }

            if (field is null || !Fields.Contains(field))
            {
                return new Result(null, Failure.BadField);
            }

            reason = reason?.Trim();
            if (reason is null || reason.Length < MinReason || reason.Length > MaxReason)
            {
                return new Result(null, Failure.BadReason);
            }

            await audit.RecordAsync(new AuditRecord(AuditAction)
            {
                EntityType = nameof(Person),
                EntityId = person.Id.ToString(),
                Details = new Dictionary<string, object?> { ["field"] = field, ["reason"] = reason },
            }, ct);
            var value = field == "idNumber" ? sealer.IdNumber(person) : sealer.Phone(person);
            return new Result(new Revealed(field, value));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder people) =>
        people.MapPost("/{id:guid}/reveal", async Task<Results<Ok<Revealed>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var result = await handler.Handle(id, body.Field, body.Reason, user, ct);
                return result.Failure switch
                {
                    Failure.None => TypedResults.Ok(result.Value!),
                    Failure.NotFound => Problems.NotFound("未找到该人员。"),
                    Failure.Forbidden => TypedResults.Problem(detail: "您的角色不能查看完整的个人信息。", statusCode: StatusCodes.Status403Forbidden, title: Problems.TitleFor(403)),
                    Failure.BadField => Problems.Validation("field", "只能查看身份证号（idNumber）或手机号（phone）。"),
                    _ => Problems.Validation("reason", $"请填写查看原因（{MinReason} 到 {MaxReason} 个字）。"),
                };
            })
            .WithName("Registry.RevealPersonalData");
}
