using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.ListCheckIns;

/// <summary>
/// <c>GET /api/v1/events/check-ins</c>: every summons (吹哨报到 / 多部门派单) in a period with its check-in and lateness,
/// and a summary per department, for assessment (考核). The command centre and leaders see every department; department
/// staff their own. A summons not checked in after its deadline counts as overdue.
/// </summary>
public static class ListCheckIns
{
    public const int MaxItems = 500;

    public sealed record Query(DateTime? From = null, DateTime? To = null, Guid? DepartmentId = null, bool? LateOnly = null);

    public sealed record Item(
        Guid SummonsId,
        Guid EventId,
        string TrackingCode,
        string Summary,
        Guid DepartmentId,
        string DepartmentName,
        bool ViaWhistle,
        DateTime SummonedAt,
        DateTime CheckInDueAt,
        DateTime? CheckedInAt,
        bool IsLate,
        int LateMinutes,
        bool IsOverdue,
        DateTime? DoneAt);

    public sealed record DepartmentSummary(
        Guid DepartmentId,
        string DepartmentName,
        int Summoned,
        int CheckedIn,
        int Late,
        int LateMinutes,
        int OverdueNotCheckedIn);

    public sealed record Result(IReadOnlyList<DepartmentSummary> Departments, IReadOnlyList<Item> Items, bool Truncated);

    public sealed class Handler(JiexinDbContext db, IOrgScope scope, IOrgDirectory orgs, TimeProvider clock)
    {
        public async Task<Result> Handle(Query query, ClaimsPrincipal user, CancellationToken ct)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var summons = db.Set<EventSummons>().AsNoTracking();
            if (!Roles.Staff.Any(user.IsInRole))
            {
                summons = summons.Where(_ => false);
            }

            summons = summons.WhereDepartmentInScope(scope.FilterFor(user), s => s.DepartmentId);
            if (Utc(query.From) is { } from)
            {
                summons = summons.Where(s => s.SummonedAt >= from);
            }

            if (Utc(query.To) is { } to)
            {
                summons = summons.Where(s => s.SummonedAt < to);
            }

            if (query.DepartmentId is { } department)
            {
                summons = summons.Where(s => s.DepartmentId == department);
            }

            if (query.LateOnly == true)
            {
                summons = summons.Where(s => s.IsLate || (s.CheckedInAt == null && !s.Superseded && s.CheckInDueAt < now));
            }

            // The summary counts every row of the filter in the database; the list shows the newest rows.
            var grouped = await summons
                .GroupBy(s => s.DepartmentId)
                .Select(g => new
                {
                    DepartmentId = g.Key,
                    Summoned = g.Count(),
                    CheckedIn = g.Count(s => s.CheckedInAt != null),
                    Late = g.Count(s => s.IsLate),
                    LateMinutes = g.Sum(s => s.LateMinutes),
                    Overdue = g.Count(s => s.CheckedInAt == null && !s.Superseded && s.CheckInDueAt < now),
                })
                .ToListAsync(ct);
            var rows = await summons
                .OrderByDescending(s => s.SummonedAt)
                .Take(MaxItems + 1)
                .Join(db.Set<Event>(), s => s.EventId, e => e.Id, (s, e) => new { Summons = s, e.TrackingCode, e.Description })
                .ToListAsync(ct);

            var departments = grouped
                .Select(g => new DepartmentSummary(g.DepartmentId, Name(g.DepartmentId), g.Summoned, g.CheckedIn, g.Late, g.LateMinutes, g.Overdue))
                .OrderByDescending(d => d.Late + d.OverdueNotCheckedIn).ThenBy(d => d.DepartmentName, StringComparer.Ordinal)
                .ToList();
            var items = rows.Take(MaxItems).Select(r => new Item(
                r.Summons.Id, r.Summons.EventId, r.TrackingCode, ListMyEvents.ListMyEvents.Summarise(r.Description), r.Summons.DepartmentId, Name(r.Summons.DepartmentId), r.Summons.ViaWhistle,
                r.Summons.SummonedAt, r.Summons.CheckInDueAt, r.Summons.CheckedInAt, r.Summons.IsLate, r.Summons.LateMinutes,
                r.Summons.CheckedInAt is null && !r.Summons.Superseded && r.Summons.CheckInDueAt < now, r.Summons.DoneAt)).ToList();
            return new Result(departments, items, rows.Count > MaxItems);
        }

        private static DateTime? Utc(DateTime? t) => t is not { } value ? null
            : value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);

        private string Name(Guid department) => orgs.Describe(new OrgUnitRef(OrgUnitKind.Department, department));
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder events) =>
        events.MapGet("/check-ins", async Task<Ok<Result>> ([AsParameters] Query query, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(query, user, ct)))
            .WithName("Events.ListCheckIns");
}
