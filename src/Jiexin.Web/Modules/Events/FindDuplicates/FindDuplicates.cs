using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiexin.Modules.Events.FindDuplicates;

/// <summary>Bound from <c>Jiexin:Events:Duplicates</c>: what counts as "likely the same matter".</summary>
public sealed class DuplicateOptions
{
    public const string Section = "Jiexin:Events:Duplicates";

    /// <summary>Two reports of one broken street light are rarely further apart than this.</summary>
    [Range(10, 5000)]
    public double RadiusMeters { get; set; } = 300;

    /// <summary>Jaccard similarity of character bigrams at or above which two descriptions are alike.</summary>
    [Range(0.01, 1)]
    public double MinSimilarity { get; set; } = 0.25;

    /// <summary>Only events reported within this many days of each other.</summary>
    [Range(1, 365)]
    public int WindowDays { get; set; } = 30;

    [Range(1, 50)]
    public int MaxResults { get; set; } = 5;

    /// <summary>Candidates read from the database before text comparison (newest first), bounding the work per look-up.</summary>
    [Range(10, 5000)]
    public int MaxCandidates { get; set; } = 500;
}

/// <summary>
/// 疑似重复: for an open event, the open events of the same category nearby (or in the same grid when there are no
/// coordinates) whose descriptions are alike, best first, for the commander to merge with one action. Computed when
/// asked (detail page, API), not at intake, so intake stays one insert.
/// </summary>
public static class FindDuplicates
{
    public sealed record DuplicateDto(
        Guid Id,
        string TrackingCode,
        EventStatus Status,
        string StatusName,
        string Description,
        string? CategoryName,
        string? Address,
        double? DistanceMeters,
        double Similarity,
        DateTime CreatedAt);

    public sealed class Handler(JiexinDbContext db, EventAccess access, IOptions<DuplicateOptions> options)
    {
        /// <summary>Null when the event does not exist or the user may not see it.</summary>
        public async Task<List<DuplicateDto>?> Handle(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            var e = await db.Set<Event>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (e is null || !await access.CanSeeAsync(user, e))
            {
                return null;
            }

            if (!EventWorkflow.Open.Contains(e.Status))
            {
                return [];
            }

            var o = options.Value;
            var open = EventWorkflow.Open.ToList();
            var from = e.CreatedAt.AddDays(-o.WindowDays);
            var to = e.CreatedAt.AddDays(o.WindowDays);
            var candidates = db.Set<Event>().AsNoTracking()
                .Where(x => x.Id != e.Id && open.Contains(x.Status) && x.CreatedAt >= from && x.CreatedAt <= to);
            if (e.CategoryCode is { } category)
            {
                candidates = candidates.Where(x => x.CategoryCode == category);
            }

            if (e.Latitude is { } lat && e.Longitude is { } lng)
            {
                // A bounding box the indexes can narrow; the exact distance is checked below.
                var dLat = o.RadiusMeters / 111_320d;
                var dLng = o.RadiusMeters / (111_320d * Math.Max(0.01, Math.Cos(double.DegreesToRadians(lat))));
                var (minLat, maxLat, minLng, maxLng) = (lat - dLat, lat + dLat, lng - dLng, lng + dLng);
                var grid = e.GridId;
                candidates = candidates.Where(x =>
                    (x.Latitude >= minLat && x.Latitude <= maxLat && x.Longitude >= minLng && x.Longitude <= maxLng)
                    || (x.Latitude == null && grid != null && x.GridId == grid));
            }
            else if (e.GridId is { } grid)
            {
                candidates = candidates.Where(x => x.GridId == grid);
            }
            else
            {
                // Neither coordinates nor a grid: only events at the same written address.
                var address = e.Address;
                candidates = candidates.Where(x => address != null && x.Address == address);
            }

            var rows = await candidates.OrderByDescending(x => x.CreatedAt).Take(o.MaxCandidates).ToListAsync(ct);
            var words = TextSimilarity.Bigrams(e.Description);
            var scored = new List<DuplicateDto>();
            foreach (var c in rows)
            {
                double? distance = e.Latitude is { } la && e.Longitude is { } lo && c.Latitude is { } cla && c.Longitude is { } clo
                    ? TextSimilarity.DistanceMeters(la, lo, cla, clo)
                    : null;
                if (distance > o.RadiusMeters)
                {
                    continue;
                }

                var similarity = TextSimilarity.Jaccard(words, TextSimilarity.Bigrams(c.Description));
                if (similarity >= o.MinSimilarity)
                {
                    scored.Add(new DuplicateDto(c.Id, c.TrackingCode, c.Status, EventWorkflow.StatusName(c.Status), c.Description, c.CategoryName,
                        c.Address, distance is { } d ? Math.Round(d) : null, Math.Round(similarity, 3), c.CreatedAt));
                }
            }

            var result = new List<DuplicateDto>();
            foreach (var d in scored.OrderByDescending(x => x.Similarity).ThenBy(x => x.DistanceMeters ?? double.MaxValue).ThenBy(x => x.CreatedAt))
            {
                var candidate = rows.First(r => r.Id == d.Id);
                if (await access.CanSeeAsync(user, candidate))
                {
                    result.Add(d);
                    if (result.Count == o.MaxResults)
                    {
                        break;
                    }
                }
            }

            return result;
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder events) =>
        events.MapGet("/{id:guid}/duplicates", async Task<Results<Ok<List<DuplicateDto>>, ProblemHttpResult>> (
                Guid id, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.Handle(id, user, ct) is { } list ? TypedResults.Ok(list) : Problems.NotFound("未找到该事件。"))
            .RequireAuthorization(Policies.Staff)
            .WithName("Events.FindDuplicates");
}
