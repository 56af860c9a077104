using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Assessment.Domain;
using Jiexin.Modules.Assessment.GetMonth;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Assessment.Rules;

/// <summary>
/// 考核规则: read the current rules and their history; Admin saves a new version (never an edit of an old one, so a
/// closed month keeps naming the rules that scored it; the audit log records who saved what).
/// </summary>
public static class AssessmentRules
{
    public sealed record Request(
        int? ResponseWorkingHours,
        int? DepartmentResponse, int? DepartmentOnTime, int? DepartmentReturns, int? DepartmentCheckIn, int? DepartmentSatisfaction, int? DepartmentFollowUp,
        int? AreaDiscovery, int? AreaInTier, int? AreaOverdue, int? AreaSatisfaction,
        string? Note);

    public sealed record RulesDto(RuleSetDto Current, IReadOnlyList<RuleSetDto> History);

    public sealed class ListHandler(JiexinDbContext db)
    {
        public async Task<RulesDto> Handle(CancellationToken ct)
        {
            var all = await db.Set<AssessmentRuleSet>().AsNoTracking().OrderByDescending(r => r.Number).Take(100).ToListAsync(ct);
            var current = all.FirstOrDefault() ?? AssessmentRuleDefaults.Create(0, DateTime.UnixEpoch);
            return new(RuleSetDto.From(current), [.. all.Select(RuleSetDto.From)]);
        }
    }

    public sealed record SaveOutcome(RuleSetDto? Saved, string? Field = null, string? Message = null, bool Conflict = false);

    public sealed class SaveHandler(JiexinDbContext db, TimeProvider clock)
    {
        public async Task<SaveOutcome> Handle(Request body, ClaimsPrincipal user, CancellationToken ct)
        {
            if (Validate(body) is { } invalid)
            {
                return invalid;
            }

            var last = await db.Set<AssessmentRuleSet>().AsNoTracking().MaxAsync(r => (int?)r.Number, ct) ?? 0;
            var now = clock.GetUtcNow().UtcDateTime;
            var rules = new AssessmentRuleSet
            {
                Id = Guid.CreateVersion7(now),
                Number = last + 1,
                ResponseWorkingHours = body.ResponseWorkingHours!.Value,
                DepartmentResponse = body.DepartmentResponse!.Value,
                DepartmentOnTime = body.DepartmentOnTime!.Value,
                DepartmentReturns = body.DepartmentReturns!.Value,
                DepartmentCheckIn = body.DepartmentCheckIn!.Value,
                DepartmentSatisfaction = body.DepartmentSatisfaction!.Value,
                DepartmentFollowUp = body.DepartmentFollowUp!.Value,
                AreaDiscovery = body.AreaDiscovery!.Value,
                AreaInTier = body.AreaInTier!.Value,
                AreaOverdue = body.AreaOverdue!.Value,
                AreaSatisfaction = body.AreaSatisfaction!.Value,
                Note = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim(),
                CreatedAt = now,
                CreatedByUserId = user.GetUserId(),
                CreatedByName = user.FindFirst(JiexinClaims.DisplayName)?.Value ?? user.Identity?.Name ?? "",
            };
            db.Add(rules);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Someone saved the same version number at the same moment (unique index).
                db.ChangeTracker.Clear();
                return new(null, Message: "考核规则刚被他人修改，请刷新后再保存。", Conflict: true);
            }

            return new(RuleSetDto.From(rules));
        }

        private static SaveOutcome? Validate(Request b)
        {
            if (b.ResponseWorkingHours is not (>= 1 and <= 72))
            {
                return new(null, "responseWorkingHours", "签收时限应为 1 到 72 个工作小时。");
            }

            (string Field, int? Value)[] weights =
            [
                ("departmentResponse", b.DepartmentResponse), ("departmentOnTime", b.DepartmentOnTime), ("departmentReturns", b.DepartmentReturns),
                ("departmentCheckIn", b.DepartmentCheckIn), ("departmentSatisfaction", b.DepartmentSatisfaction), ("departmentFollowUp", b.DepartmentFollowUp),
                ("areaDiscovery", b.AreaDiscovery), ("areaInTier", b.AreaInTier), ("areaOverdue", b.AreaOverdue), ("areaSatisfaction", b.AreaSatisfaction),
            ];
            foreach (var (field, value) in weights)
            {
                if (value is not (>= 0 and <= 100))
                {
                    return new(null, field, "权重应为 0 到 100 的整数。");
                }
            }

            if (weights[..6].Sum(w => w.Value!.Value) == 0)
            {
                return new(null, "departmentResponse", "部门考核的权重不能全为 0。");
            }

            if (weights[6..].Sum(w => w.Value!.Value) == 0)
            {
                return new(null, "areaDiscovery", "村社区、网格考核的权重不能全为 0。");
            }

            return b.Note is { Length: > 500 } ? new(null, "note", "说明不能超过 500 字。") : null;
        }
    }

    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/rules", async (ListHandler handler, CancellationToken ct) => TypedResults.Ok(await handler.Handle(ct)))
            .WithName("Assessment.GetRules");
        g.MapPost("/rules", async Task<Results<Created<RuleSetDto>, ValidationProblem, ProblemHttpResult>> (
                Request body, ClaimsPrincipal user, SaveHandler handler, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(body, user, ct);
                return outcome switch
                {
                    { Saved: { } saved } => TypedResults.Created("/api/v1/assessment/rules", saved),
                    { Conflict: true } => Problems.Conflict(outcome.Message!),
                    _ => Problems.Validation(outcome.Field!, outcome.Message!),
                };
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("Assessment.SaveRules");
    }
}
