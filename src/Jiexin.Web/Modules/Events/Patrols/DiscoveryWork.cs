using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.Patrols;

/// <summary>
/// "铁脚板": each grid worker's discovery work over a date range — patrols, kilometres, hours on patrol, household
/// visits and events found on patrol (源头发现) — for community and street staff, within their scope. Also the
/// list of one worker's patrols, to open a track on the map.
/// </summary>
public static class DiscoveryWork
{
    /// <summary>Who reads the figures: the community and the street (the workers' supervisors).</summary>
    public static readonly string[] ViewerRoles = [Roles.CommunityStaff, Roles.Commander, Roles.Leader, Roles.Admin];

    public const int MaxDays = 366;

    public sealed record Query(DateOnly? From = null, DateOnly? To = null, Guid? CommunityId = null);

    public sealed record Row(
        Guid GridWorkerUserId,
        string GridWorkerName,
        Guid? GridId,
        string? GridName,
        int Patrols,
        double Kilometres,
        double Hours,
        int Visits,
        int EventsDiscovered);

    public sealed record Report(DateOnly From, DateOnly To, IReadOnlyList<Row> Rows);

    public sealed record PatrolQuery(Guid? GridWorkerUserId = null, DateOnly? From = null, DateOnly? To = null);

    public sealed class Handler(JiexinDbContext db, IOrgScope scope, IOrgDirectory orgs, TimeProvider clock)
    {
        public async Task<Report> Handle(Query query, ClaimsPrincipal user, CancellationToken ct)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var (from, to) = Range(query.From, query.To, now);
            var (start, end) = (ChinaDayStartUtc(from), ChinaDayStartUtc(to.AddDays(1)));
            var grids = GridsFor(user, query.CommunityId);

            var patrols = await InGrids(db.Set<Patrol>().AsNoTracking(), grids, p => p.GridId)
                .Where(p => p.StartedAt >= start && p.StartedAt < end)
                .Select(p => new { p.GridWorkerUserId, p.GridWorkerName, p.GridId, p.StartedAt, p.EndedAt, p.DistanceMeters })
                .ToListAsync(ct);
            var visits = await InGrids(db.Set<Visit>().AsNoTracking(), grids, v => v.GridId)
                .Where(v => v.VisitedAt >= start && v.VisitedAt < end)
                .GroupBy(v => new { v.GridWorkerUserId, v.GridWorkerName, v.GridId })
                .Select(g => new { g.Key.GridWorkerUserId, g.Key.GridWorkerName, g.Key.GridId, Count = g.Count() })
                .ToListAsync(ct);
            // 源头发现: events a worker reported from patrol (the timeline's first step carries the reporter's name).
            var discovered = await InGrids(db.Set<Event>().AsNoTracking(), grids, e => e.GridId)
                .Where(e => e.Channel == EventChannel.Patrol && e.CreatedByUserId != null && e.CreatedAt >= start && e.CreatedAt < end)
                .GroupBy(e => e.CreatedByUserId!.Value)
                .Select(g => new { UserId = g.Key, Count = g.Count() })
                .ToListAsync(ct);
            var unnamed = discovered.Select(d => d.UserId)
                .Except(patrols.Select(p => p.GridWorkerUserId)).Except(visits.Select(v => v.GridWorkerUserId)).ToArray();
            var reporters = unnamed.Length == 0
                ? []
                : await db.Set<EventTimelineEntry>().AsNoTracking()
                    .Where(t => t.Action == "Report" && t.ActorUserId != null && Enumerable.Contains(unnamed, t.ActorUserId.Value))
                    .Select(t => new { UserId = t.ActorUserId!.Value, t.ActorName })
                    .Distinct()
                    .ToListAsync(ct);

            var people = new Dictionary<Guid, (string Name, Guid? Grid)>();
            foreach (var p in patrols.OrderBy(p => p.StartedAt))
            {
                people[p.GridWorkerUserId] = (p.GridWorkerName, p.GridId);
            }

            foreach (var v in visits.Where(v => !people.ContainsKey(v.GridWorkerUserId)))
            {
                people[v.GridWorkerUserId] = (v.GridWorkerName, v.GridId);
            }

            foreach (var r in reporters.Where(r => !people.ContainsKey(r.UserId)))
            {
                people[r.UserId] = (r.ActorName, null);
            }

            // Every grid worker of the grids in view, even one with nothing recorded: a blank line is the finding.
            foreach (var worker in await GridWorkersAsync(grids, ct))
            {
                if (!people.TryGetValue(worker.Id, out var known))
                {
                    people[worker.Id] = (worker.DisplayName, worker.GridId);
                }
                else if (known.Grid is null)
                {
                    people[worker.Id] = (known.Name, worker.GridId);
                }
            }

            var rows = people.Select(person =>
                {
                    var mine = patrols.Where(p => p.GridWorkerUserId == person.Key).ToList();
                    return new Row(
                        person.Key,
                        person.Value.Name,
                        person.Value.Grid,
                        person.Value.Grid is { } g ? orgs.Describe(new OrgUnitRef(OrgUnitKind.Grid, g)) : null,
                        mine.Count,
                        Math.Round(mine.Sum(p => p.DistanceMeters) / 1000, 2),
                        // Durations are summed here, not in SQL: date arithmetic differs between SQLite and PostgreSQL.
                        Math.Round(mine.Sum(p => ((p.EndedAt ?? now) - p.StartedAt).TotalHours), 2),
                        visits.Where(v => v.GridWorkerUserId == person.Key).Sum(v => v.Count),
                        discovered.FirstOrDefault(d => d.UserId == person.Key)?.Count ?? 0);
                })
                .OrderByDescending(r => r.EventsDiscovered)
                .ThenByDescending(r => r.Kilometres)
                .ThenBy(r => r.GridName, StringComparer.Ordinal)
                .ToList();
            return new Report(from, to, rows);
        }

        /// <summary>Patrols in scope, newest first (at most 200), optionally of one worker.</summary>
        public async Task<IReadOnlyList<PatrolDto>> PatrolsAsync(PatrolQuery query, ClaimsPrincipal user, CancellationToken ct)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var (from, to) = Range(query.From, query.To, now);
            var (start, end) = (ChinaDayStartUtc(from), ChinaDayStartUtc(to.AddDays(1)));
            var patrols = InGrids(db.Set<Patrol>().AsNoTracking(), GridsFor(user, null), p => p.GridId)
                .Where(p => p.StartedAt >= start && p.StartedAt < end);
            if (query.GridWorkerUserId is { } worker)
            {
                patrols = patrols.Where(p => p.GridWorkerUserId == worker);
            }

            var rows = await patrols.OrderByDescending(p => p.StartedAt).Take(200).ToListAsync(ct);
            return [.. rows.Select(p => PatrolDto.From(p, orgs, now))];
        }

        /// <summary>The enabled grid-worker accounts assigned to these grids (null = every grid).</summary>
        private async Task<List<(Guid Id, string DisplayName, Guid GridId)>> GridWorkersAsync(Guid[]? grids, CancellationToken ct)
        {
            if (grids is { Length: 0 })
            {
                return [];
            }

            var role = Roles.GridWorker.ToUpperInvariant();
            var accounts = from u in db.Set<JiexinUser>().AsNoTracking()
                           join ur in db.Set<IdentityUserRole<Guid>>() on u.Id equals ur.UserId
                           join r in db.Set<JiexinRole>() on ur.RoleId equals r.Id
                           where r.NormalizedName == role && !u.IsDisabled && u.OrgUnitKind == OrgUnitKind.Grid && u.OrgUnitId != null
                           select new { u.Id, u.DisplayName, GridId = u.OrgUnitId!.Value };
            if (grids is not null)
            {
                accounts = accounts.Where(a => grids.Contains(a.GridId));
            }

            return [.. (await accounts.ToListAsync(ct)).Select(a => (a.Id, a.DisplayName, a.GridId))];
        }

        /// <summary>The grids whose work the user may read, narrowed to one community if asked; null = all.</summary>
        private Guid[]? GridsFor(ClaimsPrincipal user, Guid? communityId)
        {
            if (!ViewerRoles.Any(user.IsInRole))
            {
                return [];
            }

            var filter = scope.FilterFor(user);
            var community = communityId is { } c ? orgs.GridIdsOf(c).ToArray() : null;
            if (filter.AllTerritory)
            {
                return community;
            }

            return community is null ? filter.GridIds : [.. filter.GridIds.Intersect(community)];
        }

        private static IQueryable<T> InGrids<T>(IQueryable<T> query, Guid[]? grids, System.Linq.Expressions.Expression<Func<T, Guid?>> grid) =>
            grids is null ? query : query.WhereGridInScope(new ScopeFilter { GridIds = grids }, grid);
    }

    /// <summary>The China-time day range asked for; by default the last 30 days up to today.</summary>
    public static (DateOnly From, DateOnly To) Range(DateOnly? from, DateOnly? to, DateTime nowUtc)
    {
        var today = DateOnly.FromDateTime(nowUtc.AddHours(8));
        var end = to ?? today;
        var start = from ?? end.AddDays(-29);
        if (start > end)
        {
            (start, end) = (end, start);
        }

        if (end.DayNumber - start.DayNumber >= MaxDays)
        {
            start = end.AddDays(-(MaxDays - 1));
        }

        return (start, end);
    }

    /// <summary>00:00 China Standard Time of the day, in UTC.</summary>
    public static DateTime ChinaDayStartUtc(DateOnly day) =>
        DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue).AddHours(-8), DateTimeKind.Utc);

    public static RouteHandlerBuilder Map(RouteGroupBuilder api) =>
        api.MapGet("/discovery-work", async Task<Ok<Report>> ([AsParameters] Query query, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(query, user, ct)))
            .RequireAuthorization(p => p.RequireRole(ViewerRoles))
            .WithName("Events.DiscoveryWork");

    public static RouteHandlerBuilder MapPatrols(RouteGroupBuilder patrols) =>
        patrols.MapGet("/", async Task<Ok<IReadOnlyList<PatrolDto>>> ([AsParameters] PatrolQuery query, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.PatrolsAsync(query, user, ct)))
            .RequireAuthorization(p => p.RequireRole(ViewerRoles))
            .WithName("Events.ListPatrols");
}
