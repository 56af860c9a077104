using Jiexin.Data;
using Jiexin.Modules.Territory.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Territory.Grids.SearchGrids;

/// <summary>
/// 网格 table: filter by community and keyword, sort (also by area), page. A street has hundreds of grids at most,
/// so the filtered rows are measured in memory; the area is computed from the stored polygon.
/// </summary>
public static class SearchGrids
{
    public const int DefaultPageSize = 20;

    public static readonly int[] PageSizes = [10, 20, 50, 100];

    public static readonly string[] SortKeys = ["name", "code", "community", "area"];

    public sealed record Query(Guid? CommunityId = null, string? Keyword = null, string? Sort = null, bool Descending = false, int Page = 1, int PageSize = DefaultPageSize);

    public sealed record Item(Guid Id, string Name, string Code, Guid CommunityId, string CommunityName, double AreaSquareKilometres, int Version);

    public sealed record Page(IReadOnlyList<Item> Items, int Total, int PageNumber, int PageSize);

    /// <summary>One grid with its boundary (GeoJSON geometry), for the edit form and the map preview.</summary>
    public sealed record Detail(Guid Id, string Name, string Code, Guid CommunityId, string CommunityName, double AreaSquareKilometres, int Version, string BoundaryGeoJson);

    public sealed class Handler(JiexinDbContext db)
    {
        public async Task<Page> Handle(Query query, CancellationToken ct)
        {
            var pageSize = Math.Clamp(query.PageSize, 1, 100);
            var pageNumber = Math.Max(1, query.Page);
            var grids = db.Set<Grid>().AsNoTracking();
            if (query.CommunityId is { } communityId)
            {
                grids = grids.Where(g => g.CommunityId == communityId);
            }

            if (!string.IsNullOrWhiteSpace(query.Keyword))
            {
                var keyword = query.Keyword.Trim();
                grids = grids.Where(g => g.Name.Contains(keyword) || g.Code.Contains(keyword));
            }

            var rows = await Join(grids).ToListAsync(ct);
            var items = rows.Select(r => new Item(r.Id, r.Name, r.Code, r.CommunityId, r.CommunityName, Area(r.BoundaryGeoJson), r.Version));
            var sorted = (query.Sort, query.Descending) switch
            {
                ("name", false) => items.OrderBy(g => g.Name, StringComparer.Ordinal),
                ("name", true) => items.OrderByDescending(g => g.Name, StringComparer.Ordinal),
                ("community", false) => items.OrderBy(g => g.CommunityName, StringComparer.Ordinal).ThenBy(g => g.Code, StringComparer.Ordinal),
                ("community", true) => items.OrderByDescending(g => g.CommunityName, StringComparer.Ordinal).ThenBy(g => g.Code, StringComparer.Ordinal),
                ("area", false) => items.OrderBy(g => g.AreaSquareKilometres),
                ("area", true) => items.OrderByDescending(g => g.AreaSquareKilometres),
                ("code", true) => items.OrderByDescending(g => g.Code, StringComparer.Ordinal).ThenBy(g => g.Name, StringComparer.Ordinal),
                _ => items.OrderBy(g => g.Code, StringComparer.Ordinal).ThenBy(g => g.Name, StringComparer.Ordinal),
            };
            return new Page([.. sorted.Skip((pageNumber - 1) * pageSize).Take(pageSize)], rows.Count, pageNumber, pageSize);
        }

        public async Task<Detail?> Find(Guid id, CancellationToken ct) =>
            await Join(db.Set<Grid>().AsNoTracking().Where(g => g.Id == id)).SingleOrDefaultAsync(ct) is { } r
                ? new Detail(r.Id, r.Name, r.Code, r.CommunityId, r.CommunityName, Area(r.BoundaryGeoJson), r.Version, r.BoundaryGeoJson)
                : null;

        private IQueryable<Row> Join(IQueryable<Grid> grids) =>
            from g in grids
            join c in db.Set<Community>() on g.CommunityId equals c.Id
            select new Row { Id = g.Id, Name = g.Name, Code = g.Code, CommunityId = g.CommunityId, CommunityName = c.Name, BoundaryGeoJson = g.BoundaryGeoJson, Version = g.Version };
    }

    private static double Area(string boundaryGeoJson) =>
        GridGeometry.TryRead(boundaryGeoJson) is { } geometry ? GridGeometry.SquareKilometres(geometry) : 0;

    private sealed class Row
    {
        public Guid Id { get; init; }

        public string Name { get; init; } = "";

        public string Code { get; init; } = "";

        public Guid CommunityId { get; init; }

        public string CommunityName { get; init; } = "";

        public string BoundaryGeoJson { get; init; } = "";

        public int Version { get; init; }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder grids) =>
        grids.MapGet("/{id:guid}", async Task<Results<Ok<Detail>, ProblemHttpResult>> (Guid id, Handler handler, CancellationToken ct) =>
                await handler.Find(id, ct) is { } grid ? TypedResults.Ok(grid) : Problems.NotFound("网格不存在或已被删除。"))
            .RequireAuthorization(Policies.Staff)
            .WithName("Territory.GetGrid")
            .WithSummary("一个网格（含边界 GeoJSON 与面积）");
}
