using System.Text.Json.Serialization;
using Jiexin.Data;
using Jiexin.Modules.Territory.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Territory.Departments.ListDepartments;

/// <summary>部门 list: filter by keyword and kind, sort, page.</summary>
public static class ListDepartments
{
    public const int DefaultPageSize = 20;

    public static readonly int[] PageSizes = [10, 20, 50, 100];

    public static readonly string[] SortKeys = ["name", "shortName", "kind", "sortOrder"];

    public sealed record Query(string? Keyword = null, DepartmentKind? Kind = null, string? Sort = null, bool Descending = false, int Page = 1, int PageSize = DefaultPageSize);

    /// <summary>One row. Member-initialised (not positional) so EF can sort and page on the projection.</summary>
    public sealed record Item
    {
        public Guid Id { get; init; }

        public string Name { get; init; } = "";

        public string ShortName { get; init; } = "";

        [JsonConverter(typeof(JsonStringEnumConverter<DepartmentKind>))]
        public DepartmentKind Kind { get; init; }

        public string? Phone { get; init; }

        public int SortOrder { get; init; }

        public int Version { get; init; }
    }

    public sealed record Page(IReadOnlyList<Item> Items, int Total, int PageNumber, int PageSize);

    public sealed class Handler(JiexinDbContext db)
    {
        public async Task<Page> Handle(Query query, CancellationToken ct)
        {
            var pageSize = Math.Clamp(query.PageSize, 1, 100);
            var pageNumber = Math.Max(1, query.Page);
            var rows = Project(Filter(db.Set<Department>().AsNoTracking(), query));
            var total = await rows.CountAsync(ct);
            var items = await Sort(rows, query.Sort, query.Descending)
                .Skip((pageNumber - 1) * pageSize)
                .Take(pageSize)
                .ToListAsync(ct);
            return new Page(items, total, pageNumber, pageSize);
        }

        public Task<Item?> Find(Guid id, CancellationToken ct) =>
            Project(db.Set<Department>().AsNoTracking().Where(d => d.Id == id)).SingleOrDefaultAsync(ct);

        private static IQueryable<Item> Project(IQueryable<Department> departments) =>
            departments.Select(d => new Item
            {
                Id = d.Id,
                Name = d.Name,
                ShortName = d.ShortName,
                Kind = d.Kind,
                Phone = d.Phone,
                SortOrder = d.SortOrder,
                Version = d.Version,
            });
    }

    private static IQueryable<Department> Filter(IQueryable<Department> departments, Query query)
    {
        if (!string.IsNullOrWhiteSpace(query.Keyword))
        {
            var keyword = query.Keyword.Trim();
            departments = departments.Where(d => d.Name.Contains(keyword) || d.ShortName.Contains(keyword) || (d.Phone != null && d.Phone.Contains(keyword)));
        }

        if (query.Kind is { } kind)
        {
            departments = departments.Where(d => d.Kind == kind);
        }

        return departments;
    }

    private static IQueryable<Item> Sort(IQueryable<Item> rows, string? sort, bool descending) => (sort, descending) switch
    {
        ("name", false) => rows.OrderBy(d => d.Name),
        ("name", true) => rows.OrderByDescending(d => d.Name),
        ("shortName", false) => rows.OrderBy(d => d.ShortName).ThenBy(d => d.Name),
        ("shortName", true) => rows.OrderByDescending(d => d.ShortName).ThenBy(d => d.Name),
        ("kind", false) => rows.OrderBy(d => d.Kind).ThenBy(d => d.SortOrder).ThenBy(d => d.Name),
        ("kind", true) => rows.OrderByDescending(d => d.Kind).ThenBy(d => d.SortOrder).ThenBy(d => d.Name),
        ("sortOrder", true) => rows.OrderByDescending(d => d.SortOrder).ThenBy(d => d.Name),
        _ => rows.OrderBy(d => d.SortOrder).ThenBy(d => d.Name),
    };

    /// <summary>Query string of <c>GET /api/v1/territory/departments</c>.</summary>
    public sealed record Request(string? Keyword, string? Kind, string? Sort, string? Order, int? Page, int? PageSize);

    public static void Map(RouteGroupBuilder departments)
    {
        departments.MapGet("/", async Task<Results<Ok<Page>, ValidationProblem>> ([AsParameters] Request request, Handler handler, CancellationToken ct) =>
            {
                DepartmentKind? kind = null;
                if (!string.IsNullOrWhiteSpace(request.Kind))
                {
                    if (!Enum.TryParse<DepartmentKind>(request.Kind, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                    {
                        return Problems.Validation("kind", "kind 只能是 Functional（职能部门）、Utility（公用事业）、PropertyCompany（物业公司）或 MediationChannel（调解渠道）。");
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
            .WithName("Territory.ListDepartments")
            .WithSummary("部门列表");

        departments.MapGet("/{id:guid}", async Task<Results<Ok<Item>, ProblemHttpResult>> (Guid id, Handler handler, CancellationToken ct) =>
                await handler.Find(id, ct) is { } item ? TypedResults.Ok(item) : Problems.NotFound("部门不存在或已被删除。"))
            .RequireAuthorization(Policies.Staff)
            .WithName("Territory.GetDepartment")
            .WithSummary("一个部门");
    }
}
