using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Contracts;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.Shared;
using Jiexin.Modules.Registry.Contracts;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.RegistryLinks;

/// <summary>
/// 关联基础数据: staff who may see an event link it to the registry people it concerns and to a standard address; a
/// person's page then lists those events (through <see cref="IEventsOfRegistry"/>). Only ids cross: names come from
/// the registry, masked.
/// </summary>
public static class LinkRegistry
{
    /// <summary>A person by id or by the ID number they gave (exact, through the registry's blind index), an address or a house.</summary>
    public sealed record LinkRequest(Guid? PersonId, Guid? AddressId, string? IdNumber = null, Guid? HouseId = null);

    /// <summary>A link as shown: names and address labels plain, the ID number masked; the house is shown by its address.</summary>
    public sealed record LinkDto(Guid Id, Guid? PersonId, string? PersonName, string? IdNumberMasked, Guid? AddressId, string? AddressLabel, DateTime LinkedAt, string? LinkedByName,
        Guid? HouseId = null, string? HouseLabel = null);

    public sealed record Outcome(LinkDto? Link, bool NotFound = false, IDictionary<string, string[]>? Errors = null, string? Conflict = null);

    public sealed class Handler(JiexinDbContext db, EventAccess access, IRegistryLookup registry, TimeProvider clock)
    {
        public async Task<IReadOnlyList<LinkDto>?> ListAsync(Guid eventId, ClaimsPrincipal user, CancellationToken ct)
        {
            var e = await db.Set<Event>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == eventId, ct);
            if (e is null || !await access.CanSeeAsync(user, e))
            {
                return null;
            }

            var links = await db.Set<EventRegistryLink>().AsNoTracking().Where(l => l.EventId == eventId).OrderBy(l => l.LinkedAt).ToListAsync(ct);
            var result = new List<LinkDto>();
            foreach (var l in links)
            {
                result.Add(await ToDtoAsync(l, ct));
            }

            return result;
        }

        public async Task<Outcome> LinkAsync(Guid eventId, LinkRequest r, ClaimsPrincipal user, CancellationToken ct)
        {
            var e = await db.Set<Event>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == eventId, ct);
            if (e is null || !await access.CanSeeAsync(user, e))
            {
                return new(null, NotFound: true);
            }

            if (!string.IsNullOrWhiteSpace(r.IdNumber) && r.PersonId is null && r.AddressId is null && r.HouseId is null)
            {
                if (await registry.FindPersonByIdNumberAsync(r.IdNumber, ct) is not { } found)
                {
                    return new(null, Errors: new Dictionary<string, string[]> { ["idNumber"] = ["基础数据中没有登记该身份证号的人员。"] });
                }

                r = r with { PersonId = found.Id };
            }

            if (new[] { r.PersonId, r.AddressId, r.HouseId }.Count(x => x is not null) != 1)
            {
                return new(null, Errors: new Dictionary<string, string[]> { ["personId"] = ["请选择一名人员（personId 或 idNumber）、一个标准地址（addressId）或一处房屋（houseId），三选一。"] });
            }

            if (r.PersonId is { } personId && await registry.FindPersonAsync(personId, ct) is null)
            {
                return new(null, Errors: new Dictionary<string, string[]> { ["personId"] = ["基础数据中没有该人员。"] });
            }

            if (r.AddressId is { } addressId && await registry.FindAddressAsync(addressId, ct) is null)
            {
                return new(null, Errors: new Dictionary<string, string[]> { ["addressId"] = ["基础数据中没有该地址。"] });
            }

            if (r.HouseId is { } houseId && await registry.FindHouseAsync(houseId, ct) is null)
            {
                return new(null, Errors: new Dictionary<string, string[]> { ["houseId"] = ["基础数据中没有该房屋。"] });
            }

            if (await db.Set<EventRegistryLink>().AnyAsync(l => l.EventId == eventId && l.PersonId == r.PersonId && l.AddressId == r.AddressId && l.HouseId == r.HouseId, ct))
            {
                return new(null, Conflict: "该事件已关联此人员、地址或房屋。");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var link = new EventRegistryLink
            {
                Id = Guid.CreateVersion7(now), EventId = eventId, PersonId = r.PersonId, AddressId = r.AddressId, HouseId = r.HouseId, LinkedAt = now,
                LinkedBy = user.GetUserId(), LinkedByName = user.FindFirst(JiexinClaims.DisplayName)?.Value ?? user.Identity?.Name,
            };
            db.Add(link);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                return new(null, Conflict: "该事件已关联此人员、地址或房屋。");
            }

            return new(await ToDtoAsync(link, ct));
        }

        private async Task<LinkDto> ToDtoAsync(EventRegistryLink l, CancellationToken ct)
        {
            var person = l.PersonId is { } p ? await registry.FindPersonAsync(p, ct) : null;
            var address = l.AddressId is { } a ? await registry.FindAddressAsync(a, ct) : null;
            var house = l.HouseId is { } h ? await registry.FindHouseAsync(h, ct) : null;
            return new(l.Id, l.PersonId, person?.Name, person?.IdNumberMasked, l.AddressId, address?.Label, l.LinkedAt, l.LinkedByName, l.HouseId, house?.AddressLabel);
        }
    }

    public static void Map(RouteGroupBuilder events)
    {
        events.MapGet("/{id:guid}/registry-links", async Task<Results<Ok<IReadOnlyList<LinkDto>>, ProblemHttpResult>> (
                Guid id, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.ListAsync(id, user, ct) is { } links ? TypedResults.Ok(links) : Problems.NotFound("未找到该事件。"))
            .RequireAuthorization(Policies.Staff)
            .WithName("Events.ListRegistryLinks");
        events.MapPost("/{id:guid}/registry-links", async Task<Results<Created<LinkDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, LinkRequest body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.LinkAsync(id, body, user, ct);
                return outcome switch
                {
                    { Link: { } link } => TypedResults.Created($"/api/v1/events/{id}/registry-links", link),
                    { NotFound: true } => Problems.NotFound("未找到该事件。"),
                    { Conflict: { } c } => Problems.Conflict(c),
                    _ => TypedResults.ValidationProblem(outcome.Errors!, title: "提交的数据有误"),
                };
            })
            .RequireAuthorization(Policies.Staff)
            .WithName("Events.LinkRegistry");
    }
}

/// <summary><see cref="IEventsOfRegistry"/>: the events staff linked to a person, newest first.</summary>
internal sealed class EventsOfRegistry(JiexinDbContext db) : IEventsOfRegistry
{
    public async Task<IReadOnlyList<RegistryLinkedEvent>> ForPersonAsync(Guid personId, CancellationToken ct)
    {
        var rows = await db.Set<EventRegistryLink>().AsNoTracking().Where(l => l.PersonId == personId)
            .Join(db.Set<Event>(), l => l.EventId, e => e.Id, (l, e) => new { e.Id, e.TrackingCode, e.CategoryName, e.Status, e.CreatedAt, e.Description })
            .OrderByDescending(x => x.CreatedAt).Take(100).ToListAsync(ct);
        return [.. rows.Select(x => new RegistryLinkedEvent(x.Id, x.TrackingCode, x.CategoryName, EventWorkflow.StatusName(x.Status), x.CreatedAt,
            x.Description.Length > 60 ? x.Description[..60] + "…" : x.Description))];
    }

    public async Task<IReadOnlyList<RegistryLinkedEvent>> ForPlaceAsync(Guid? addressId, Guid? houseId, CancellationToken ct)
    {
        // One row per event even when it is linked to both the house and its address.
        var eventIds = db.Set<EventRegistryLink>().Where(l => (addressId != null && l.AddressId == addressId) || (houseId != null && l.HouseId == houseId))
            .Select(l => l.EventId);
        var rows = await db.Set<Event>().AsNoTracking().Where(e => eventIds.Contains(e.Id))
            .Select(e => new { e.Id, e.TrackingCode, e.CategoryName, e.Status, e.CreatedAt, e.Description })
            .OrderByDescending(x => x.CreatedAt).Take(100).ToListAsync(ct);
        return [.. rows.Select(x => new RegistryLinkedEvent(x.Id, x.TrackingCode, x.CategoryName, EventWorkflow.StatusName(x.Status), x.CreatedAt,
            x.Description.Length > 60 ? x.Description[..60] + "…" : x.Description))];
    }
}
