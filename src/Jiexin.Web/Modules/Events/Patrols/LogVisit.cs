using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.Patrols;

/// <summary>走访: log a household visit (who, when, where, what was learnt). The same Idempotency-Key logs it once.</summary>
public static class LogVisit
{
    public const int MaxHousehold = 200;
    public const int MaxNote = 1000;

    public sealed record Request(string? Household, DateTime? VisitedAt, double? Latitude, double? Longitude, string? Note);

    public sealed record Outcome(VisitDto? Visit, bool Created, IDictionary<string, string[]>? Errors);

    public sealed class Handler(JiexinDbContext db, ITerritoryLookup territory, TimeProvider clock)
    {
        public async Task<Outcome> Handle(Request body, string? idempotencyKey, ClaimsPrincipal user, CancellationToken ct)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var errors = Validate(body, now);
            if (idempotencyKey is { Length: > 100 })
            {
                errors["idempotencyKey"] = ["幂等键（Idempotency-Key）不能超过 100 个字符。"];
            }

            var worker = GridWorker.Of(user, territory);
            if (worker is null)
            {
                errors["user"] = ["只有网格员可以记录走访。"];
            }

            if (errors.Count > 0 || worker is null)
            {
                return new(null, false, errors);
            }

            var key = string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey.Trim();
            if (key is not null && await FindAsync(worker.UserId, key, ct) is { } existing)
            {
                return new(VisitDto.From(existing), false, null);
            }

            var patrolId = await db.Set<Patrol>().AsNoTracking()
                .Where(p => p.GridWorkerUserId == worker.UserId && p.EndedAt == null)
                .OrderByDescending(p => p.StartedAt)
                .Select(p => (Guid?)p.Id)
                .FirstOrDefaultAsync(ct);
            var visit = new Visit
            {
                Id = Guid.CreateVersion7(now),
                GridWorkerUserId = worker.UserId,
                GridWorkerName = worker.Name,
                GridId = worker.GridId,
                CommunityId = worker.CommunityId,
                PatrolId = patrolId,
                Household = body.Household!.Trim(),
                VisitedAt = body.VisitedAt is { } at ? ToUtc(at) : now,
                Latitude = body.Latitude,
                Longitude = body.Longitude,
                Note = body.Note!.Trim(),
                CreatedAt = now,
                IdempotencyKey = key,
            };
            db.Add(visit);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (key is not null)
            {
                // A retry raced the first attempt; the unique index let one in.
                db.ChangeTracker.Clear();
                if (await FindAsync(worker.UserId, key, ct) is { } raced)
                {
                    return new(VisitDto.From(raced), false, null);
                }

                throw;
            }

            return new(VisitDto.From(visit), true, null);
        }

        private Task<Visit?> FindAsync(Guid userId, string key, CancellationToken ct) =>
            db.Set<Visit>().AsNoTracking().SingleOrDefaultAsync(v => v.GridWorkerUserId == userId && v.IdempotencyKey == key, ct);
    }

    public static Dictionary<string, string[]> Validate(Request body, DateTime now)
    {
        var errors = new Dictionary<string, string[]>();
        var household = body.Household?.Trim() ?? "";
        if (household.Length == 0)
        {
            errors["household"] = ["请填写走访的住户或地址。"];
        }
        else if (household.Length > MaxHousehold)
        {
            errors["household"] = [$"住户或地址不能超过 {MaxHousehold} 个字。"];
        }

        var note = body.Note?.Trim() ?? "";
        if (note.Length == 0)
        {
            errors["note"] = ["请填写走访情况。"];
        }
        else if (note.Length > MaxNote)
        {
            errors["note"] = [$"走访情况不能超过 {MaxNote} 个字。"];
        }

        if (body.Latitude is null != body.Longitude is null)
        {
            errors["latitude"] = ["经纬度须同时填写。"];
        }
        else if (body.Latitude is { } lat && body.Longitude is { } lng && (!GeoCoordinates.IsValidLatitude(lat) || !GeoCoordinates.IsValidLongitude(lng)))
        {
            errors["latitude"] = ["经纬度不是有效的位置。"];
        }

        if (body.VisitedAt is { } at && ToUtc(at) > now.AddMinutes(5))
        {
            errors["visitedAt"] = ["走访时间不能晚于现在。"];
        }

        return errors;
    }

    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    public static RouteHandlerBuilder Map(RouteGroupBuilder visits) =>
        visits.MapPost("/", async Task<Results<Created<VisitDto>, Ok<VisitDto>, ValidationProblem>> (
                Request body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(body, idempotencyKey, user, ct);
                if (outcome.Errors is { } errors)
                {
                    return TypedResults.ValidationProblem(errors, title: "提交的数据有误");
                }

                return outcome.Created
                    ? TypedResults.Created($"/api/v1/visits/{outcome.Visit!.Id}", outcome.Visit)
                    : TypedResults.Ok(outcome.Visit!);
            })
            .RequireAuthorization(p => p.RequireRole(Roles.GridWorker))
            .WithName("Events.LogVisit");
}
