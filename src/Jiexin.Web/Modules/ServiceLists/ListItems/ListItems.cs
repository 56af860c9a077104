using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.ServiceLists.Domain;
using Jiexin.Modules.ServiceLists.Shared;
using Jiexin.Platform.Calendar;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.ServiceLists.ListItems;

/// <summary>The lists the caller may see, filtered by list, month, community, grid and status, paged.</summary>
public static class ListItems
{
    public const int MaxPageSize = 100;

    public sealed record Query(
        ListKind? Kind = null,
        string? Month = null,
        Guid? CommunityId = null,
        Guid? GridId = null,
        ListItemStatus? Status = null,
        string? Category = null,
        string? Q = null,
        int? Page = null,
        int? PageSize = null);

    public sealed record Row(
        Guid Id, ListKind Kind, string KindName, string Month, string PlaceName, string Title, string? Category, string? OwnerName,
        DateOnly Deadline, ListItemStatus Status, string StatusName, bool Overdue, int CarryOvers, DateTime? ClosedAt, bool? ClosedOnTime,
        string? ContactPhone, int Version);

    public sealed record Page(IReadOnlyList<Row> Items, int Total, int PageNumber, int PageSize);

    public sealed class Handler(JiexinDbContext db, ListAccess access, TimeProvider clock)
    {
        public IQueryable<ListItem> Filtered(Query q, ClaimsPrincipal user)
        {
            var query = access.Visible(db.Set<ListItem>().AsNoTracking(), user);
            if (q.Kind is { } kind)
            {
                query = query.Where(i => i.Kind == kind);
            }

            if (!string.IsNullOrWhiteSpace(q.Month))
            {
                var month = q.Month.Trim();
                query = query.Where(i => i.Month == month);
            }

            if (q.GridId is { } grid)
            {
                query = query.Where(i => i.GridId == grid);
            }
            else if (q.CommunityId is { } community)
            {
                query = query.Where(i => i.CommunityId == community);
            }

            if (q.Status is { } status)
            {
                query = query.Where(i => i.Status == status);
            }

            if (!string.IsNullOrWhiteSpace(q.Category))
            {
                var category = q.Category.Trim();
                var tagged = "|" + category + "|";
                query = query.Where(i => i.Category == category || (i.Categories != null && i.Categories.Contains(tagged)));
            }

            if (!string.IsNullOrWhiteSpace(q.Q))
            {
                var text = q.Q.Trim();
                query = query.Where(i => i.Title.Contains(text));
            }

            return query;
        }

        public async Task<Page> Handle(Query q, ClaimsPrincipal user, CancellationToken ct)
        {
            var page = Math.Max(1, q.Page ?? 1);
            var size = Math.Clamp(q.PageSize ?? 20, 1, MaxPageSize);
            var query = Filtered(q, user);
            var total = await query.CountAsync(ct);
            var items = await query.OrderBy(i => i.Status).ThenBy(i => i.Deadline).ThenByDescending(i => i.CreatedAt).ThenBy(i => i.Id)
                .Skip((page - 1) * size).Take(size).ToListAsync(ct);
            var today = ChinaTime.Today(clock);
            return new([.. items.Select(i => ToRow(i, today))], total, page, size);
        }

        public Row ToRow(ListItem i, DateOnly today) => new(
            i.Id, i.Kind, ListRules.Name(i.Kind), i.Month, access.PlaceName(i.CommunityId, i.GridId), i.Title, i.Kind == ListKind.Resource ? string.Join("、", ListItem.SplitCategories(i.Categories)) : i.Category,
            i.OwnerName, i.Deadline, i.Status, ListRules.Name(i.Status), i.Status == ListItemStatus.Open && i.Deadline < today, i.CarryOvers, i.ClosedAt,
            i.ClosedAt is { } closed ? ListRules.ClosedOnTime(closed, i.Deadline) : null, i.ContactPhoneMasked, i.Version);
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder lists) =>
        lists.MapGet("/items", async Task<Ok<Page>> ([AsParameters] Query q, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(q, user, ct)))
            .WithName("ServiceLists.ListItems");
}
