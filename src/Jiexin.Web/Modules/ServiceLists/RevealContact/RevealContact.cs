using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.ServiceLists.Domain;
using Jiexin.Modules.ServiceLists.Shared;
using Jiexin.Platform.Audit;
using Jiexin.Platform.Http;
using Jiexin.Platform.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.ServiceLists.RevealContact;

/// <summary>
/// 查看完整号码: a resource's contact phone in full, for staff who may see the resource, with a stated reason. The
/// reveal is written to the audit log (who, which resource, why; never the number) before the number is returned,
/// like Registry's reveal.
/// </summary>
public static class RevealContact
{
    public const string AuditAction = "PersonalDataRevealed";
    public const int MinReason = 4;
    public const int MaxReason = 200;

    public sealed record Request(string? Reason);

    public sealed record Revealed(string Field, string Value);

    public enum Failure { None, NotFound, NoPhone, BadReason }

    public sealed record Result(Revealed? Value, Failure Failure = Failure.None);

    public sealed class Handler(JiexinDbContext db, ListAccess access, IPersonalDataProtector protector, IAuditTrail audit)
    {
        public async Task<Result> Handle(Guid id, string? reason, ClaimsPrincipal user, CancellationToken ct)
        {
            var item = await db.Set<ListItem>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id && x.Kind == ListKind.Resource, ct);
            if (item is null || !ListAccess.IsStaff(user) || !await access.CanSeeAsync(user, item))
            {
                return new(null, Failure.NotFound);
            }

            if (item.ContactPhoneCipher is null)
            {
                return new(null, Failure.NoPhone);
            }

            reason = reason?.Trim();
            if (reason is null || reason.Length < MinReason || reason.Length > MaxReason)
            {
                return new(null, Failure.BadReason);
            }

            await audit.RecordAsync(new AuditRecord(AuditAction)
            {
                EntityType = nameof(ListItem),
                EntityId = item.Id.ToString(),
                Details = new Dictionary<string, object?> { ["field"] = "contactPhone", ["reason"] = reason },
            }, ct);
            return new(new Revealed("contactPhone", protector.Decrypt(ListItem.ContactPhoneField, item.ContactPhoneCipher)));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder lists) =>
        lists.MapPost("/items/{id:guid}/reveal-contact", async Task<Results<Ok<Revealed>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var result = await handler.Handle(id, body.Reason, user, ct);
                return result.Failure switch
                {
                    Failure.None => TypedResults.Ok(result.Value!),
                    Failure.NoPhone => Problems.NotFound("该资源没有登记联系电话。"),
                    Failure.BadReason => Problems.Validation("reason", $"请填写查看原因（{MinReason} 到 {MaxReason} 个字）。"),
                    _ => Problems.NotFound("未找到该资源。"),
                };
            })
            .WithName("ServiceLists.RevealContact");
}
