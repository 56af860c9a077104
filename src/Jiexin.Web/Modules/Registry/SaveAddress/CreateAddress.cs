using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.SaveAddress;

/// <summary>
/// 新增标准地址: community / road / number / building / unit / room. Located by its point when given (the grid that
/// holds it), else in the community given or the creating staff member's. The label (the whole address on one line)
/// is unique.
/// </summary>
public static class CreateAddress
{
    public sealed record Request(Guid? CommunityId, string? Road, string? Number, string? Building, string? UnitNo, string? Room, double? Latitude, double? Longitude);

    public sealed record Created(Guid Id, string Label);

    public sealed record Result(Created? Value, IDictionary<string, string[]>? Errors = null, string? Conflict = null);

    /// <summary>"景湖社区" + "新庄路" + "88号" + "3幢" + "2单元" + "301室", without spaces.</summary>
    public static string Label(string community, string road, string number, string? building, string? unitNo, string? room) =>
        Normalise(string.Concat(community, road, number, building, unitNo, room));

    public static string Normalise(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    public sealed class Handler(JiexinDbContext db, RegistryScope scope, ITerritoryLookup territory, TimeProvider clock)
    {
        public async Task<Result> Handle(Request r, ClaimsPrincipal user, CancellationToken ct)
        {
            var errors = new Dictionary<string, string[]>();
            void Error(string field, string message) => errors[field] = [message];
            string? Clean(string? s, string field, int max, bool required, string label)
            {
                var v = string.IsNullOrWhiteSpace(s) ? null : s.Trim();
                if (v is null && required)
                {
                    Error(field, $"{label}不能为空。");
                }
                else if (v is { } t && t.Length > max)
                {
                    Error(field, $"{label}不能超过 {max} 个字。");
                }

                return v;
            }

            var road = Clean(r.Road, "road", 64, true, "道路");
            var number = Clean(r.Number, "number", 32, true, "门牌号");
            var building = Clean(r.Building, "building", 32, false, "楼栋");
            var unitNo = Clean(r.UnitNo, "unitNo", 32, false, "单元");
            var room = Clean(r.Room, "room", 32, false, "室");

            Placement placement;
            if (r.Latitude is { } lat && r.Longitude is { } lng)
            {
                if (!GeoCoordinates.IsValidLatitude(lat) || !GeoCoordinates.IsValidLongitude(lng) || scope.Locate(lat, lng) is not { } located)
                {
                    Error("latitude", "该位置不在本街道范围内。");
                    return new Result(null, errors);
                }

                placement = located;
            }
            else if (r.CommunityId is { } communityId)
            {
                placement = new Placement(communityId, null);
            }
            else
            {
                placement = scope.PlacementOf(user);
            }

            var community = territory.Communities.FirstOrDefault(c => c.Id == placement.CommunityId);
            if (community is null)
            {
                Error("communityId", "请选择所属村/社区。");
            }
            else if (!scope.CanPlace(user, placement))
            {
                Error("communityId", "该地址不在您的辖区内。");
            }

            if (errors.Count > 0)
            {
                return new Result(null, errors);
            }

            var label = Label(community!.Name, road!, number!, building, unitNo, room);
            if (await db.Set<StandardAddress>().AnyAsync(a => a.Label == label, ct))
            {
                return new Result(null, Conflict: $"标准地址“{label}”已存在。");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var address = new StandardAddress
            {
                Id = Guid.CreateVersion7(now),
                CommunityId = placement.CommunityId,
                GridId = placement.GridId,
                Road = road!,
                Number = number!,
                Building = building,
                UnitNo = unitNo,
                Room = room,
                Label = label,
                Latitude = r.Latitude,
                Longitude = r.Longitude,
                CreatedAt = now,
            };
            db.Add(address);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                return new Result(null, Conflict: $"标准地址“{label}”已存在。");
            }

            return new Result(new Created(address.Id, label));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder addresses) =>
        addresses.MapPost("/", async Task<Results<Created<Created>, ValidationProblem, ProblemHttpResult>> (
                Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var result = await handler.Handle(body, user, ct);
                return result switch
                {
                    { Value: { } v } => TypedResults.Created($"/api/v1/registry/addresses/{v.Id}", v),
                    { Conflict: { } c } => Problems.Conflict(c),
                    _ => TypedResults.ValidationProblem(result.Errors!, title: "提交的数据有误"),
                };
            })
            .WithName("Registry.CreateAddress");
}
