using System.Globalization;
using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Disputes.Analysis;

/// <summary>The month's totals (cases received in the month; closed in the month; success rate = successful ÷ mediated concluded).</summary>
public sealed record AnalysisTotals(
    int Received, int PreviousMonthReceived, int Closed, int Successful, int Failed, int Withdrawn, int Referred, int Group,
    int OpenNow, int OverdueNow, int Consultations, double? SuccessRate);

/// <summary>One line of a breakdown: received per month over the 12 months ending with the report month (oldest first).</summary>
public sealed record BreakdownRow(string Key, string Name, IReadOnlyList<int> Months, int ThisMonth, double PriorAverage, bool Rising);

public sealed record Breakdown(string Dimension, string Label, IReadOnlyList<BreakdownRow> Rows);

public sealed record Hotspot(string Dimension, string DimensionLabel, string Name, int ThisMonth, double PriorAverage);

public sealed record KeyCase(Guid Id, string CaseNumber, string TypeName, string CommunityName, string StatusName, string? TierName,
    IReadOnlyList<string> Reasons, DateTime CreatedAt, DateTime? DueAt);

public sealed record AnalysisFiguresDto(
    string Month, IReadOnlyList<string> Months, IReadOnlyList<int> ReceivedTrend, AnalysisTotals Totals,
    IReadOnlyList<Breakdown> Breakdowns, IReadOnlyList<Hotspot> Hotspots, IReadOnlyList<KeyCase> KeyCases,
    DateTime ComputedAt, bool MonthComplete);

/// <summary>
/// Computes the analysis figures from the cases in the caller's scope (the centre's caseload is hundreds a month: one
/// projection of the 12 months' cases, grouped in memory — the same on both providers).
/// Hotspot (热点): a community or type whose count this month is at least <see cref="HotspotMinimum"/> and at least
/// <see cref="HotspotFactor"/> times its own average over the 11 months before.
/// Key cases (重点案件): group cases, red risk, overdue (open past the mediation deadline) or 特诊 — received this month or
/// still open.
/// </summary>
public sealed class AnalysisFigures(JiexinDbContext db, ITerritoryLookup territory, TimeProvider clock)
{
    public const int TrendMonths = 12;

    public const int HotspotMinimum = 3;

    public const double HotspotFactor = 1.5;

    public const int KeyCaseLimit = 100;

    public static readonly (string Key, string Label)[] Dimensions = [("type", "纠纷类型"), ("community", "村社区"), ("channel", "受理渠道"), ("tier", "分流层级")];

    /// <summary>The cases of the scope, as a query: all; the community's; a mediator's own (taken in, assigned to them, or to a room they lead).</summary>
    public async Task<IQueryable<Dispute>> CasesAsync(AnalysisScope scope, ClaimsPrincipal user, CancellationToken ct)
    {
        var cases = db.Set<Dispute>().AsNoTracking();
        if (scope.Kind == AnalysisScopeKind.Street)
        {
            return cases;
        }

        if (scope.Kind == AnalysisScopeKind.Community)
        {
            return cases.Where(d => d.CommunityId == scope.CommunityId);
        }

        var me = user.GetUserId() ?? Guid.Empty;
        var rooms = await db.Set<MediationRoom>().AsNoTracking().Where(r => r.LeadUserId == me).Select(r => r.Id).ToArrayAsync(ct);
        return cases.Where(d => d.CreatedByUserId == me || d.ReceiverUserId == me
            || (d.ReceiverRoomId != null && Enumerable.Contains(rooms, d.ReceiverRoomId.Value)));
    }

    public async Task<AnalysisFiguresDto> ComputeAsync(string month, AnalysisScope scope, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var first = ReportMonths.FirstDay(month);
        var labels = Enumerable.Range(0, TrendMonths).Select(i => first.AddMonths(i - TrendMonths + 1).ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToArray();
        var (trendStart, _) = ReportMonths.Bounds(labels[0]);
        var (from, to) = ReportMonths.Bounds(month);
        var cases = await CasesAsync(scope, user, ct);
        var open = DisputeWorkflow.Open.ToArray();

        var rows = await cases
            .Where(d => (d.CreatedAt >= trendStart && d.CreatedAt < to) || (d.ClosedAt >= from && d.ClosedAt < to) || Enumerable.Contains(open, d.Status))
            .Select(d => new Row(d.Id, d.CaseNumber, d.CreatedAt, d.ClosedAt, d.Status, d.Outcome, d.TypeCode, d.TypeName, d.CommunityId, d.Channel, d.Tier,
                d.IsGroup, d.Risk, d.DueAt, d.Referrals.Any(r => r.ReferredAt >= from && r.ReferredAt < to)))
            .ToListAsync(ct);

        string MonthOf(DateTime utc) => ChinaTime.FromUtc(utc).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var received = rows.Where(r => r.CreatedAt >= trendStart && r.CreatedAt < to).Select(r => (Row: r, Month: MonthOf(r.CreatedAt))).ToList();
        var index = labels.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i);

        var breakdowns = new List<Breakdown>();
        foreach (var (key, label) in Dimensions)
        {
            var lines = received
                .GroupBy(x => KeyOf(key, x.Row))
                .Select(g =>
                {
                    var months = new int[TrendMonths];
                    foreach (var x in g)
                    {
                        months[index[x.Month]]++;
                    }

                    var prior = months.Take(TrendMonths - 1).Average();
                    var thisMonth = months[^1];
                    return new BreakdownRow(g.Key, NameOf(key, g.Key, g.First().Row), months, thisMonth, Math.Round(prior, 2),
                        thisMonth >= HotspotMinimum && thisMonth >= HotspotFactor * prior);
                })
                .OrderByDescending(r => r.ThisMonth).ThenByDescending(r => r.Months.Sum()).ThenBy(r => r.Name, StringComparer.Ordinal)
                .ToList();
            breakdowns.Add(new Breakdown(key, label, lines));
        }

        var hotspots = breakdowns.Where(b => b.Dimension is "type" or "community")
            .SelectMany(b => b.Rows.Where(r => r.Rising).Select(r => new Hotspot(b.Dimension, b.Label, r.Name, r.ThisMonth, r.PriorAverage)))
            .OrderByDescending(h => h.ThisMonth - h.PriorAverage).ToList();

        var inMonth = rows.Where(r => r.CreatedAt >= from && r.CreatedAt < to).ToList();
        var closed = rows.Where(r => r.Status == DisputeStatus.Closed && r.ClosedAt >= from && r.ClosedAt < to).ToList();
        var successful = closed.Count(r => r.Outcome is DisputeOutcome.Agreement or DisputeOutcome.PartialAgreement or DisputeOutcome.ResolvedByReferral);
        var failed = closed.Count(r => r.Outcome is DisputeOutcome.Failed or DisputeOutcome.UnresolvedByReferral);
        var previous = labels[^2];
        var openNow = rows.Where(r => open.Contains(r.Status)).ToList();
        var consultations = await db.Set<Consultation>().AsNoTracking()
            .Where(c => c.At >= from && c.At < to)
            .Where(c => scope.Kind != AnalysisScopeKind.Community || c.CommunityId == scope.CommunityId)
            .CountAsync(ct);
        var totals = new AnalysisTotals(
            inMonth.Count, received.Count(x => x.Month == previous), closed.Count, successful, failed,
            closed.Count(r => r.Outcome == DisputeOutcome.Withdrawn), rows.Count(r => r.ReferredInMonth), inMonth.Count(r => r.IsGroup),
            openNow.Count, openNow.Count(r => r.DueAt < now), scope.Kind == AnalysisScopeKind.Mediator ? 0 : consultations,
            successful + failed == 0 ? null : Math.Round(100.0 * successful / (successful + failed), 1));

        var keyCases = rows
            .Where(r => (r.CreatedAt >= from && r.CreatedAt < to) || open.Contains(r.Status))
            .Select(r => (Row: r, Reasons: Reasons(r, now, open)))
            .Where(x => x.Reasons.Count > 0)
            .OrderByDescending(x => x.Reasons.Count).ThenByDescending(x => x.Row.CreatedAt)
            .Take(KeyCaseLimit)
            .Select(x => new KeyCase(x.Row.Id, x.Row.CaseNumber, x.Row.TypeName, CommunityName(x.Row.CommunityId), DisputeRules.StatusName(x.Row.Status),
                x.Row.Tier is { } t ? DisputeRules.TierName(t) : null, x.Reasons, x.Row.CreatedAt, x.Row.DueAt))
            .ToList();

        return new AnalysisFiguresDto(month, labels, [.. labels.Select(m => received.Count(x => x.Month == m))], totals, breakdowns, hotspots, keyCases,
            now, to <= now);
    }

    private static List<string> Reasons(Row r, DateTime now, DisputeStatus[] open)
    {
        var reasons = new List<string>();
        if (r.IsGroup)
        {
            reasons.Add("群体性");
        }

        if (r.Risk == RiskLevel.Red)
        {
            reasons.Add("红色风险");
        }

        if (open.Contains(r.Status) && r.DueAt < now)
        {
            reasons.Add("超期");
        }

        if (r.Tier == TriageTier.Special)
        {
            reasons.Add("特诊");
        }

        return reasons;
    }

    private static string KeyOf(string dimension, Row r) => dimension switch
    {
        "type" => r.TypeCode,
        "community" => r.CommunityId?.ToString() ?? "",
        "channel" => r.Channel.ToString(),
        _ => r.Tier?.ToString() ?? "",
    };

    private string NameOf(string dimension, string key, Row r) => dimension switch
    {
        "type" => r.TypeName,
        "community" => CommunityName(r.CommunityId),
        "channel" => DisputeRules.ChannelName(r.Channel),
        _ => r.Tier is { } t ? DisputeRules.TierName(t) : "未分流",
    };

    public string CommunityName(Guid? id) =>
        id is { } c ? territory.Communities.FirstOrDefault(x => x.Id == c)?.Name ?? "（已撤销的社区）" : "街道（未定社区）";

    private sealed record Row(
        Guid Id, string CaseNumber, DateTime CreatedAt, DateTime? ClosedAt, DisputeStatus Status, DisputeOutcome? Outcome, string TypeCode, string TypeName,
        Guid? CommunityId, DisputeChannel Channel, TriageTier? Tier, bool IsGroup, RiskLevel Risk, DateTime? DueAt, bool ReferredInMonth);
}
