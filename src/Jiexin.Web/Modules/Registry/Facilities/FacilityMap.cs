using System.Security.Claims;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Modules.Territory.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.Facilities;

/// <summary>
/// 部件地图: the grids of the caller's scope (outlines, ADR 0034), the located facilities matching kind/status as points,
/// and the counts per kind × status of every matching facility in scope (located or not).
/// </summary>
public static class FacilityMap
{
    /// <summary>Points are capped so the page stays light; the counts are always complete.</summary>
    public const int MaxPoints = 5000;

    public sealed record Point(Guid Id, FacilityKind Kind, FacilityStatus Status, string? Code, double Latitude, double Longitude);

    public sealed record Count(FacilityKind Kind, FacilityStatus Status, int Facilities);

    public sealed record Grid(Guid Id, string Name, Guid CommunityId, string BoundaryGeoJson);

    public sealed record MapData(IReadOnlyList<Grid> Grids, IReadOnlyList<Point> Points, IReadOnlyList<Count> Counts, int Total, int Located);

    public sealed class Handler(ListFacilities.Handler list, RegistryScope scope, ITerritoryLookup territory)
    {
        public async Task<MapData> Handle(FacilityKind? kind, FacilityStatus? status, ClaimsPrincipal user, CancellationToken ct)
        {
            var filter = scope.FilterFor(user);
            var outlines = territory.GridOutlines.Where(g => filter.AllTerritory || filter.GridIds.Contains(g.Id) || filter.CommunityIds.Contains(g.CommunityId));
            var facilities = list.Filtered(new ListFacilities.Query(Kind: kind, Status: status), user);
            var counts = await facilities.GroupBy(x => new { x.Kind, x.Status })
                .Select(x => new { x.Key.Kind, x.Key.Status, Count = x.Count() }).ToListAsync(ct);
            var located = facilities.Where(x => x.Latitude != null && x.Longitude != null);
            var points = await located.OrderByDescending(x => x.Id).Take(MaxPoints)
                .Select(x => new Point(x.Id, x.Kind, x.Status, x.Code, x.Latitude!.Value, x.Longitude!.Value)).ToListAsync(ct);
            return new MapData(
                [.. outlines.Select(g => new Grid(g.Id, g.Name, g.CommunityId, g.BoundaryGeoJson))],
                points,
                [.. counts.OrderBy(c => c.Kind).ThenBy(c => c.Status).Select(c => new Count(c.Kind, c.Status, c.Count))],
                counts.Sum(c => c.Count),
                await located.CountAsync(ct));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder facilities) =>
        facilities.MapGet("/map", async Task<Ok<MapData>> (FacilityKind? kind, FacilityStatus? status, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(kind, status, user, ct)))
            .WithName("Registry.FacilityMap");
}
