using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.ListSupervisionNotices;

/// <summary>
/// <c>GET /api/v1/events/supervision-notices</c>: 督办 notices the caller may see — the whole street for the command
/// centre and leaders, the notices addressed to their own units for everyone else — newest first; <c>open=true</c>
/// keeps the unanswered ones, <c>open=false</c> the answered ones.
/// </summary>
public static class ListSupervisionNotices
{
    public sealed record Query(bool? Open = null, Guid? EventId = null, int Page = 1, int PageSize = 20);

    public sealed record Item(
        Guid Id,
        Guid EventId,
        string TrackingCode,
        string Text,
        DateTime IssuedAt,
        string IssuedBy,
        OrgUnitKind TargetKind,
        Guid TargetId,
        string TargetName,
        string? Reply,
        DateTime? RepliedAt,
        string? RepliedBy,
        bool IsOpen);

    public sealed record Page(IReadOnlyList<Item> Items, int Total, int PageNumber, int PageSize);

    public sealed class Handler(JiexinDbContext db, IOrgScope scope, IOrgDirectory orgs)
    {
        public async Task<Page> Handle(Query query, ClaimsPrincipal user, CancellationToken ct)
        {
            var pageSize = Math.Clamp(query.PageSize, 1, 100);
            var pageNumber = Math.Max(1, query.Page);
            var notices = db.Set<SupervisionNotice>().AsNoTracking();
            if (!Roles.Staff.Any(user.IsInRole))
            {
                notices = notices.Where(_ => false);
            }

            notices = notices.WhereUnitInScope(scope.FilterFor(user), n => n.TargetKind, n => n.TargetId);
            if (query.Open == true)
            {
                notices = notices.Where(n => n.RepliedAt == null);
            }
            else if (query.Open == false)
            {
                notices = notices.Where(n => n.RepliedAt != null);
            }

            if (query.EventId is { } eventId)
            {
                notices = notices.Where(n => n.EventId == eventId);
            }

            var total = await notices.CountAsync(ct);
            var rows = await notices
                .OrderByDescending(n => n.IssuedAt)
                .Skip((pageNumber - 1) * pageSize)
                .Take(pageSize)
                .Join(db.Set<Event>(), n => n.EventId, e => e.Id, (n, e) => new { Notice = n, e.TrackingCode })
                .ToListAsync(ct);
            var items = rows.Select(r => new Item(
                r.Notice.Id, r.Notice.EventId, r.TrackingCode, r.Notice.Text, r.Notice.IssuedAt, r.Notice.IssuedByName,
                r.Notice.TargetKind, r.Notice.TargetId, orgs.Describe(new OrgUnitRef(r.Notice.TargetKind, r.Notice.TargetId)),
                r.Notice.Reply, r.Notice.RepliedAt, r.Notice.RepliedByName, r.Notice.RepliedAt is null)).ToList();
            return new Page(items, total, pageNumber, pageSize);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder events) =>
        events.MapGet("/supervision-notices", async Task<Ok<Page>> ([AsParameters] Query query, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(query, user, ct)))
            .WithName("Events.ListSupervisionNotices");
}
