using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.Patrols;

/// <summary>开始巡查. A worker has at most one patrol under way: starting again returns that one (a double tap is harmless).</summary>
public static class StartPatrol
{
    public sealed record Outcome(PatrolDto? Patrol, bool Created, string? Problem);

    public sealed class Handler(JiexinDbContext db, ITerritoryLookup territory, IOrgDirectory orgs, TimeProvider clock)
    {
        public async Task<Outcome> Handle(ClaimsPrincipal user, CancellationToken ct)
        {
            if (GridWorker.Of(user, territory) is not { } worker)
            {
                return new(null, false, "只有网格员可以开始巡查。");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var current = await db.Set<Patrol>().AsNoTracking()
                .Where(p => p.GridWorkerUserId == worker.UserId && p.EndedAt == null)
                .OrderByDescending(p => p.StartedAt)
                .FirstOrDefaultAsync(ct);
            if (current is not null)
            {
                return new(PatrolDto.From(current, orgs, now), false, null);
            }

            var patrol = new Patrol
            {
                Id = Guid.CreateVersion7(now),
                GridWorkerUserId = worker.UserId,
                GridWorkerName = worker.Name,
                GridId = worker.GridId,
                CommunityId = worker.CommunityId,
                StartedAt = now,
            };
            db.Add(patrol);
            await db.SaveChangesAsync(ct);
            return new(PatrolDto.From(patrol, orgs, now), true, null);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder patrols) =>
        patrols.MapPost("/", async Task<Results<Created<PatrolDto>, Ok<PatrolDto>, ProblemHttpResult>> (ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(user, ct);
                if (outcome.Problem is { } problem)
                {
                    return TypedResults.Problem(detail: problem, statusCode: StatusCodes.Status403Forbidden, title: Problems.TitleFor(403));
                }

                return outcome.Created
                    ? TypedResults.Created($"/api/v1/patrols/{outcome.Patrol!.Id}", outcome.Patrol)
                    : TypedResults.Ok(outcome.Patrol!);
            })
            .RequireAuthorization(p => p.RequireRole(Roles.GridWorker))
            .WithName("Events.StartPatrol");
}
