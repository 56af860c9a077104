using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.ListEvents;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.DepartmentInbox;

/// <summary>
/// 部门待办: the events a department holds, by where they stand (待签收, 处置中, 延期申请中, 已挂起, 待核查), plus those
/// it returned (已退单), with a count per tab. Department staff see their own department; the street may look into any.
/// </summary>
public static class DepartmentInbox
{
    public enum Tab
    {
        /// <summary>待签收.</summary>
        ToAccept,

        /// <summary>处置中.</summary>
        Handling,

        /// <summary>延期申请中.</summary>
        ExtensionRequested,

        /// <summary>已挂起.</summary>
        Suspended,

        /// <summary>已处置, waiting for the grid worker's verification.</summary>
        Handled,

        /// <summary>已退单 by this department, back in the dispatch queue.</summary>
        Returned,
    }

    public static readonly IReadOnlyList<Tab> Tabs = Enum.GetValues<Tab>();

    public static EventStatus StatusOf(Tab tab) => tab switch
    {
        Tab.ToAccept => EventStatus.Dispatched,
        Tab.Handling => EventStatus.Accepted,
        Tab.ExtensionRequested => EventStatus.ExtensionRequested,
        Tab.Suspended => EventStatus.Suspended,
        Tab.Handled => EventStatus.Handled,
        _ => EventStatus.Returned,
    };

    public static string TabName(Tab tab) => tab switch
    {
        Tab.ToAccept => "待签收",
        Tab.Handling => "处置中",
        Tab.ExtensionRequested => "延期申请中",
        Tab.Suspended => "已挂起",
        Tab.Handled => "待核查",
        _ => "已退单",
    };

    public sealed record Query(Tab Tab = Tab.ToAccept, Guid? DepartmentId = null, int Page = 1, int PageSize = 20);

    public sealed record TabCount(Tab Tab, string Name, int Count);

    public sealed record Inbox(Guid DepartmentId, string DepartmentName, Tab Tab, IReadOnlyList<TabCount> Counts, IReadOnlyList<ListEvents.ListEvents.Item> Items, int Total, int PageNumber, int PageSize);

    public sealed class Handler(JiexinDbContext db, IOrgScope scope, IOrgDirectory orgs, TimeProvider clock)
    {
        public async Task<Inbox?> Handle(Query query, ClaimsPrincipal user, CancellationToken ct)
        {
            Guid? department = query.DepartmentId
                ?? (user.GetOrgUnit() is { Kind: OrgUnitKind.Department } unit ? unit.Id : null);
            if (department is not { } dept)
            {
                return null;
            }

            var target = new OrgUnitRef(OrgUnitKind.Department, dept);
            if (!orgs.Exists(target) || !await scope.CanActOnAsync(user, target))
            {
                return null;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var events = db.Set<Event>().AsNoTracking();
            var held = events.Where(e => e.AssigneeKind == OrgUnitKind.Department && e.AssigneeId == dept);
            var returned = events.Where(e => e.ReturnedByKind == OrgUnitKind.Department && e.ReturnedById == dept && e.Status == EventStatus.Returned);

            var byStatus = await held.GroupBy(e => e.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
            var returnedCount = await returned.CountAsync(ct);
            var counts = Tabs.Select(t => new TabCount(t, TabName(t), t == Tab.Returned
                    ? returnedCount
                    : byStatus.FirstOrDefault(s => s.Status == StatusOf(t))?.Count ?? 0))
                .ToList();

            var status = StatusOf(query.Tab);
            var list = query.Tab == Tab.Returned ? returned : held.Where(e => e.Status == status);
            var pageSize = Math.Clamp(query.PageSize, 1, ListEvents.ListEvents.MaxPageSize);
            var pageNumber = Math.Max(1, query.Page);
            var total = counts.First(c => c.Tab == query.Tab).Count;
            // Most urgent first: by deadline, then the oldest.
            var rows = await list
                .OrderBy(e => e.DueAt == null)
                .ThenBy(e => e.DueAt)
                .ThenBy(e => e.CreatedAt)
                .Skip((pageNumber - 1) * pageSize)
                .Take(pageSize)
                .ToListAsync(ct);
            var items = rows.Select(e => EventRows.ToItem(e, orgs, now)).ToList();
            return new Inbox(dept, orgs.Describe(target), query.Tab, counts, items, total, pageNumber, pageSize);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder events) =>
        events.MapGet("/department-inbox", async Task<Results<Ok<Inbox>, ProblemHttpResult>> (
                [AsParameters] Query query, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.Handle(query, user, ct) is { } inbox
                    ? TypedResults.Ok(inbox)
                    : Problems.NotFound("未找到该部门，或它不在您的管辖范围内。"))
            .RequireAuthorization(Policies.Staff)
            .WithName("Events.DepartmentInbox");
}
