using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Modules.Territory.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.Facilities;

/// <summary>部件 list in the caller's scope: community, grid, kind, status, responsible department, text (code or location); paged.</summary>
public static class ListFacilities
{
    public sealed record Query(Guid? CommunityId = null, Guid? GridId = null, FacilityKind? Kind = null, FacilityStatus? Status = null,
        Guid? DepartmentId = null, string? Text = null, int Page = 1, int PageSize = 20);

    public sealed record Row(Guid Id, FacilityKind Kind, string KindName, string? Code, FacilityStatus Status, string StatusName, string? Location,
        double? Latitude, double? Longitude, string? ResponsibleDepartmentName, string? CommunityName, string? GridName);

    public sealed record Page(IReadOnlyList<Row> Items, int Total, int PageNumber, int PageSize);

    public sealed class Handler(JiexinDbContext db, RegistryScope scope, TerritoryNames names, ITerritoryLookup territory)
    {
        /// <summary>The filtered facilities in scope (shared with the map).</summary>
        public IQueryable<Facility> Filtered(Query q, ClaimsPrincipal user)
        {
            var facilities = db.Set<Facility>().AsNoTracking().InScope(scope.FilterFor(user));
            if (q.CommunityId is { } c)
            {
                facilities = facilities.Where(x => x.CommunityId == c);
            }

            if (q.GridId is { } g)
            {
                facilities = facilities.Where(x => x.GridId == g);
            }

            if (q.Kind is { } kind)
            {
                facilities = facilities.Where(x => x.Kind == kind);
            }

            if (q.Status is { } status)
            {
                facilities = facilities.Where(x => x.Status == status);
            }

            if (q.DepartmentId is { } d)
            {
                facilities = facilities.Where(x => x.ResponsibleDepartmentId == d);
            }

            if (!string.IsNullOrWhiteSpace(q.Text))
            {
                var text = q.Text.Trim();
                facilities = facilities.Where(x => (x.Code != null && x.Code.Contains(text)) || (x.Location != null && x.Location.Contains(text)));
            }

            return facilities;
        }

        public async Task<Page> Handle(Query q, ClaimsPrincipal user, CancellationToken ct)
        {
            var size = Math.Clamp(q.PageSize, 1, 200);
            var number = Math.Max(1, q.Page);
            var facilities = Filtered(q, user);
            var total = await facilities.CountAsync(ct);
            var page = await facilities.OrderBy(x => x.Kind).ThenBy(x => x.Code).ThenBy(x => x.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
            return new Page([.. page.Select(f => new Row(f.Id, f.Kind, FacilityDisplay.Of(f.Kind), f.Code, f.Status, FacilityDisplay.Of(f.Status), f.Location,
                f.Latitude, f.Longitude, FacilityDisplay.DepartmentName(territory, f.ResponsibleDepartmentId), names.Of(f.CommunityId), names.Of(f.GridId)))],
                total, number, size);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder facilities) =>
        facilities.MapGet("/", async Task<Ok<Page>> (Guid? communityId, Guid? gridId, FacilityKind? kind, FacilityStatus? status, Guid? departmentId,
                string? text, int? page, int? pageSize, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(new Query(communityId, gridId, kind, status, departmentId, text, page ?? 1, pageSize ?? 20), user, ct)))
            .WithName("Registry.ListFacilities");
}
