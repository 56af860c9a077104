using System.Text.Json;
using Jiexin.Data;
using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Disputes.Contracts;
using Jiexin.Modules.Events.Contracts;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Modules.Warnings.Domain;
using Jiexin.Modules.Warnings.Rules;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Jobs;
using Jiexin.Platform.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiexin.Modules.Warnings.Evaluate;

/// <summary>
/// Evaluates the four rules and raises one alert per new condition. Idempotent: a condition that already has an
/// open alert raises nothing (checked first, and enforced by the unique index on <see cref="Warning.OpenKey"/>, so two
/// instances racing on one PostgreSQL raise it once: the loser's INSERT fails and is dropped).
/// </summary>
public static class EvaluateWarnings
{
    /// <summary>Notification subject of an alert.</summary>
    public const string NotificationTopic = "warning";

    /// <summary><paramref name="Resolved"/>: alerts closed by the system because their condition no longer holds.</summary>
    public sealed record Result(int Raised, int Conditions, int Resolved = 0);

    /// <summary>Kinds whose condition is a state that ends by itself (the backlog is worked off, the dispute settled or re-rated).</summary>
    public static readonly WarningKind[] SelfResolvingKinds = [WarningKind.DisputeRisk, WarningKind.OverdueCluster];

    public const string ResolvedNote = "预警条件已解除（积压已消化或纠纷风险已变化），系统自动关闭。";

    /// <summary>A condition a rule found, before it becomes an alert.</summary>
    public sealed record Candidate(
        WarningKind Kind, WarningSeverity Severity, string Key, string Title, string Summary, WarningEvidence Evidence,
        Guid? CommunityId = null, Guid? GridId = null, Guid? DepartmentId = null, DateTime? ResponseDueAt = null);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public sealed class Handler(
        JiexinDbContext db,
        IEventSignals events,
        IDisputeRiskSignals disputes,
        IScreeningRiskSignals screening,
        Platform.Calendar.IWorkingCalendar calendar,
        IOrgDirectory orgs,
        ITerritoryLookup territory,
        ICategoryDirectory categories,
        IOptions<WarningsOptions> options,
        OpenPlaceEvidence placeEvidence,
        RecentPlaces recentPlaces,
        TimeProvider clock,
        ILogger<Handler> log)
    {
        public async Task<Result> Handle(CancellationToken ct)
        {
            var o = options.Value;
            var now = clock.GetUtcNow().UtcDateTime;
            var candidates = new List<Candidate>();
            candidates.AddRange(await SpikesAsync(o, now, ct));
            candidates.AddRange(await RepeatsAsync(o, now, ct));
            candidates.AddRange(await DisputesAsync(o, now, ct));
            candidates.AddRange(await OverdueAsync(o, now, ct));
            candidates.AddRange(await ScreeningAsync(o, now, ct));
            var raised = await RaiseAsync(candidates, now, ct);
            return new(raised, candidates.Count, await CloseResolvedAsync(candidates, now, ct));
        }

        /// <summary>
        /// Closes open alerts of the self-resolving kinds whose condition the rules no longer find (a spike or a repeated
        /// place stays until a person closes it: that it stopped is not that it was dealt with). Each against its version:
        /// a person acting on it at the same moment wins.
        /// </summary>
        private async Task<int> CloseResolvedAsync(List<Candidate> candidates, DateTime now, CancellationToken ct)
        {
            var current = candidates.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
            // Read untracked and attached one at a time: each save is followed by a clear, which would otherwise detach the
            // rest of the list and turn their changes into silent no-ops.
            var stale = (await db.Set<Warning>().AsNoTracking().Where(w => w.OpenKey != null && Enumerable.Contains(SelfResolvingKinds, w.Kind)).ToListAsync(ct))
                .Where(w => !current.Contains(w.OpenKey!))
                .ToList();
            var closed = 0;
            foreach (var w in stale)
            {
                db.Attach(w);
                w.Status = WarningStatus.Closed;
                w.OpenKey = null;
                w.ClosedAt = now;
                w.CloseNote = ResolvedNote;
                try
                {
                    await db.SaveChangesAsync(ct);
                    closed++;
                }
                catch (DbUpdateConcurrencyException)
                {
                    log.LogDebug("Warning {Id} changed while being closed as resolved", w.Id);
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            }

            return closed;
        }

        private async Task<IEnumerable<Candidate>> SpikesAsync(WarningsOptions o, DateTime now, CancellationToken ct)
        {
            var today = DateOnly.FromDateTime(now + ChinaOffset);
            var counts = await events.CountDailyAsync(today.AddDays(-o.SpikeBaselineDays), today, ct);
            var result = new List<Candidate>();
            foreach (var series in counts.GroupBy(c => (c.CommunityId, c.CategoryGroup)))
            {
                var byDay = series.ToDictionary(c => c.Day, c => c.Count);
                var todayCount = byDay.GetValueOrDefault(today);
                if (todayCount < o.SpikeMinCount)
                {
                    continue;
                }

                var baseline = Enumerable.Range(1, o.SpikeBaselineDays).Select(d => byDay.GetValueOrDefault(today.AddDays(-d))).Reverse().ToList();
                var verdict = PoissonSpike.Evaluate(todayCount, baseline, o.SpikeMinCount, o.SpikeAlpha);
                if (!verdict.Fires)
                {
                    continue;
                }

                var (community, group) = series.Key;
                var communityName = orgs.Describe(new OrgUnitRef(OrgUnitKind.Community, community));
                var groupName = GroupName(group);
                var severity = verdict.PValue < o.SpikeAlpha / 100 ? WarningSeverity.Red : verdict.PValue < o.SpikeAlpha / 10 ? WarningSeverity.Orange : WarningSeverity.Yellow;
                var days = Enumerable.Range(0, o.SpikeBaselineDays + 1).Select(d => today.AddDays(d - o.SpikeBaselineDays))
                    .Select(d => new EvidenceDay(d, byDay.GetValueOrDefault(d))).ToList();
                result.Add(new(WarningKind.CategorySpike, severity, $"spike:{community:N}:{group}:{today:yyyyMMdd}",
                    $"{communityName}「{groupName}」类事件激增",
                    $"今日已上报 {todayCount} 件，近 {o.SpikeBaselineDays} 天日均 {verdict.Lambda:0.##} 件；按泊松分布，日报量达到 {verdict.Threshold} 件即属异常（P = {verdict.PValue:0.######}）。",
                    new(new Dictionary<string, double>
                    {
                        ["today"] = todayCount,
                        ["baselineMean"] = Math.Round(verdict.Lambda, 4),
                        ["threshold"] = verdict.Threshold,
                        ["pValue"] = verdict.PValue,
                        ["baselineDays"] = o.SpikeBaselineDays,
                    }, [], [], days),
                    CommunityId: community));
            }

            return result;
        }

        private async Task<IEnumerable<Candidate>> RepeatsAsync(WarningsOptions o, DateTime now, CancellationToken ct)
        {
            var days = Math.Max(o.PlaceWindowDays, o.ReporterWindowDays);
            var reports = await recentPlaces.ListAsync(events, now.AddDays(-days), o.MaxReports, ct);
            var result = new List<Candidate>();
            foreach (var group in RepeatRules.SamePlace(reports, o.PlaceMinReports, o.PlaceRadiusMeters, o.PlaceWindowDays))
            {
                var first = group[0];
                var where = first.Address ?? orgs.Describe(new OrgUnitRef(OrgUnitKind.Grid, first.GridId ?? Guid.Empty));
                result.Add(new(WarningKind.RepeatedPlace, group.Count >= 2 * o.PlaceMinReports ? WarningSeverity.Orange : WarningSeverity.Yellow,
                    $"place:{first.Id:N}", $"同一地点重复上报：{Shorten(where, 40)}",
                    $"{o.PlaceWindowDays} 天内在 {o.PlaceRadiusMeters:0} 米范围内上报 {group.Count} 件（首件 {first.TrackingCode}）。",
                    new(new Dictionary<string, double>
                    {
                        ["reports"] = group.Count,
                        ["radiusMetres"] = o.PlaceRadiusMeters,
                        ["windowDays"] = o.PlaceWindowDays,
                        ["latitude"] = first.Latitude!.Value,
                        ["longitude"] = first.Longitude!.Value,
                    }, [.. group.Select(r => r.Id)], []),
                    first.CommunityId, first.GridId));
            }

            var reporterSince = now.AddDays(-o.ReporterWindowDays);
            foreach (var (reporter, list) in RepeatRules.SameReporter([.. reports.Where(r => r.ReportedAt >= reporterSince)], o.ReporterMinReports))
            {
                var first = list[0];
                result.Add(new(WarningKind.RepeatedReporter, list.Count >= 2 * o.ReporterMinReports ? WarningSeverity.Orange : WarningSeverity.Yellow,
                    $"reporter:{reporter:N}", "同一居民重复上报",
                    $"同一居民 {o.ReporterWindowDays} 天内上报 {list.Count} 件（首件 {first.TrackingCode}），请关注其诉求是否未得到解决。",
                    new(new Dictionary<string, double> { ["reports"] = list.Count, ["windowDays"] = o.ReporterWindowDays }, [.. list.Select(r => r.Id)], []),
                    list.GroupBy(r => r.CommunityId).OrderByDescending(g => g.Count()).First().Key));
            }

            return result;
        }

        private async Task<IEnumerable<Candidate>> DisputesAsync(WarningsOptions o, DateTime now, CancellationToken ct)
        {
            var result = new List<Candidate>();
            foreach (var d in await disputes.ListOpenAtRiskAsync(o.DisputeMinRisk, now, ct))
            {
                // The key carries what is wrong: a dispute whose risk rises, or that falls overdue, raises a new alert.
                var highRisk = (int)d.Risk >= (int)o.DisputeMinRisk && d.Risk != DisputeRiskFigure.None;
                var reasons = new List<string>();
                if (highRisk)
                {
                    reasons.Add(d.Risk == DisputeRiskFigure.Red ? "红色风险" : d.Risk == DisputeRiskFigure.Orange ? "橙色风险" : "黄色风险");
                }

                if (d.IsGroup)
                {
                    reasons.Add($"群体性（{d.PeopleCount} 人）");
                }

                if (d.IsOverdue)
                {
                    reasons.Add("已超调解期限");
                }

                var severity = d.Risk == DisputeRiskFigure.Red || (d.IsGroup && d.IsOverdue) ? WarningSeverity.Red
                    : d.Risk == DisputeRiskFigure.Orange || d.IsGroup ? WarningSeverity.Orange : WarningSeverity.Yellow;
                var key = $"dispute:{d.Id:N}:{(highRisk ? d.Risk.ToString() : "-")}:{(d.IsGroup ? "group" : "-")}:{(d.IsOverdue ? "overdue" : "-")}";
                result.Add(new(WarningKind.DisputeRisk, severity, key, $"矛盾纠纷风险：{d.CaseNumber}（{d.TypeName}）",
                    $"{string.Join("、", reasons)}。{d.Summary}{(string.IsNullOrWhiteSpace(d.RiskReasons) ? "" : $" 风险依据：{d.RiskReasons}")}",
                    new(new Dictionary<string, double> { ["risk"] = (int)d.Risk, ["people"] = d.PeopleCount, ["overdue"] = d.IsOverdue ? 1 : 0 }, [], [d.Id]),
                    d.CommunityId, d.GridId));
            }

            return result;
        }

        private async Task<IEnumerable<Candidate>> OverdueAsync(WarningsOptions o, DateTime now, CancellationToken ct)
        {
            var result = new List<Candidate>();
            foreach (var c in await events.CountOverdueAsync(now, o.OverdueMinCount, ct))
            {
                var unit = new OrgUnitRef(c.Kind, c.UnitId);
                var name = orgs.Describe(unit);
                Guid? community = c.Kind == OrgUnitKind.Grid ? CommunityOfGrid(c.UnitId) : null;
                result.Add(new(WarningKind.OverdueCluster, c.Count >= 2 * o.OverdueMinCount ? WarningSeverity.Red : WarningSeverity.Orange,
                    $"overdue:{c.Kind}:{c.UnitId:N}", $"超期积压：{name}",
                    $"{(c.Kind == OrgUnitKind.Grid ? "网格" : "部门")}「{name}」有 {c.Count} 件事件已超过办理期限仍未办结。",
                    new(new Dictionary<string, double> { ["overdue"] = c.Count, ["threshold"] = o.OverdueMinCount }, [.. c.EventIds.Take(200)], []),
                    community, c.Kind == OrgUnitKind.Grid ? c.UnitId : null, c.Kind == OrgUnitKind.Department ? c.UnitId : null));
            }

            return result;
        }

        /// <summary>
        /// (e) 排查隐患: each risk rated yellow or above is one alert that needs a response by a deadline by level (red: hours,
        /// orange/yellow: working days, from when it was recorded). Raised once per risk: closing it does not raise it again.
        /// </summary>
        private async Task<IEnumerable<Candidate>> ScreeningAsync(WarningsOptions o, DateTime now, CancellationToken ct)
        {
            var risks = await screening.ListRatedSinceAsync(now.AddDays(-o.ScreeningWindowDays), ct);
            if (risks.Count == 0)
            {
                return [];
            }

            var keys = risks.Select(r => ScreeningKey(r.Id)).ToArray();
            var raisedBefore = (await db.Set<Warning>().AsNoTracking().Where(w => Enumerable.Contains(keys, w.ConditionKey)).Select(w => w.ConditionKey).ToListAsync(ct))
                .ToHashSet(StringComparer.Ordinal);
            var result = new List<Candidate>();
            foreach (var r in risks.Where(r => !raisedBefore.Contains(ScreeningKey(r.Id))))
            {
                var (severity, due) = r.Risk switch
                {
                    DisputeRiskFigure.Red => (WarningSeverity.Red, r.RecordedAt.AddHours(o.ResponseHoursRed)),
                    DisputeRiskFigure.Orange => (WarningSeverity.Orange, calendar.AddWorkingDays(r.RecordedAt, o.ResponseWorkingDaysOrange)),
                    _ => (WarningSeverity.Yellow, calendar.AddWorkingDays(r.RecordedAt, o.ResponseWorkingDaysYellow)),
                };
                var grid = orgs.Describe(new OrgUnitRef(OrgUnitKind.Grid, r.GridId));
                result.Add(new(WarningKind.ScreeningRisk, severity, ScreeningKey(r.Id),
                    $"排查隐患：{grid}「{r.TypeName}」",
                    $"{r.Description}（地点：{r.Place}；当事人：{r.Parties}；{r.PeopleCount} 人{(r.VulnerablePeople ? "；涉及弱势群体" : "")}）。评级依据：{r.RiskReasons ?? "—"}",
                    new(new Dictionary<string, double> { ["peopleCount"] = r.PeopleCount }, [], r.DisputeId is { } d ? [d] : []),
                    r.CommunityId, r.GridId, ResponseDueAt: due));
            }

            return result;
        }

        public static string ScreeningKey(Guid riskId) => $"screening:{riskId:N}";

        private Guid? CommunityOfGrid(Guid gridId) =>
            territory.Communities.FirstOrDefault(c => orgs.GridIdsOf(c.Id).Contains(gridId))?.Id;

        private async Task<int> RaiseAsync(List<Candidate> candidates, DateTime now, CancellationToken ct)
        {
            if (candidates.Count == 0)
            {
                return 0;
            }

            var open = await db.Set<Warning>().AsNoTracking().Where(w => w.OpenKey != null)
                .Select(w => new { w.Id, w.Kind, w.OpenKey }).ToListAsync(ct);
            var openKeys = open.Select(w => w.OpenKey!).ToHashSet(StringComparer.Ordinal);
            // A place group re-anchors when its first report ages out: an open place alert sharing a report covers it.
            var openPlaceEvents = await placeEvidence.CoveredEventsAsync(db, [.. open.Where(w => w.Kind == WarningKind.RepeatedPlace).Select(w => w.Id)], ct);
            var raised = 0;
            foreach (var c in candidates)
            {
                if (openKeys.Contains(c.Key) || (c.Kind == WarningKind.RepeatedPlace && c.Evidence.EventIds.Any(openPlaceEvents.Contains)))
                {
                    continue;
                }

                var warning = new Warning
                {
                    Id = Guid.CreateVersion7(now),
                    Kind = c.Kind,
                    Severity = c.Severity,
                    Status = WarningStatus.Open,
                    ConditionKey = c.Key,
                    OpenKey = c.Key,
                    Title = Shorten(c.Title, 200),
                    Summary = Shorten(c.Summary, 1000),
                    EvidenceJson = JsonSerializer.Serialize(c.Evidence, Json),
                    CommunityId = c.CommunityId,
                    GridId = c.GridId,
                    DepartmentId = c.DepartmentId,
                    RaisedAt = now,
                    ResponseDueAt = c.ResponseDueAt,
                };
                db.Add(warning);
                // The command centre (and the community it concerns) hears of it with the alert, in the same transaction.
                // A screening risk is the community's to answer first; the command centre hears of it if it escalates.
                List<string> audiences = c.Kind == WarningKind.ScreeningRisk && c.CommunityId is not null ? [] : [Audience.Role(Roles.Commander)];
                if (c.Kind == WarningKind.ScreeningRisk && c.GridId is { } gridId)
                {
                    audiences.Add(Audience.Unit(OrgUnitKind.Grid, gridId));
                }

                if (c.CommunityId is { } communityId)
                {
                    audiences.Add(Audience.Unit(OrgUnitKind.Community, communityId));
                }

                var body = c.ResponseDueAt is { } respondBy ? $"请于 {respondBy.AddHours(8):M月d日 HH:mm} 前响应。{warning.Summary}" : warning.Summary;
                new NotificationMessage($"新预警：{warning.Title}", Shorten(body, 200), NotificationKind.Supervision, audiences,
                        StaffLink: "/warnings", SubjectType: NotificationTopic, SubjectId: warning.Id)
                    .Enqueue(db, $"warning_raised:{warning.Id:N}", now);
                try
                {
                    await db.SaveChangesAsync(ct);
                    raised++;
                }
                catch (DbUpdateException)
                {
                    // Another instance raised the same condition a moment ago: the unique open key kept it to one.
                    log.LogDebug("Warning {Key} already raised elsewhere", c.Key);
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            }

            return raised;
        }

        private string GroupName(string group) =>
            group.Length == 0 ? "未分类" : categories.Groups.FirstOrDefault(g => g.Code == group)?.Name ?? group;

        private static string Shorten(string text, int max) => text.Length > max ? text[..(max - 1)] + "…" : text;
    }

    /// <summary>The rules on the job runner's tick (every runner tick; each run is bounded and idempotent).</summary>
    public sealed class Job(Handler handler) : IRecurringJob
    {
        public string Name => "warnings";

        public async Task<int> RunOnceAsync(CancellationToken ct) => (await handler.Handle(ct)).Raised;
    }

    /// <summary><c>POST /api/v1/warnings/evaluate</c>: the command centre runs the rules now (same as the job).</summary>
    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapPost("/evaluate", async Task<Ok<Result>> (Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.Handle(ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.Commander, Roles.Admin))
            .WithName("Warnings.Evaluate");
}
