using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.Patrols;

/// <summary>One patrol with its track: for the worker who walked it and for staff whose scope covers its grid.</summary>
public static class GetPatrol
{
    public sealed class Handler(JiexinDbContext db, IOrgScope scope, IOrgDirectory orgs, TimeProvider clock)
    {
        public async Task<PatrolDto?> Handle(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            var patrol = await db.Set<Patrol>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
            if (patrol is null || !await CanSeeAsync(user, patrol))
            {
                return null;
            }

            var track = await db.Set<PatrolPoint>().AsNoTracking()
                .Where(p => p.PatrolId == id)
                .OrderBy(p => p.RecordedAt)
                .Select(p => new TrackPointDto(p.RecordedAt, p.Latitude, p.Longitude, p.AccuracyMeters))
                .ToListAsync(ct);
            return PatrolDto.From(patrol, orgs, clock.GetUtcNow().UtcDateTime, track);
        }

        /// <summary>The patrol the signed-in worker has under way, if any.</summary>
        public async Task<PatrolDto?> CurrentAsync(ClaimsPrincipal user, CancellationToken ct)
        {
            var me = user.GetUserId();
            var patrol = await db.Set<Patrol>().AsNoTracking()
                .Where(p => p.GridWorkerUserId == me && p.EndedAt == null)
                .OrderByDescending(p => p.StartedAt)
                .FirstOrDefaultAsync(ct);
            return patrol is null ? null : PatrolDto.From(patrol, orgs, clock.GetUtcNow().UtcDateTime);
        }

        private async Task<bool> CanSeeAsync(ClaimsPrincipal user, Patrol patrol)
        {
            if (patrol.GridWorkerUserId == user.GetUserId())
            {
                return true;
            }

            return DiscoveryWork.ViewerRoles.Any(user.IsInRole)
                   && patrol.GridId is { } grid
                   && await scope.CanActOnAsync(user, new OrgUnitRef(OrgUnitKind.Grid, grid));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder patrols) =>
        patrols.MapGet("/{id:guid}", async Task<Results<Ok<PatrolDto>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.Handle(id, user, ct) is { } patrol ? TypedResults.Ok(patrol) : Problems.NotFound("未找到该巡查记录。"))
            .RequireAuthorization(Policies.Staff)
            .WithName("Events.GetPatrol");
}
