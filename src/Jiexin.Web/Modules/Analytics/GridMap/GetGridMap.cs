using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Analytics.Domain;
using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Events.Contracts;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Modules.Warnings.Contracts;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Analytics.GridMap;

/// <summary>
/// 网格地图: every grid in the caller's scope with its boundary and its open, overdue (红牌) and open-warning counts
/// now, plus the newest open events as points (for the point and heat layers). Open and overdue come from the grid
/// buckets (month grain, every month) plus the deltas not folded yet, like the overview's "now".
/// </summary>
public static class GetGridMap
{
    /// <summary>Points are capped so a busy street's map stays a few hundred kilobytes (the newest are kept).</summary>
    public const int MaxPoints = 5000;

    public sealed record Grid(Guid Id, string Name, Guid CommunityId, string CommunityName, string BoundaryGeoJson, long Open, long Overdue, int Warnings);

    /// <summary>An open event's place (rounded to ~10 m), its 大类 and whether it is overdue; never who reported it or what they wrote.</summary>
    public sealed record Point(Guid Id, double Latitude, double Longitude, Guid GridId, string Category, bool Overdue);

    public sealed record GridMapFigures(DateTime AsOf, IReadOnlyList<Grid> Grids, IReadOnlyList<Point> Points, int PointsTotal, int PointsCap);

    public sealed class Handler(
        JiexinDbContext db, IOrgScope scopes, ITerritoryLookup territory, ICategoryDirectory categories, IEventMapPoints events,
        IWarningCounts warnings, TimeProvider clock)
    {
        /// <summary>Null when the caller has no grid in scope (a department, or a staff account without a unit).</summary>
        public async Task<GridMapFigures?> Handle(ClaimsPrincipal user, CancellationToken ct)
        {
            var scope = scopes.FilterFor(user);
            var outlines = territory.GridOutlines;
            var grids = scope.AllTerritory ? outlines : [.. outlines.Where(g => scope.GridIds.Contains(g.Id))];
            if (grids.Count == 0)
            {
                return null;
            }

            Guid[] ids = [.. grids.Select(g => g.Id)];
            var counts = await ReadSnapshot.ReadAsync(db, t => NowByGridAsync(ids, t), ct);
            var openWarnings = await warnings.CountOpenByGridAsync(ct);
            // The street asks for every located open event (no IN list over all grids).
            var points = await events.ListOpenAsync(scope.AllTerritory ? null : ids, MaxPoints, ct);

            var communityNames = territory.Communities.ToDictionary(c => c.Id, c => c.Name);
            var categoryNames = categories.Groups.ToDictionary(g => g.Code, g => g.Name);
            return new GridMapFigures(
                clock.GetUtcNow().UtcDateTime,
                [.. grids.Select(g => new Grid(
                    g.Id, g.Name, g.CommunityId, communityNames.GetValueOrDefault(g.CommunityId, ""), g.BoundaryGeoJson,
                    counts.GetValueOrDefault((g.Id, FigureMeasure.Open)),
                    counts.GetValueOrDefault((g.Id, FigureMeasure.Overdue)),
                    openWarnings.GetValueOrDefault(g.Id)))],
                [.. points.Points.Select(p => new Point(p.Id, p.Latitude, p.Longitude, p.GridId,
                    p.CategoryCode is { Length: >= 2 } code ? categoryNames.GetValueOrDefault(code[..2], code[..2]) : Text.T("未分类", "Unclassified"),
                    p.Overdue))],
                points.Total,
                MaxPoints);
        }

        /// <summary>
        /// Open and overdue now per grid: grid-scope month totals over all months, plus unfolded deltas. The grid ids are
        /// always listed (even for the street) so each grid is one seek of the bucket index (grain, scope kind, scope id,
        /// dimension, measure …) rather than a scan of every grid's breakdown lines. Run in one snapshot (a fold committed
        /// between the two reads would drop its deltas).
        /// </summary>
        private async Task<Dictionary<(Guid Grid, FigureMeasure Measure), long>> NowByGridAsync(Guid[] ids, CancellationToken ct)
        {
            FigureMeasure[] measures = [FigureMeasure.Open, FigureMeasure.Overdue];
            var buckets = db.Set<EventFigureBucket>().AsNoTracking()
                .Where(x => x.Grain == FigureGrain.Month && x.ScopeKind == FigureScope.Grid && x.Dimension == FigureDimension.Total
                            && Enumerable.Contains(ids, x.ScopeId) && Enumerable.Contains(measures, x.Measure));
            var deltas = db.Set<EventFigureDelta>().AsNoTracking()
                .Where(x => Enumerable.Contains(measures, x.Measure) && Enumerable.Contains(ids, x.GridId));

            var counts = new Dictionary<(Guid, FigureMeasure), long>();
            foreach (var b in await buckets.GroupBy(x => new { x.ScopeId, x.Measure })
                         .Select(g => new { g.Key.ScopeId, g.Key.Measure, Count = g.Sum(x => x.Count) }).ToListAsync(ct))
            {
                counts[(b.ScopeId, b.Measure)] = counts.GetValueOrDefault((b.ScopeId, b.Measure)) + b.Count;
            }

            foreach (var d in await deltas.GroupBy(x => new { x.GridId, x.Measure })
                         .Select(g => new { g.Key.GridId, g.Key.Measure, Count = g.Sum(x => (long)x.Delta) }).ToListAsync(ct))
            {
                counts[(d.GridId, d.Measure)] = counts.GetValueOrDefault((d.GridId, d.Measure)) + d.Count;
            }

            return counts;
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder group) =>
        group.MapGet("/grid-map", async Task<Results<Ok<GridMapFigures>, ForbidHttpResult>> (ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.Handle(user, ct) is { } map ? TypedResults.Ok(map) : TypedResults.Forbid())
            .RequireAuthorization(Policies.Staff)
            .WithName("Analytics.GridMap");
}
