using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Platform.Notifications.ListNotifications;

public sealed record NotificationDto(Guid Id, NotificationKind Kind, string Title, string Body, string? Link, string? SubjectType, Guid? SubjectId, DateTime CreatedAt, DateTime? ReadAt)
{
    public static NotificationDto From(UserNotification n) =>
        new(n.Id, n.Kind, n.Title, n.Body, n.Link, n.SubjectType, n.SubjectId, n.CreatedAt, n.ReadAt);
}

/// <summary>Unread counts for the bell: all, and by kind (待办, 超期, 督办).</summary>
public sealed record UnreadCounts(int Total, int Todo, int Deadline, int Supervision, int Progress);

/// <summary><c>GET /api/v1/notifications</c>: the caller's own notifications, newest first, with unread counts.</summary>
public static class ListNotifications
{
    public const int MaxPageSize = 100;

    public sealed record Query(bool? UnreadOnly = null, int Page = 1, int PageSize = 20);

    public sealed record Page(IReadOnlyList<NotificationDto> Items, int Total, int PageNumber, int PageSize, UnreadCounts Unread);

    public sealed class Handler(JiexinDbContext db)
    {
        public async Task<Page> Handle(Query query, ClaimsPrincipal user, CancellationToken ct)
        {
            var me = user.GetUserId() ?? Guid.Empty;
            var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
            var pageNumber = Math.Max(1, query.Page);
            var mine = db.Set<UserNotification>().AsNoTracking().Where(n => n.UserId == me);
            if (query.UnreadOnly == true)
            {
                mine = mine.Where(n => n.ReadAt == null);
            }

            var total = await mine.CountAsync(ct);
            var rows = await mine.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
                .Skip((pageNumber - 1) * pageSize).Take(pageSize).ToListAsync(ct);
            return new Page([.. rows.Select(NotificationDto.From)], total, pageNumber, pageSize, await CountUnreadAsync(me, ct));
        }

        public async Task<UnreadCounts> CountUnreadAsync(Guid userId, CancellationToken ct)
        {
            var byKind = await db.Set<UserNotification>().AsNoTracking()
                .Where(n => n.UserId == userId && n.ReadAt == null)
                .GroupBy(n => n.Kind)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToListAsync(ct);
            int Of(NotificationKind kind) => byKind.FirstOrDefault(k => k.Key == kind)?.Count ?? 0;
            return new UnreadCounts(byKind.Sum(k => k.Count), Of(NotificationKind.Todo), Of(NotificationKind.Deadline),
                Of(NotificationKind.Supervision), Of(NotificationKind.Progress));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder notifications) =>
        notifications.MapGet("/", async Task<Ok<Page>> ([AsParameters] Query query, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(query, user, ct)))
            .WithName("Notifications.ListNotifications");
}
