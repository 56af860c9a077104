using System.Text.Json.Serialization;
using Jiexin.Data;
using Jiexin.Modules.Territory.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Territory.Communities.ListCommunities;

/// <summary>村社区 list: filter by keyword and kind, sort, page.</summary>
public static class ListCommunities
{
    public const int DefaultPageSize = 20;

    public static readonly int[] PageSizes = [10, 20, 50, 100];

    /// <summary>Sort keys accepted by <see cref="Query.Sort"/>.</summary>
    public static readonly string[] SortKeys = ["name", "code", "kind", "gridCount", "sortOrder"];

    public sealed record Query(string? Keyword = null, CommunityKind? Kind = null, string? Sort = null, bool Descending = false, int Page = 1, int PageSize = DefaultPageSize);

    /// <summary>One row. Member-initialised (not positional) so EF can sort and page on the projection.</summary>
    public sealed record Item
    {
        public Guid Id { get; init; }

        public string Name { get; init; } = "";

        public string Code { get; init; } = "";

        [JsonConverter(typeof(JsonStringEnumConverter<CommunityKind>))]
        public CommunityKind Kind { get; init; }

        public int SortOrder { get; init; }

        public int GridCount { get; init; }

        public int Version { get; init; }
    }

    public sealed record Page(IReadOnlyList<Item> Items, int Total, int PageNumber, int PageSize);

    public sealed class Handler(JiexinDbContext db)
    {
        public async Task<Page> Handle(Query query, CancellationToken ct)
        {
            var pageSize = Math.Clamp(query.PageSize, 1, 100);
            var pageNumber = Math.Max(1, query.Page);
            var rows = Project(Filter(db.Set<Community>().AsNoTracking(), query));
            var total = await rows.CountAsync(ct);
            var items = await Sort(rows, query.Sort, query.Descending)
                .Skip((pageNumber - 1) * pageSize)
                .Take(pageSize)
                .ToListAsync(ct);
            return new Page(items, total, pageNumber, pageSize);
        }

        public Task<Item?> Find(Guid id, CancellationToken ct) =>
            Project(db.Set<Community>().AsNoTracking().Where(c => c.Id == id)).SingleOrDefaultAsync(ct);

        private IQueryable<Item> Project(IQueryable<Community> communities) =>
            communities.Select(c => new Item
            {
                Id = c.Id,
                Name = c.Name,
                Code = c.Code,
                Kind = c.Kind,
                SortOrder = c.SortOrder,
                GridCount = db.Set<Grid>().Count(g => g.CommunityId == c.Id),
                Version = c.Version,
            });
    }

    private static IQueryable<Community> Filter(IQueryable<Community> communities, Query query)
    {
        if (!string.IsNullOrWhiteSpace(query.Keyword))
        {
            var keyword = query.Keyword.Trim();
            communities = communities.Where(c => c.Name.Contains(keyword) || c.Code.Contains(keyword));
        }

        if (query.Kind is { } kind)
        {
            communities = communities.Where(c => c.Kind == kind);
        }

        return communities;
    }

    private static IQueryable<Item> Sort(IQueryable<Item> rows, string? sort, bool descending) => (sort, descending) switch
    {
        ("name", false) => rows.OrderBy(c => c.Name),
        ("name", true) => rows.OrderByDescending(c => c.Name),
        ("code", false) => rows.OrderBy(c => c.Code).ThenBy(c => c.Name),
        ("code", true) => rows.OrderByDescending(c => c.Code).ThenBy(c => c.Name),
        ("kind", false) => rows.OrderBy(c => c.Kind).ThenBy(c => c.SortOrder).ThenBy(c => c.Name),
        ("kind", true) => rows.OrderByDescending(c => c.Kind).ThenBy(c => c.SortOrder).ThenBy(c => c.Name),
        ("gridCount", false) => rows.OrderBy(c => c.GridCount).ThenBy(c => c.Name),
        ("gridCount", true) => rows.OrderByDescending(c => c.GridCount).ThenBy(c => c.Name),
        ("sortOrder", true) => rows.OrderByDescending(c => c.SortOrder).ThenBy(c => c.Name),
        _ => rows.OrderBy(c => c.SortOrder).ThenBy(c => c.Name),
    };

    /// <summary>Query string of <c>GET /api/v1/territory/communities</c>.</summary>
    public sealed record Request(string? Keyword, string? Kind, string? Sort, string? Order, int? Page, int? PageSize);

    public static void Map(RouteGroupBuilder communities)
    {
        communities.MapGet("/", async Task<Results<Ok<Page>, ValidationProblem>> ([AsParameters] Request request, Handler handler, CancellationToken ct) =>
            {
                CommunityKind? kind = null;
                if (!string.IsNullOrWhiteSpace(request.Kind))
                {
                    if (!Enum.TryParse<CommunityKind>(request.Kind, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                    {
                        return Problems.Validation("kind", "kind 只能是 Community（社区）或 Village（村）。");
                    }

                    kind = parsed;
                }

                if (request.Sort is { Length: > 0 } sort && !SortKeys.Contains(sort))
                {
                    return Problems.Validation("sort", $"sort 只能是 {string.Join("、", SortKeys)} 之一。");
                }

                var query = new Query(request.Keyword, kind, request.Sort, string.Equals(request.Order, "desc", StringComparison.OrdinalIgnoreCase),
                    request.Page ?? 1, request.PageSize ?? DefaultPageSize);
                return TypedResults.Ok(await handler.Handle(query, ct));
            })
            .RequireAuthorization(Policies.Staff)
            .WithName("Territory.ListCommunities")
            .WithSummary("村社区列表");

        communities.MapGet("/{id:guid}", async Task<Results<Ok<Item>, ProblemHttpResult>> (Guid id, Handler handler, CancellationToken ct) =>
                await handler.Find(id, ct) is { } item ? TypedResults.Ok(item) : Problems.NotFound("村社区不存在或已被删除。"))
            .RequireAuthorization(Policies.Staff)
            .WithName("Territory.GetCommunity")
            .WithSummary("一个村社区");
    }
}
