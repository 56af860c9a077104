using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Jiexin.Platform.Notifications.Live;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Platform.Notifications.MarkNotificationsRead;

/// <summary>
/// <c>POST /api/v1/notifications/{id}/read</c> (one) and <c>POST /api/v1/notifications/read-all</c>. Only the caller's
/// own notifications; someone else's id is 404. Reading twice is fine (the first read time stays).
/// </summary>
public static class MarkNotificationsRead
{
    public sealed class Handler(JiexinDbContext db, LiveUpdates live, TimeProvider clock)
    {
        /// <summary>Marks one (or, with a null id, all) of the user's notifications read; false when the id is not theirs.</summary>
        public async Task<bool> Handle(Guid? id, ClaimsPrincipal user, CancellationToken ct)
        {
            var me = user.GetUserId() ?? Guid.Empty;
            var now = clock.GetUtcNow().UtcDateTime;
            var mine = db.Set<UserNotification>().Where(n => n.UserId == me);
            if (id is { } one)
            {
                if (!await mine.AnyAsync(n => n.Id == one, ct))
                {
                    return false;
                }

                mine = mine.Where(n => n.Id == one);
            }

            var changed = await mine.Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
            if (changed > 0)
            {
                live.PublishNotified([me]);
            }

            return true;
        }
    }

    public static void Map(RouteGroupBuilder notifications)
    {
        notifications.MapPost("/{id:guid}/read", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.Handle(id, user, ct) ? TypedResults.NoContent() : Problems.NotFound("未找到该通知。"))
            .WithName("Notifications.MarkRead");
        notifications.MapPost("/read-all", async Task<NoContent> (ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                await handler.Handle(null, user, ct);
                return TypedResults.NoContent();
            })
            .WithName("Notifications.MarkAllRead");
    }
}
