using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Contracts;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Jiexin.Modules.Warnings.Hotspots;

/// <summary>热点: open reports grouped by words, place and time (<see cref="HotspotFinder"/>), and turning one into a coordinated task.</summary>
public static class Hotspots
{
    public const int MaxDays = 30;
    public const int MaxNote = 500;

    public sealed record Query(int? Days = null, Guid? CommunityId = null);

    public sealed record ReportItem(Guid Id, string TrackingCode, string Description, double Latitude, double Longitude, string? Address, string? CategoryName, DateTime ReportedAt);

    public sealed record HotspotDto(
        Guid Id, string Title, IReadOnlyList<string> Keywords, double Heat, int ReportCount, int ReporterCount,
        double CenterLatitude, double CenterLongitude, double RadiusMetres, Guid? CommunityId, string? CommunityName,
        DateTime FirstReportedAt, DateTime LastReportedAt, IReadOnlyList<ReportItem> Reports);

    public sealed record HotspotList(IReadOnlyList<HotspotDto> Items, int Days, DateTime ComputedAt, string HeatFormula);

    public const string HeatFormula = "热度 = 10 × Σ 2^(−距上报小时数 / 半衰期) × (0.5 + 0.5 × 不同上报人数 / 上报件数)";

    public sealed class ListHandler(IEventSignals events, IOrgScope scope, IOrgDirectory orgs, IOptions<WarningsOptions> options, TimeProvider clock)
    {
        public async Task<(HotspotList? List, string? Error)> Handle(Query q, ClaimsPrincipal user, CancellationToken ct)
        {
            var o = options.Value;
            var days = q.Days ?? o.HotspotWindowDays;
            if (days is < 1 or > MaxDays)
            {
                return (null, $"统计天数须在 1 到 {MaxDays} 之间。");
            }

            var filter = scope.FilterFor(user);
            var now = clock.GetUtcNow().UtcDateTime;
            var reports = await events.ListOpenReportedSinceAsync(now.AddDays(-days), o.MaxReports, ct);
            // Only what the caller may see is grouped: a community's staff see hotspots of their own reports.
            var visible = reports.Where(r => filter.AllTerritory
                || (r.CommunityId is { } c && filter.CommunityIds.Contains(c))
                || (r.GridId is { } g && filter.GridIds.Contains(g))).ToList();
            var hotspots = HotspotFinder.Find(visible, now, o)
                .Where(h => q.CommunityId is null || h.CommunityId == q.CommunityId)
                .Select(h => ToDto(h, orgs))
                .ToList();
            return (new(hotspots, days, now, HeatFormula.Replace("半衰期", $"{o.HotspotHalfLifeHours:0} 小时")), null);
        }

        /// <summary>The hotspot (computed now, as the caller sees it) whose first report is <paramref name="id"/>.</summary>
        public async Task<HotspotDto?> FindAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            var (list, _) = await Handle(new Query(MaxDays), user, ct);
            return list!.Items.FirstOrDefault(h => h.Id == id) ?? list.Items.FirstOrDefault(h => h.Reports.Any(r => r.Id == id));
        }
    }

    private static HotspotDto ToDto(Hotspot h, IOrgDirectory orgs) => new(
        h.Id, h.Title, h.Keywords, h.Heat, h.ReportCount, h.ReporterCount, h.CenterLatitude, h.CenterLongitude, h.RadiusMetres,
        h.CommunityId, h.CommunityId is { } c ? orgs.Describe(new OrgUnitRef(OrgUnitKind.Community, c)) : null,
        h.FirstReportedAt, h.LastReportedAt,
        [.. h.Reports.Select(r => new ReportItem(r.Id, r.TrackingCode, r.Description.Length > 120 ? r.Description[..120] + "…" : r.Description,
            r.Latitude!.Value, r.Longitude!.Value, r.Address, r.CategoryName, r.ReportedAt))]);

    /// <summary>What the commander saw and chose: the reports to merge (null: every report of the hotspot now), and why.</summary>
    public sealed record TaskRequest(IReadOnlyList<Guid>? EventIds, string? Note);

    public sealed record TaskResult(Guid PrimaryEventId, string PrimaryTrackingCode, IReadOnlyList<Guid> Merged, IReadOnlyDictionary<Guid, string> Refused);

    public sealed class TaskHandler(ListHandler hotspots, IEventCoordination coordination)
    {
        public async Task<(TaskResult? Result, int Status, string? Field, string? Message)> Handle(Guid id, TaskRequest body, ClaimsPrincipal user, CancellationToken ct)
        {
            var note = body.Note?.Trim();
            if (note is { Length: > MaxNote })
            {
                return (null, 400, "note", $"说明不能超过 {MaxNote} 字。");
            }

            var hotspot = await hotspots.FindAsync(id, user, ct);
            if (hotspot is null)
            {
                return (null, 404, null, "该热点已不存在（其上报可能已办结或合并），请刷新。");
            }

            // Only reports the commander saw AND still in the hotspot now are merged: nothing is merged unseen.
            var members = hotspot.Reports.Select(r => r.Id).ToHashSet();
            IEnumerable<Guid> chosen = body.EventIds is null ? members : body.EventIds.Where(members.Contains);
            var others = chosen.Where(x => x != hotspot.Id).ToList();
            if (others.Count == 0)
            {
                return (null, 400, "eventIds", "请至少选择热点中的另一件上报进行合并。");
            }

            var text = string.IsNullOrWhiteSpace(note) ? $"热点「{hotspot.Title}」合并为一件协同任务" : note;
            var result = await coordination.MergeIntoAsync(hotspot.Id, others, text, user, ct);
            return result is null
                ? (null, 409, null, "该热点的首件上报已不能作为协同任务（已办结或无权查看），请刷新。")
                : (new(result.PrimaryEventId, result.PrimaryTrackingCode, result.Merged, result.Refused), 200, null, null);
        }
    }

    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/", async Task<Results<Ok<HotspotList>, ValidationProblem>> ([AsParameters] Query q, ClaimsPrincipal user, ListHandler handler, CancellationToken ct) =>
            {
                var (list, error) = await handler.Handle(q, user, ct);
                return list is null ? Problems.Validation("days", error!) : TypedResults.Ok(list);
            })
            .WithName("Hotspots.ListHotspots");

        g.MapPost("/{id:guid}/task", async Task<Results<Ok<TaskResult>, ValidationProblem, ProblemHttpResult>> (
                Guid id, TaskRequest body, ClaimsPrincipal user, TaskHandler handler, CancellationToken ct) =>
            {
                var (result, status, field, message) = await handler.Handle(id, body, user, ct);
                return status switch
                {
                    200 => TypedResults.Ok(result!),
                    400 => Problems.Validation(field ?? "eventIds", message!),
                    404 => Problems.NotFound(message!),
                    _ => Problems.Conflict(message!),
                };
            })
            // The Events workflow lets the command centre merge (合并): the same role turns a hotspot into one task.
            .RequireAuthorization(p => p.RequireRole(Roles.Commander))
            .WithName("Hotspots.CreateTask");
    }
}
