using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Modules.Registry.Units;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.Roads;

/// <summary>道路 as the API and pages show it.</summary>
public sealed record RoadDto(Guid Id, string Name, double? LengthMeters, double? Latitude, double? Longitude,
    Guid? CommunityId, string? CommunityName, Guid? GridId, string? GridName, DateTime CreatedAt, int Version)
{
    public static RoadDto From(Road r, TerritoryNames names) => new(r.Id, r.Name, r.LengthMeters, r.Latitude, r.Longitude,
        r.CommunityId, names.Of(r.CommunityId), r.GridId, names.Of(r.GridId), r.CreatedAt, r.Version);
}

public sealed record RoadRequest(string? Name, double? LengthMeters, double? Latitude, double? Longitude, int? Version = null);

/// <summary>新增/修改道路: attached to the grid of its reference point (else the creating staff member's unit); version → 409.</summary>
public static class SaveRoad
{
    public sealed record Created(Guid Id);

    public sealed class Handler(JiexinDbContext db, RegistryScope scope, RecordPlacer placer, TimeProvider clock)
    {
        public async Task<RecordSaveResult> Handle(Guid? id, RoadRequest r, ClaimsPrincipal user, CancellationToken ct)
        {
            Road? road = null;
            if (id is { } existing)
            {
                road = await db.Set<Road>().SingleOrDefaultAsync(x => x.Id == existing, ct);
                if (road is null || !scope.CanSee(user, road))
                {
                    return new RecordSaveResult(null, NotFound: true);
                }
            }

            var errors = new Dictionary<string, string>();
            var name = RecordRules.Text(r.Name, "name", "道路名称", 64, true, errors);
            if (r.LengthMeters is { } length && (!double.IsFinite(length) || length <= 0 || length > 100_000))
            {
                errors["lengthMeters"] = "长度须是 0 到 100000 之间的数字（米）。";
            }

            var placed = await placer.PlaceAsync(null, r.Latitude, r.Longitude, false, user, road is null ? null : Placement.Of(road), errors, ct);
            if (errors.Count > 0 || placed is null)
            {
                return RecordSaveResult.Invalid(errors);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            if (road is null)
            {
                road = new Road { Id = Guid.CreateVersion7(now), CreatedAt = now };
                db.Add(road);
            }
            else
            {
                db.Entry(road).Property(x => x.Version).OriginalValue = r.Version ?? -1;
            }

            road.Name = name!;
            road.LengthMeters = r.LengthMeters;
            road.Latitude = placed.Latitude;
            road.Longitude = placed.Longitude;
            road.CommunityId = placed.Placement.CommunityId;
            road.GridId = placed.Placement.GridId;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new RecordSaveResult(null, Conflict: RecordSaveResult.VersionConflict);
            }

            return new RecordSaveResult(road.Id);
        }
    }

    public static void Map(RouteGroupBuilder roads)
    {
        roads.MapPost("/", async Task<Results<Created<Created>, NoContent, ValidationProblem, ProblemHttpResult>> (
                RoadRequest body, ClaimsPrincipal user, Handler handler, CancellationToken ct) => Answer(await handler.Handle(null, body, user, ct), true))
            .WithName("Registry.CreateRoad");
        roads.MapPut("/{id:guid}", async Task<Results<Created<Created>, NoContent, ValidationProblem, ProblemHttpResult>> (
                Guid id, RoadRequest body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                body.Version is null ? Problems.Validation("version", "请提供记录的版本号（version）。") : Answer(await handler.Handle(id, body, user, ct), false))
            .WithName("Registry.UpdateRoad");
    }

    private static Results<Created<Created>, NoContent, ValidationProblem, ProblemHttpResult> Answer(RecordSaveResult result, bool created) => result switch
    {
        { NotFound: true } => Problems.NotFound("未找到该道路。"),
        { Id: { } id } => created ? TypedResults.Created($"/api/v1/registry/roads/{id}", new Created(id)) : TypedResults.NoContent(),
        { Conflict: { } conflict } => Problems.Conflict(conflict),
        _ => TypedResults.ValidationProblem(result.Errors!, title: "提交的数据有误"),
    };
}

public static class GetRoad
{
    public sealed class Handler(JiexinDbContext db, RegistryScope scope, TerritoryNames names)
    {
        public async Task<RoadDto?> Handle(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            var road = await db.Set<Road>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            return road is null || !scope.CanSee(user, road) ? null : RoadDto.From(road, names);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder roads) =>
        roads.MapGet("/{id:guid}", async Task<Results<Ok<RoadDto>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.Handle(id, user, ct) is { } dto ? TypedResults.Ok(dto) : Problems.NotFound("未找到该道路。"))
            .WithName("Registry.GetRoad");
}

/// <summary>道路 list in the caller's scope: community, grid, name by substring; paged.</summary>
public static class ListRoads
{
    public sealed record Query(Guid? CommunityId = null, Guid? GridId = null, string? Text = null, int Page = 1, int PageSize = 20);

    public sealed record Page(IReadOnlyList<RoadDto> Items, int Total, int PageNumber, int PageSize);

    public sealed class Handler(JiexinDbContext db, RegistryScope scope, TerritoryNames names)
    {
        public async Task<Page> Handle(Query q, ClaimsPrincipal user, CancellationToken ct)
        {
            var size = Math.Clamp(q.PageSize, 1, 200);
            var number = Math.Max(1, q.Page);
            var roads = db.Set<Road>().AsNoTracking().InScope(scope.FilterFor(user));
            if (q.CommunityId is { } c)
            {
                roads = roads.Where(x => x.CommunityId == c);
            }

            if (q.GridId is { } g)
            {
                roads = roads.Where(x => x.GridId == g);
            }

            if (!string.IsNullOrWhiteSpace(q.Text))
            {
                var text = q.Text.Trim();
                roads = roads.Where(x => x.Name.Contains(text));
            }

            var total = await roads.CountAsync(ct);
            var page = await roads.OrderBy(x => x.Name).ThenBy(x => x.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
            return new Page([.. page.Select(r => RoadDto.From(r, names))], total, number, size);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder roads) =>
        roads.MapGet("/", async Task<Ok<Page>> (Guid? communityId, Guid? gridId, string? text, int? page, int? pageSize,
                ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(new Query(communityId, gridId, text, page ?? 1, pageSize ?? 20), user, ct)))
            .WithName("Registry.ListRoads");
}
