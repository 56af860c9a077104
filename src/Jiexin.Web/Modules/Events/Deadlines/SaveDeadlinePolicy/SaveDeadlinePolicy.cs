using Jiexin.Data;
using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Events.Deadlines.ListDeadlinePolicies;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.Deadlines.SaveDeadlinePolicy;

/// <summary>
/// <c>PUT /api/v1/events/deadline-policies</c> (Admin): sets the time limit of one (大类, tier) — creates the row or
/// changes it. With <c>version</c> the change only applies to the version the Admin saw (409 otherwise). New limits
/// apply to deadlines set from now on; running deadlines keep theirs.
/// </summary>
public static class SaveDeadlinePolicy
{
    public const int MaxDays = 365;
    public const int MaxHours = 2000;

    public sealed record Request(string? CategoryCode, DeadlineTier? Tier, int? Amount, DeadlineUnit? Unit, int? Version);

    public enum Status
    {
        Saved,
        Invalid,
        Stale,
    }

    public sealed record Outcome(Status Status, DeadlinePolicyDto? Policy = null, string? Field = null, string? Message = null);

    public sealed class Handler(JiexinDbContext db, ICategoryDirectory categories, TimeProvider clock)
    {
        public async Task<Outcome> Handle(Request request, CancellationToken ct)
        {
            var code = string.IsNullOrWhiteSpace(request.CategoryCode) ? null : request.CategoryCode.Trim();
            if (code is not null && categories.Groups.All(g => g.Code != code))
            {
                return new(Status.Invalid, Field: "categoryCode", Message: "没有这个大类，请从类别列表中选择。");
            }

            if (request.Tier is not { } tier || !Enum.IsDefined(tier))
            {
                return new(Status.Invalid, Field: "tier", Message: "请选择承办层级（网格、村社区、职能部门或吹哨报到）。");
            }

            if (request.Unit is not { } unit || !Enum.IsDefined(unit))
            {
                return new(Status.Invalid, Field: "unit", Message: "请选择时限单位（工作日或工作小时）。");
            }

            var max = unit == DeadlineUnit.WorkingDays ? MaxDays : MaxHours;
            if (request.Amount is not { } amount || amount < 1 || amount > max)
            {
                return new(Status.Invalid, Field: "amount", Message: $"时限应为 1 到 {max} 之间的整数。");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var policy = await db.Set<DeadlinePolicy>().SingleOrDefaultAsync(p => p.CategoryCode == code && p.Tier == tier, ct);
            if (policy is null)
            {
                policy = new DeadlinePolicy { Id = Guid.CreateVersion7(now), CategoryCode = code, Tier = tier };
                db.Add(policy);
            }
            else if (request.Version is { } seen)
            {
                if (seen != policy.Version)
                {
                    return new(Status.Stale, Message: "该时限刚被他人修改，请刷新后再改。");
                }

                db.Entry(policy).Property(p => p.Version).OriginalValue = seen;
            }

            policy.Amount = amount;
            policy.Unit = unit;
            policy.UpdatedAt = now;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // A concurrent edit of the same row (version) or a concurrent creation of the same (大类, tier).
                return new(Status.Stale, Message: "该时限刚被他人修改，请刷新后再改。");
            }

            return new(Status.Saved, new DeadlinePolicyDto(policy.Id, policy.CategoryCode, ListDeadlinePolicies.ListDeadlinePolicies.CategoryName(categories, policy.CategoryCode),
                policy.Tier, DeadlineText.TierName(policy.Tier), policy.Amount, policy.Unit, policy.Describe(), policy.Version));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder events) =>
        events.MapPut("/deadline-policies", async Task<Results<Ok<DeadlinePolicyDto>, ValidationProblem, ProblemHttpResult>> (Request body, Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(body, ct);
                return outcome.Status switch
                {
                    Status.Saved => TypedResults.Ok(outcome.Policy!),
                    Status.Invalid => Problems.Validation(outcome.Field!, outcome.Message!),
                    _ => Problems.Conflict(outcome.Message!),
                };
            })
            .RequireAuthorization(Platform.Auth.Policies.Admin)
            .WithName("Events.SaveDeadlinePolicy");
}
