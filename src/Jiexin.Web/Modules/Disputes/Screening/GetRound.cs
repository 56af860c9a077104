using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Disputes.Screening;

/// <summary>One round with its risks; and "this week's round of my grid" for the grid worker (opened if need be).</summary>
public static class GetRound
{
    public sealed class Handler(JiexinDbContext db, ScreeningAccess access, OpenRounds.Handler open, IOrgDirectory orgs, TimeProvider clock)
    {
        public async Task<ScreeningRoundDto?> Handle(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            var round = await db.Set<ScreeningRound>().AsNoTracking().Include(r => r.Risks).SingleOrDefaultAsync(r => r.Id == id, ct);
            return round is not null && await access.CanSeeAsync(user, round.GridId)
                ? ScreeningRoundDto.WithRisks(round, orgs, clock.GetUtcNow().UtcDateTime)
                : null;
        }

        /// <summary>The current round of the caller's grid; null when the account is not bound to a grid.</summary>
        public async Task<ScreeningRoundDto?> CurrentAsync(ClaimsPrincipal user, CancellationToken ct)
        {
            if (user.GetOrgUnit() is not { Kind: OrgUnitKind.Grid } grid || !user.IsInRole(Roles.GridWorker))
            {
                return null;
            }

            var round = await open.CurrentAsync(grid.Id, ct);
            return round is null ? null : ScreeningRoundDto.WithRisks(round, orgs, clock.GetUtcNow().UtcDateTime);
        }
    }

    public static void Map(RouteGroupBuilder screening)
    {
        screening.MapGet("/rounds/current", async Task<Results<Ok<ScreeningRoundDto>, ProblemHttpResult>> (ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.CurrentAsync(user, ct) is { } round ? TypedResults.Ok(round) : Problems.NotFound("您的账号未绑定网格，没有本周的排查任务。"))
            .RequireAuthorization(p => p.RequireRole(Roles.GridWorker))
            .WithName("Disputes.CurrentScreeningRound");
        screening.MapGet("/rounds/{id:guid}", async Task<Results<Ok<ScreeningRoundDto>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.Handle(id, user, ct) is { } round ? TypedResults.Ok(round) : Problems.NotFound("未找到该排查记录。"))
            .WithName("Disputes.GetScreeningRound");
    }
}
