using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Modules.Registry.Units;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.Facilities;

/// <summary>
/// 新增/修改部件: kind, code, status, the point where it stands (required: the map shows it, a fault is reported there),
/// responsible department. Placed in the grid of its point (or of the standard address given). Version → 409.
/// </summary>
public static class SaveFacility
{
    public sealed record Created(Guid Id);

    public sealed class Handler(JiexinDbContext db, RegistryScope scope, RecordPlacer placer, ITerritoryLookup territory, TimeProvider clock)
    {
        public async Task<RecordSaveResult> Handle(Guid? id, FacilityRequest r, ClaimsPrincipal user, CancellationToken ct)
        {
            Facility? facility = null;
            if (id is { } existing)
            {
                facility = await db.Set<Facility>().SingleOrDefaultAsync(x => x.Id == existing, ct);
                if (facility is null || !scope.CanSee(user, facility))
                {
                    return new RecordSaveResult(null, NotFound: true);
                }
            }

            var errors = new Dictionary<string, string>();
            if (r.Kind is not { } kind || !Enum.IsDefined(kind))
            {
                errors["kind"] = "请选择部件类别。";
            }

            if (r.Status is { } status && !Enum.IsDefined(status))
            {
                errors["status"] = "部件状态不正确。";
            }

            var code = RecordRules.Text(r.Code, "code", "部件编码", 32, false, errors);
            var location = RecordRules.Text(r.Location, "location", "位置描述", 200, false, errors);
            var note = RecordRules.Text(r.Note, "note", "备注", 500, false, errors);
            if (r.ResponsibleDepartmentId is { } department && territory.Departments.All(d => d.Id != department))
            {
                errors["responsibleDepartmentId"] = "责任部门不存在。";
            }

            var placed = await placer.PlaceAsync(r.AddressId, r.Latitude, r.Longitude, true, user, null, errors, ct);
            if (errors.Count > 0 || placed is null)
            {
                return RecordSaveResult.Invalid(errors);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            if (facility is null)
            {
                facility = new Facility { Id = Guid.CreateVersion7(now), CreatedAt = now };
                db.Add(facility);
            }
            else
            {
                db.Entry(facility).Property(x => x.Version).OriginalValue = r.Version ?? -1;
            }

            facility.Kind = r.Kind!.Value;
            facility.Status = r.Status ?? facility.Status;
            facility.Code = code;
            facility.Location = location ?? placed.AddressLabel;
            facility.Note = note;
            facility.ResponsibleDepartmentId = r.ResponsibleDepartmentId;
            facility.Latitude = placed.Latitude;
            facility.Longitude = placed.Longitude;
            facility.CommunityId = placed.Placement.CommunityId;
            facility.GridId = placed.Placement.GridId;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new RecordSaveResult(null, Conflict: RecordSaveResult.VersionConflict);
            }

            return new RecordSaveResult(facility.Id);
        }
    }

    public static void Map(RouteGroupBuilder facilities)
    {
        facilities.MapPost("/", async Task<Results<Created<Created>, NoContent, ValidationProblem, ProblemHttpResult>> (
                FacilityRequest body, ClaimsPrincipal user, Handler handler, CancellationToken ct) => Answer(await handler.Handle(null, body, user, ct), true))
            .WithName("Registry.CreateFacility");
        facilities.MapPut("/{id:guid}", async Task<Results<Created<Created>, NoContent, ValidationProblem, ProblemHttpResult>> (
                Guid id, FacilityRequest body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                body.Version is null ? Problems.Validation("version", "请提供记录的版本号（version）。") : Answer(await handler.Handle(id, body, user, ct), false))
            .WithName("Registry.UpdateFacility");
    }

    private static Results<Created<Created>, NoContent, ValidationProblem, ProblemHttpResult> Answer(RecordSaveResult result, bool created) => result switch
    {
        { NotFound: true } => Problems.NotFound("未找到该部件。"),
        { Id: { } id } => created ? TypedResults.Created($"/api/v1/registry/facilities/{id}", new Created(id)) : TypedResults.NoContent(),
        { Conflict: { } conflict } => Problems.Conflict(conflict),
        _ => TypedResults.ValidationProblem(result.Errors!, title: "提交的数据有误"),
    };
}
