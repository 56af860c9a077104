using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.ListEvents;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.MyGrid;

/// <summary>
/// 我的网格: what the grid worker has to do today, in three lists sorted by deadline — events to verify on site
/// (and verified ones to close), events dispatched to the grid to accept and handle, and new reports in the grid
/// waiting for someone (the worker may handle a small matter at once: 小事不出村).
/// </summary>
public static class MyGridTasks
{
    /// <summary>Enough for a phone screen; the console queue has the rest.</summary>
    public const int MaxPerList = 50;

    private static readonly EventStatus[] ToVerifyStates = [EventStatus.Handled, EventStatus.Verified];
    private static readonly EventStatus[] AssignedStates = [EventStatus.Dispatched, EventStatus.Accepted, EventStatus.ExtensionRequested, EventStatus.Suspended];
    private static readonly EventStatus[] NewStates = [EventStatus.Reported, EventStatus.Triaged, EventStatus.Returned, EventStatus.Reopened];

    public sealed record Tasks(
        Guid? GridId,
        string? GridName,
        IReadOnlyList<ListEvents.ListEvents.Item> ToVerify,
        IReadOnlyList<ListEvents.ListEvents.Item> Assigned,
        IReadOnlyList<ListEvents.ListEvents.Item> NewReports);

    public sealed class Handler(JiexinDbContext db, IOrgDirectory orgs, TimeProvider clock)
    {
        public async Task<Tasks> Handle(ClaimsPrincipal user, CancellationToken ct)
        {
            if (user.GetOrgUnit() is not { Kind: OrgUnitKind.Grid } unit)
            {
                return new(null, null, [], [], []);
            }

            var grid = unit.Id;
            var now = clock.GetUtcNow().UtcDateTime;
            var rows = await db.Set<Event>().AsNoTracking()
                .Where(e => (e.GridId == grid && (Enumerable.Contains(ToVerifyStates, e.Status) || Enumerable.Contains(NewStates, e.Status)))
                            || (e.AssigneeKind == OrgUnitKind.Grid && e.AssigneeId == grid && Enumerable.Contains(AssignedStates, e.Status)))
                .OrderBy(e => e.DueAt == null)
                .ThenBy(e => e.DueAt)
                .ThenBy(e => e.CreatedAt)
                .Take(MaxPerList * 3)
                .ToListAsync(ct);

            List<ListEvents.ListEvents.Item> Pick(Func<Event, bool> test) =>
                [.. rows.Where(test).Take(MaxPerList).Select(e => EventRows.ToItem(e, orgs, now))];

            return new(
                grid,
                orgs.Describe(unit),
                Pick(e => e.GridId == grid && ToVerifyStates.Contains(e.Status)),
                Pick(e => e.AssigneeKind == OrgUnitKind.Grid && e.AssigneeId == grid && AssignedStates.Contains(e.Status)),
                Pick(e => e.GridId == grid && NewStates.Contains(e.Status)));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder events) =>
        events.MapGet("/my-grid", async Task<Ok<Tasks>> (ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(user, ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.GridWorker))
            .WithName("Events.MyGridTasks");
}
