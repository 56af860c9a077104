using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Contracts;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.Facilities;

/// <summary>
/// 部件故障上报: opens an event in the loop through the Events module's intake (<see cref="IEventIntake"/>) at the
/// facility's point, with a timeline step naming the facility; records the link, and marks a 完好 facility 损坏. The
/// event, the link and the status change commit together (one transaction) or not at all.
/// </summary>
public static class ReportFacilityFault
{
    public const int MinText = 2;
    public const int MaxText = 500;

    public sealed record Request(string? Description);

    public sealed record Reported(Guid EventId, string TrackingCode);

    public sealed record Result(Reported? Value, IDictionary<string, string[]>? Errors = null, bool NotFound = false);

    public sealed class Handler(JiexinDbContext db, RegistryScope scope, IEventIntake intake, TimeProvider clock)
    {
        public async Task<Result> Handle(Guid id, string? description, ClaimsPrincipal user, CancellationToken ct)
        {
            var facility = await db.Set<Facility>().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (facility is null || !scope.CanSee(user, facility))
            {
                return new Result(null, NotFound: true);
            }

            var text = description?.Trim() ?? "";
            if (text.Length < MinText || text.Length > MaxText)
            {
                return new Result(null, new Dictionary<string, string[]> { ["description"] = [$"请描述故障情况（{MinText} 到 {MaxText} 个字）。"] });
            }

            if (facility.Latitude is null || facility.Longitude is null)
            {
                return new Result(null, new Dictionary<string, string[]> { ["latitude"] = ["该部件没有位置，请先补充位置再上报故障。"] });
            }

            var name = FacilityDisplay.Of(facility.Kind) + (facility.Code is { } code ? $"（编码 {code}）" : "");
            var where = facility.Location is { } location ? $"，位于{location}" : "";
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var outcome = await intake.ReportAsync(new IntakeReport(
                $"【部件故障】{name}{where}：{text}", facility.Latitude, facility.Longitude, facility.Location,
                "LinkFacility", $"关联部件：{name}（/registry/facilities/{facility.Id}）"), user, ct);
            if (outcome.EventId is not { } eventId)
            {
                return new Result(null, outcome.Errors);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            db.Add(new FacilityFault
            {
                Id = Guid.CreateVersion7(now),
                FacilityId = facility.Id,
                EventId = eventId,
                TrackingCode = outcome.TrackingCode!,
                Description = text,
                PreviousStatus = facility.Status,
                ReportedAt = now,
                ReportedBy = user.GetUserId(),
                ReportedByName = user.FindFirst(JiexinClaims.DisplayName)?.Value ?? "",
            });
            if (facility.Status == FacilityStatus.Normal)
            {
                facility.Status = FacilityStatus.Damaged;
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new Result(new Reported(eventId, outcome.TrackingCode!));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder facilities) =>
        facilities.MapPost("/{id:guid}/report-fault", async Task<Results<Created<Reported>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var result = await handler.Handle(id, body.Description, user, ct);
                return result switch
                {
                    { NotFound: true } => Problems.NotFound("未找到该部件。"),
                    { Value: { } reported } => TypedResults.Created($"/api/v1/events/{reported.EventId}", reported),
                    _ => TypedResults.ValidationProblem(result.Errors!, title: "提交的数据有误"),
                };
            })
            .WithName("Registry.ReportFacilityFault");
}
