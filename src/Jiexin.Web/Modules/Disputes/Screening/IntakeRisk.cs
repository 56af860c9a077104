using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Register = Jiexin.Modules.Disputes.RegisterDispute.RegisterDispute;

namespace Jiexin.Modules.Disputes.Screening;

/// <summary>
/// 纳入调处: a risk found in screening becomes a dispute case in one action, through the ordinary intake
/// (<see cref="Register"/>, channel 网格排查) so every intake rule holds. Once per risk: the risk is claimed with a
/// conditional UPDATE first, so two clicks (or two people) make one case.
/// </summary>
public static class IntakeRisk
{
    /// <summary>Optional: the parties by name and role (default: the risk's parties as the applicant), urgency.</summary>
    public sealed record Request(IReadOnlyList<Register.PartyRequest>? Parties = null, DisputeUrgency? Urgency = null);

    public sealed record Outcome(Register.Registered? Dispute, IDictionary<string, string[]>? Errors = null, string? Conflict = null, Guid? ExistingId = null, bool NotFound = false, bool Forbidden = false);

    public sealed class Handler(JiexinDbContext db, ScreeningAccess access, Register.Handler register, TimeProvider clock)
    {
        public async Task<Outcome> Handle(Guid riskId, Request body, ClaimsPrincipal user, CancellationToken ct)
        {
            var risk = await db.Set<ScreeningRisk>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == riskId, ct);
            if (risk is null || !await access.CanSeeAsync(user, risk.GridId))
            {
                return new(null, NotFound: true);
            }

            if (!ScreeningAccess.CanIntake(user))
            {
                return new(null, Forbidden: true);
            }

            if (risk.ConvertedAt is not null)
            {
                return new(null, Conflict: "该隐患已纳入调处。", ExistingId: risk.DisputeId);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var claimed = await db.Set<ScreeningRisk>().Where(r => r.Id == riskId && r.ConvertedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ConvertedAt, now), ct);
            if (claimed == 0)
            {
                var existing = await db.Set<ScreeningRisk>().AsNoTracking().Where(r => r.Id == riskId).Select(r => r.DisputeId).SingleOrDefaultAsync(ct);
                return new(null, Conflict: "该隐患已纳入调处。", ExistingId: existing);
            }

            var description = $"【网格排查】{risk.Description}（地点：{risk.Place}{(risk.VulnerablePeople ? "；涉及弱势群体" : "")}）";
            var request = new Register.Request(
                description, risk.TypeCode,
                body.Parties is { Count: > 0 } parties ? parties : [new(risk.Parties, PartyRole.Applicant)],
                risk.Amount, risk.PeopleCount, body.Urgency, DisputeChannel.GridDiscovery, risk.CommunityId, risk.GridId, risk.Place,
                // The case is rated on the same facts as the risk: without the flag a red risk became an orange case.
                VulnerablePeople: risk.VulnerablePeople);
            Register.Outcome registered;
            try
            {
                registered = await register.Handle(request, user, ct);
            }
            catch
            {
                await ReleaseAsync(riskId);
                throw;
            }

            if (registered.Dispute is not { } dispute)
            {
                await ReleaseAsync(riskId);
                return new(null, registered.Errors, registered.Conflict, registered.ExistingId);
            }

            await db.Set<ScreeningRisk>().Where(r => r.Id == riskId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.DisputeId, dispute.Id).SetProperty(r => r.DisputeCaseNumber, dispute.CaseNumber), ct);
            return new(dispute);
        }

        private Task ReleaseAsync(Guid riskId) =>
            db.Set<ScreeningRisk>().Where(r => r.Id == riskId && r.DisputeId == null).ExecuteUpdateAsync(s => s.SetProperty(r => r.ConvertedAt, (DateTime?)null), CancellationToken.None);
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder screening) =>
        screening.MapPost("/risks/{id:guid}/intake", async Task<Results<Created<Register.Registered>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Request? body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(id, body ?? new(), user, ct);
                if (outcome.NotFound)
                {
                    return Problems.NotFound("未找到该隐患。");
                }

                if (outcome.Forbidden)
                {
                    return TypedResults.Problem(detail: "只有村社区工作人员、调解员和指挥中心可以将隐患纳入调处。", statusCode: StatusCodes.Status403Forbidden, title: Problems.TitleFor(403));
                }

                if (outcome.Errors is { } errors)
                {
                    return TypedResults.ValidationProblem(errors, title: "提交的数据有误");
                }

                if (outcome.Conflict is { } conflict)
                {
                    return TypedResults.Problem(detail: conflict, statusCode: StatusCodes.Status409Conflict, title: Problems.TitleFor(409),
                        extensions: new Dictionary<string, object?> { ["existingId"] = outcome.ExistingId });
                }

                return TypedResults.Created($"/api/v1/disputes/{outcome.Dispute!.Id}", outcome.Dispute);
            })
            .RequireAuthorization(p => p.RequireRole(ScreeningAccess.IntakeRoles))
            .WithName("Disputes.IntakeScreeningRisk");
}
