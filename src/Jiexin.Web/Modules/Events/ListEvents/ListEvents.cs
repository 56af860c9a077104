using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.ListEvents;

/// <summary>
/// The queue: events the caller may see (residents their own; staff their scope's grids and what is assigned to
/// their units), filtered, newest first, one page at a time. Filters travel in the query string so a filtered
/// list can be shared as a link.
/// </summary>
public static class ListEvents
{
    public const int MaxPageSize = 100;

    public sealed record Query(
        EventStatus? Status = null,
        bool? Open = null,
        bool? Overdue = null,
        Guid? CommunityId = null,
        Guid? GridId = null,
        Guid? DepartmentId = null,
        string? Category = null,
        string? Keyword = null,
        int Page = 1,
        int PageSize = 20,
        OrgUnitKind? AssigneeKind = null,
        ResolutionTier? Tier = null);

    public sealed record Item(
        Guid Id,
        string TrackingCode,
        EventStatus Status,
        string StatusName,
        EventChannel Channel,
        string Summary,
        Guid? GridId,
        string? GridName,
        string? CategoryName,
        string? AssigneeName,
        DateTime CreatedAt,
        DateTime? DueAt,
        bool IsOverdue,
        int Version,
        Deadlines.DeadlineWarning Warning = Deadlines.DeadlineWarning.None);

    public sealed record Page(IReadOnlyList<Item> Items, int Total, int PageNumber, int PageSize);

    public sealed class Handler(JiexinDbContext db, IOrgScope scope, IOrgDirectory orgs, TimeProvider clock)
    {
        public async Task<Page> Handle(Query query, ClaimsPrincipal user, CancellationToken ct)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
            var pageNumber = Math.Max(1, query.Page);

            var events = Visible(db.Set<Event>().AsNoTracking(), user);
            if (query.Status is { } status)
            {
                events = events.Where(e => e.Status == status);
            }

            if (query.Open == true)
            {
                var open = EventWorkflow.Open.ToArray();
                events = events.Where(e => Enumerable.Contains(open, e.Status));
            }

            if (query.Overdue == true)
            {
                var open = EventWorkflow.Open.ToArray();
                events = events.Where(e => e.DueAt != null && e.DueAt < now && Enumerable.Contains(open, e.Status));
            }

            if (query.CommunityId is { } community)
            {
                events = events.Where(e => e.CommunityId == community);
            }

            if (query.GridId is { } grid)
            {
                events = events.Where(e => e.GridId == grid);
            }

            if (query.DepartmentId is { } department)
            {
                events = events.Where(e => e.AssigneeKind == OrgUnitKind.Department && e.AssigneeId == department);
            }

            // 分级响应: who holds the event now (grid, community, department), and where closed events were resolved.
            if (query.AssigneeKind is { } assigneeKind)
            {
                events = events.Where(e => e.AssigneeKind == assigneeKind);
            }

            if (query.Tier is { } tier)
            {
                events = events.Where(e => e.ResolvedTier == tier);
            }

            if (!string.IsNullOrWhiteSpace(query.Category))
            {
                events = events.Where(e => e.CategoryCode == query.Category);
            }

            if (!string.IsNullOrWhiteSpace(query.Keyword))
            {
                var keyword = query.Keyword.Trim();
                events = events.Where(e => e.TrackingCode == keyword.ToUpperInvariant() || e.Description.Contains(keyword));
            }

            var total = await events.CountAsync(ct);
            var rows = await events
                .OrderByDescending(e => e.CreatedAt)
                .Skip((pageNumber - 1) * pageSize)
                .Take(pageSize)
                // Only the columns a row shows, into a slim Event, so one mapper serves queue, inbox and my grid.
                .Select(e => new Event
                {
                    Id = e.Id, TrackingCode = e.TrackingCode, Status = e.Status, Channel = e.Channel, Description = e.Description,
                    GridId = e.GridId, CategoryName = e.CategoryName, AssigneeKind = e.AssigneeKind, AssigneeId = e.AssigneeId,
                    CreatedAt = e.CreatedAt, DueAt = e.DueAt, Warning = e.Warning, Version = e.Version, IsAnonymous = e.IsAnonymous,
                })
                .ToListAsync(ct);

            var items = rows.Select(r => EventRows.ToItem(r, orgs, now)).ToList();
            return new Page(items, total, pageNumber, pageSize);
        }

        /// <summary>The home page's work counts, over the same visible events as the queue.</summary>
        public async Task<Contracts.EventWorkSummary> SummaryAsync(ClaimsPrincipal user, CancellationToken ct)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var events = Visible(db.Set<Event>().AsNoTracking(), user);
            var waiting = new[] { EventStatus.Reported, EventStatus.Returned, EventStatus.Handled };
            var byStatus = await events.Where(e => Enumerable.Contains(waiting, e.Status))
                .GroupBy(e => e.Status)
                .Select(g => new { Status = g.Key, Count = g.Count() })
                .ToDictionaryAsync(x => x.Status, x => x.Count, ct);
            var open = EventWorkflow.Open.ToArray();
            var overdue = await events.CountAsync(e => e.DueAt != null && e.DueAt < now && Enumerable.Contains(open, e.Status), ct);
            var midnight = Platform.Calendar.ChinaTime.ToUtc(Platform.Calendar.ChinaTime.Today(clock).ToDateTime(TimeOnly.MinValue));
            var today = await events.CountAsync(e => e.CreatedAt >= midnight, ct);
            return new Contracts.EventWorkSummary(
                byStatus.GetValueOrDefault(EventStatus.Reported), byStatus.GetValueOrDefault(EventStatus.Returned),
                byStatus.GetValueOrDefault(EventStatus.Handled), overdue, today);
        }

        private IQueryable<Event> Visible(IQueryable<Event> events, ClaimsPrincipal user)
        {
            if (!Roles.Staff.Any(user.IsInRole))
            {
                var me = user.GetUserId() ?? Guid.Empty;
                return events.Where(e => e.ReporterUserId == me);
            }

            var filter = scope.FilterFor(user);
            if (filter.AllTerritory)
            {
                return events;
            }

            var grids = filter.GridIds;
            var communities = filter.CommunityIds;
            var departments = filter.DepartmentIds;
            return events.Where(e =>
                (e.GridId != null && Enumerable.Contains(grids, e.GridId.Value))
                || (e.AssigneeKind == OrgUnitKind.Grid && e.AssigneeId != null && Enumerable.Contains(grids, e.AssigneeId.Value))
                || (e.AssigneeKind == OrgUnitKind.Community && e.AssigneeId != null && Enumerable.Contains(communities, e.AssigneeId.Value))
                || (e.AssigneeKind == OrgUnitKind.Department && e.AssigneeId != null && Enumerable.Contains(departments, e.AssigneeId.Value))
                || db.Set<EventSummons>().Any(s => s.EventId == e.Id && !s.Superseded && Enumerable.Contains(departments, s.DepartmentId)));
        }
    }

    /// <summary>The home page's view of the queue (<see cref="Contracts.IEventWorkSummary"/>).</summary>
    public sealed class WorkSummary(Handler handler) : Contracts.IEventWorkSummary
    {
        public Task<Contracts.EventWorkSummary> ForAsync(ClaimsPrincipal user, CancellationToken ct) => handler.SummaryAsync(user, ct);
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder events) =>
        events.MapGet("/", async Task<Ok<Page>> ([AsParameters] Query query, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(query, user, ct)))
            .WithName("Events.ListEvents");
}
