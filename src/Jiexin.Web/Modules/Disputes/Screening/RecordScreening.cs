using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Disputes.Screening;

/// <summary>
/// The grid worker's record of a round: a dispute risk found (rated by <see cref="DisputeRules.Assess"/>), or
/// 本周无矛盾纠纷隐患. A risk may still be added after "none found" (the round becomes "risks found"); "none found" is
/// refused once a risk is recorded.
/// </summary>
public static class RecordScreening
{
    public const int MinDescription = 5;
    public const int MaxDescription = 1000;

    public sealed record RiskRequest(
        string? Description,
        string? Parties,
        int? PeopleCount,
        string? Place,
        string? DisputeType,
        decimal? Amount = null,
        bool? VulnerablePeople = null);

    public sealed record NoneFoundRequest(int? Version);

    public enum Status
    {
        Done,
        NotFound,
        Forbidden,
        Invalid,
        Conflict,
    }

    public sealed record Outcome(Status Status, ScreeningRoundDto? Round = null, ScreeningRiskDto? Risk = null, string? Message = null, string? Field = null)
    {
        public static Outcome Invalid(string field, string message) => new(Status.Invalid, Message: message, Field: field);
    }

    public sealed class Handler(JiexinDbContext db, ScreeningAccess access, IOrgDirectory orgs, TimeProvider clock)
    {
        public async Task<Outcome> AddRiskAsync(Guid roundId, RiskRequest body, ClaimsPrincipal user, CancellationToken ct)
        {
            var (round, refusal) = await LoadAsync(roundId, user, ct);
            if (round is null)
            {
                return refusal!;
            }

            var description = body.Description?.Trim() ?? "";
            if (description.Length is < MinDescription or > MaxDescription)
            {
                return Outcome.Invalid("description", $"请简要描述隐患（{MinDescription}–{MaxDescription} 个字）。");
            }

            var parties = body.Parties?.Trim() ?? "";
            if (parties.Length is 0 or > 200)
            {
                return Outcome.Invalid("parties", "请填写涉及的当事人（不超过 200 字）。");
            }

            if (body.PeopleCount is not (>= 1 and <= 100_000))
            {
                return Outcome.Invalid("peopleCount", "涉及人数应在 1 到 100000 之间。");
            }

            var place = body.Place?.Trim() ?? "";
            if (place.Length is 0 or > 200)
            {
                return Outcome.Invalid("place", "请填写隐患所在地点（不超过 200 字）。");
            }

            var typeValue = body.DisputeType?.Trim() ?? "";
            var type = typeValue.Length == 0 ? null : await db.Set<DisputeType>().AsNoTracking()
                .FirstOrDefaultAsync(t => t.IsActive && (t.Code == typeValue || t.Name == typeValue), ct);
            if (type is null)
            {
                return Outcome.Invalid("disputeType", typeValue.Length == 0 ? "请选择纠纷类型。" : "纠纷类型不存在或已停用。");
            }

            if (body.Amount is < 0 or > 100_000_000_000m)
            {
                return Outcome.Invalid("amount", "涉及金额应为不小于 0 的数。");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            // 同一当事人重复纠纷: earlier risks of this grid in the past year naming the same parties.
            var since = now.AddYears(-1);
            var repeats = await db.Set<ScreeningRisk>().AsNoTracking()
                .CountAsync(r => r.GridId == round.GridId && r.Parties == parties && r.RecordedAt >= since, ct);
            var (level, reasons) = DisputeRules.Assess(description, body.PeopleCount.Value, body.Amount, DisputeUrgency.Normal, repeats, body.VulnerablePeople == true);
            var risk = new ScreeningRisk
            {
                Id = Guid.CreateVersion7(now),
                RoundId = round.Id,
                GridId = round.GridId,
                CommunityId = round.CommunityId,
                Description = description,
                Parties = parties,
                PeopleCount = body.PeopleCount.Value,
                Place = place,
                TypeCode = type.Code,
                TypeName = type.Name,
                Amount = body.Amount,
                VulnerablePeople = body.VulnerablePeople == true,
                Risk = level,
                RiskReasons = reasons.Count == 0 ? null : string.Join("；", reasons),
                RecordedAt = now,
                RecordedByUserId = user.GetUserId(),
                RecordedByName = ActorName(user),
            };
            round.Risks.Add(risk);
            Complete(round, ScreeningStatus.RisksFound, user, now);
            return await SaveAsync(round, ScreeningRiskDto.From(risk), now, ct);
        }

        public async Task<Outcome> NoneFoundAsync(Guid roundId, NoneFoundRequest body, ClaimsPrincipal user, CancellationToken ct)
        {
            var (round, refusal) = await LoadAsync(roundId, user, ct);
            if (round is null)
            {
                return refusal!;
            }

            if (body.Version is not { } version)
            {
                return Outcome.Invalid("version", "请提供您看到的排查记录版本号（version）。");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            if (version != round.Version)
            {
                return new(Status.Conflict, ScreeningRoundDto.WithRisks(round, orgs, now), Message: "该排查记录刚被更新，请刷新后再操作。");
            }

            if (round.Risks.Count > 0)
            {
                return new(Status.Conflict, ScreeningRoundDto.WithRisks(round, orgs, now), Message: "本周期已登记隐患，不能再报“无隐患”。");
            }

            Complete(round, ScreeningStatus.NoneFound, user, now);
            return await SaveAsync(round, null, now, ct);
        }

        private async Task<(ScreeningRound? Round, Outcome? Refusal)> LoadAsync(Guid roundId, ClaimsPrincipal user, CancellationToken ct)
        {
            var round = await db.Set<ScreeningRound>().Include(r => r.Risks).SingleOrDefaultAsync(r => r.Id == roundId, ct);
            if (round is null || !await access.CanSeeAsync(user, round.GridId))
            {
                return (null, new(Status.NotFound, Message: "未找到该排查记录。"));
            }

            return ScreeningAccess.CanRecord(user) ? (round, null) : (null, new(Status.Forbidden, Message: "只有网格员、村社区工作人员和指挥中心可以登记排查结果。"));
        }

        private static void Complete(ScreeningRound round, ScreeningStatus status, ClaimsPrincipal user, DateTime now)
        {
            round.Status = status;
            round.CompletedAt = now;
            round.CompletedByUserId = user.GetUserId();
            round.CompletedByName = ActorName(user);
        }

        private async Task<Outcome> SaveAsync(ScreeningRound round, ScreeningRiskDto? risk, DateTime now, CancellationToken ct)
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new(Status.Conflict, Message: "该排查记录刚被他人更新，请刷新后重试。");
            }

            return new(Status.Done, ScreeningRoundDto.WithRisks(round, orgs, now), risk);
        }

        private static string ActorName(ClaimsPrincipal user) => user.FindFirst(JiexinClaims.DisplayName)?.Value ?? user.Identity?.Name ?? "";
    }

    public static void Map(RouteGroupBuilder screening)
    {
        screening.MapPost("/rounds/{id:guid}/risks", async Task<Results<Created<ScreeningRiskDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, RiskRequest body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.AddRiskAsync(id, body, user, ct);
                return outcome.Status switch
                {
                    Status.Done => TypedResults.Created($"/api/v1/disputes/screening/rounds/{id}", outcome.Risk!),
                    Status.Invalid => Problems.Validation(outcome.Field!, outcome.Message!),
                    _ => Refuse(outcome),
                };
            })
            .RequireAuthorization(p => p.RequireRole(ScreeningAccess.RecordingRoles))
            .WithName("Disputes.RecordScreeningRisk");
        screening.MapPost("/rounds/{id:guid}/none-found", async Task<Results<Ok<ScreeningRoundDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, NoneFoundRequest body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.NoneFoundAsync(id, body, user, ct);
                return outcome.Status switch
                {
                    Status.Done => TypedResults.Ok(outcome.Round!),
                    Status.Invalid => Problems.Validation(outcome.Field!, outcome.Message!),
                    _ => Refuse(outcome),
                };
            })
            .RequireAuthorization(p => p.RequireRole(ScreeningAccess.RecordingRoles))
            .WithName("Disputes.RecordScreeningNoneFound");
    }

    internal static ProblemHttpResult Refuse(Outcome outcome) => outcome.Status switch
    {
        Status.Forbidden => TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status403Forbidden, title: Problems.TitleFor(403)),
        Status.Conflict => TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status409Conflict, title: Problems.TitleFor(409),
            extensions: new Dictionary<string, object?> { ["current"] = outcome.Round }),
        _ => Problems.NotFound(outcome.Message!),
    };
}
