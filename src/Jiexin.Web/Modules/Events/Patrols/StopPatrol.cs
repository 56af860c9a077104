using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.Patrols;

/// <summary>结束巡查. Stopping a stopped patrol returns it unchanged (the form may be sent twice).</summary>
public static class StopPatrol
{
    public const int MaxNote = 500;

    public sealed record Request(string? Note);

    public sealed class Handler(JiexinDbContext db, IOrgDirectory orgs, TimeProvider clock)
    {
        public async Task<PatrolDto?> Handle(Guid id, Request body, ClaimsPrincipal user, CancellationToken ct)
        {
            var me = user.GetUserId();
            var patrol = await db.Set<Patrol>().SingleOrDefaultAsync(p => p.Id == id && p.GridWorkerUserId == me, ct);
            if (patrol is null)
            {
                return null;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            if (patrol.EndedAt is null)
            {
                patrol.EndedAt = now;
                var note = body.Note?.Trim();
                patrol.Note = string.IsNullOrEmpty(note) ? null : note.Length > MaxNote ? note[..MaxNote] : note;
                await db.SaveChangesAsync(ct);
            }

            return PatrolDto.From(patrol, orgs, now);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder patrols) =>
        patrols.MapPost("/{id:guid}/stop", async Task<Results<Ok<PatrolDto>, ProblemHttpResult>> (
                Guid id, Request? body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.Handle(id, body ?? new Request(null), user, ct) is { } patrol
                    ? TypedResults.Ok(patrol)
                    : Problems.NotFound("未找到该巡查记录。"))
            .RequireAuthorization(p => p.RequireRole(Roles.GridWorker))
            .WithName("Events.StopPatrol");
}
