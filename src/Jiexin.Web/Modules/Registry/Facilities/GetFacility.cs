using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Contracts;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.Facilities;

/// <summary>One facility with the events its faults opened and where each stands now. Outside the scope → 404.</summary>
public static class GetFacility
{
    public sealed class Handler(JiexinDbContext db, RegistryScope scope, TerritoryNames names, ITerritoryLookup territory, IEventIntake events)
    {
        public async Task<FacilityDto?> Handle(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            var facility = await db.Set<Facility>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (facility is null || !scope.CanSee(user, facility))
            {
                return null;
            }

            var faults = await db.Set<FacilityFault>().AsNoTracking().Where(x => x.FacilityId == id)
                .OrderByDescending(x => x.ReportedAt).Take(100).ToListAsync(ct);
            var states = (await events.StatesAsync([.. faults.Select(f => f.EventId)], ct)).ToDictionary(s => s.Id);
            return FacilityDisplay.ToDto(facility, names, territory, [.. faults.Select(f =>
            {
                var state = states.GetValueOrDefault(f.EventId);
                return new FacilityFaultDto(f.EventId, f.TrackingCode, f.Description, f.ReportedAt, f.ReportedByName,
                    state?.Status, state?.StatusName, state?.IsOpen ?? false, state?.ClosedAt, f.RestoredNormal);
            })]);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder facilities) =>
        facilities.MapGet("/{id:guid}", async Task<Results<Ok<FacilityDto>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.Handle(id, user, ct) is { } dto ? TypedResults.Ok(dto) : Problems.NotFound("未找到该部件。"))
            .WithName("Registry.GetFacility");
}
