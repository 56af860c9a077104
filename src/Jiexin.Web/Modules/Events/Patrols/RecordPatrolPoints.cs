using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.Patrols;

/// <summary>
/// The patrol page posts the phone's GPS fixes in batches while it is open. Outdoors the network drops: the page
/// keeps unsent fixes and sends them again, so a batch may arrive twice or late. Only fixes later than the last
/// stored one are taken, which makes a repeated batch a no-op; fixes taken before the patrol was stopped still
/// count when they arrive after it.
/// </summary>
public static class RecordPatrolPoints
{
    public const int MaxBatch = 500;

    /// <summary>Phone clocks run a little fast; further in the future than this a fix is refused.</summary>
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(2);

    public sealed record Point(double? Latitude, double? Longitude, DateTime? RecordedAt, double? AccuracyMeters);

    public sealed record Request(IReadOnlyList<Point>? Points);

    public sealed record Response(int Accepted, int Ignored, int PointCount, double DistanceMeters);

    public enum Status
    {
        Done,
        NotFound,
        Invalid,
        Busy,
    }

    public sealed record Outcome(Status Status, Response? Response = null, string? Message = null);

    public sealed class Handler(JiexinDbContext db, TimeProvider clock)
    {
        public async Task<Outcome> Handle(Guid id, Request body, ClaimsPrincipal user, CancellationToken ct)
        {
            var me = user.GetUserId();
            var patrol = await db.Set<Patrol>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.GridWorkerUserId == me, ct);
            if (patrol is null)
            {
                return new(Status.NotFound, Message: "未找到该巡查记录。");
            }

            var points = body.Points ?? [];
            if (points.Count == 0 || points.Count > MaxBatch)
            {
                return new(Status.Invalid, Message: $"每次须上传 1–{MaxBatch} 个定位点。");
            }

            if (points.Any(p => p.Latitude is not { } lat || p.Longitude is not { } lng || p.RecordedAt is null
                                || !GeoCoordinates.IsValidLatitude(lat) || !GeoCoordinates.IsValidLongitude(lng)
                                || p.AccuracyMeters is < 0 || (p.AccuracyMeters is { } acc && !double.IsFinite(acc))))
            {
                return new(Status.Invalid, Message: "定位点须有有效的经纬度和时间。");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var latest = (patrol.EndedAt ?? now) + ClockTolerance;
            var after = patrol.LastPointAt ?? patrol.StartedAt - ClockTolerance;
            var fresh = points
                .Select(p => new PatrolTrack.Fix(ToUtc(p.RecordedAt!.Value), p.Latitude!.Value, p.Longitude!.Value, p.AccuracyMeters))
                .Where(f => f.At > after && f.At <= latest)
                .GroupBy(f => f.At)
                .Select(g => g.First())
                .OrderBy(f => f.At)
                .ToList();
            if (fresh.Count == 0)
            {
                return new(Status.Done, new Response(0, points.Count, patrol.PointCount, Math.Round(patrol.DistanceMeters, 1)));
            }

            PatrolTrack.Fix? anchor = patrol.AnchorAt is { } at && patrol.AnchorLatitude is { } alat && patrol.AnchorLongitude is { } alng
                ? new PatrolTrack.Fix(at, alat, alng, null)
                : null;
            var added = 0.0;
            foreach (var fix in fresh)
            {
                (var meters, anchor) = PatrolTrack.Advance(anchor, fix);
                added += meters;
            }

            var distance = patrol.DistanceMeters + added;
            var count = patrol.PointCount + fresh.Count;
            var last = fresh[^1].At;
            var previous = patrol.LastPointAt;

            // GPS fixes are telemetry, not a person's change of a record: written with set-based SQL, which keeps
            // them out of the audit log (one entry per fix would drown it). Starting and stopping are audited.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var fix in fresh)
            {
                await db.Database.ExecuteSqlAsync(
                    $"""INSERT INTO "events_patrol_points" ("PatrolId", "RecordedAt", "Latitude", "Longitude", "AccuracyMeters") VALUES ({id}, {fix.At}, {fix.Latitude}, {fix.Longitude}, {fix.AccuracyMeters})""",
                    ct);
            }

            var anchorAt = anchor?.At;
            var anchorLat = anchor?.Latitude;
            var anchorLng = anchor?.Longitude;
            // Guarded by the last point seen: two batches racing for one patrol cannot both add their distance.
            var updated = await db.Set<Patrol>()
                .Where(p => p.Id == id && p.LastPointAt == previous)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.DistanceMeters, distance)
                    .SetProperty(p => p.PointCount, count)
                    .SetProperty(p => p.LastPointAt, last)
                    .SetProperty(p => p.AnchorAt, anchorAt)
                    .SetProperty(p => p.AnchorLatitude, anchorLat)
                    .SetProperty(p => p.AnchorLongitude, anchorLng), ct);
            if (updated != 1)
            {
                await tx.RollbackAsync(ct);
                return new(Status.Busy, Message: "另一批定位点正在保存，请稍后重试。");
            }

            await tx.CommitAsync(ct);
            return new(Status.Done, new Response(fresh.Count, points.Count - fresh.Count, count, Math.Round(distance, 1)));
        }

        /// <summary>
        /// UTC, cut to whole milliseconds (what phones report): PostgreSQL keeps microseconds, so a finer time would
        /// come back from the database earlier than it was sent, and a resent fix would look newer than itself.
        /// </summary>
        private static DateTime ToUtc(DateTime value)
        {
            var utc = value.Kind switch
            {
                DateTimeKind.Utc => value,
                DateTimeKind.Local => value.ToUniversalTime(),
                _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
            };
            return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder patrols) =>
        patrols.MapPost("/{id:guid}/points", async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(id, body, user, ct);
                return outcome.Status switch
                {
                    Status.Done => TypedResults.Ok(outcome.Response!),
                    Status.Invalid => Problems.Validation("points", outcome.Message!),
                    Status.Busy => Problems.Conflict(outcome.Message!),
                    _ => Problems.NotFound(outcome.Message!),
                };
            })
            .RequireAuthorization(p => p.RequireRole(Roles.GridWorker))
            .WithName("Events.RecordPatrolPoints");
}
