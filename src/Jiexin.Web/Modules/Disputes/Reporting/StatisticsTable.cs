using System.Globalization;
using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Disputes.Analysis;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Calendar;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Disputes.Reporting;

/// <summary>
/// 信息报送: 矛盾纠纷排查化解情况统计表 of one month, one line per community (and a 合计 line), in the layout the
/// subdistrict files upward — title, 填报单位/统计期间, header row, lines, 合计, 填表人/审核人/填报日期.
/// Received counts are cases received in the month; mediated/successful/amount are cases closed in the month;
/// referred are hand-overs made in the month; 排查发现 are cases found by grid screening (channel 网格排查).
/// </summary>
public static class StatisticsTable
{
    public sealed record Line(string Unit, int Screened, int Received, IReadOnlyList<int> ByType, int Mediated, int Successful, double? SuccessRate,
        decimal AgreementAmount, int Referred, int Group, int People, int Consultations);

    public sealed record Table(string Month, string ScopeName, IReadOnlyList<string> Types, IReadOnlyList<Line> Lines, Line Total);

    public sealed class Handler(JiexinDbContext db, AnalysisFigures figures, IOrgScope scopes, ITerritoryLookup territory, TimeProvider clock)
    {
        public async Task<AnalysisOutcome<Table>> Handle(string? month, ClaimsPrincipal user, CancellationToken ct)
        {
            if (AnalysisAccess.ScopeOf(user, scopes) is not { } scope)
            {
                return AnalysisOutcome<Table>.Forbidden();
            }

            if (GetAnalysis.Invalid(month, clock, out var m) is { } invalid)
            {
                return AnalysisOutcome<Table>.Invalid("month", invalid);
            }

            var (from, to) = ReportMonths.Bounds(m);
            var cases = await figures.CasesAsync(scope, user, ct);
            var rows = await cases
                .Where(d => (d.CreatedAt >= from && d.CreatedAt < to) || (d.ClosedAt >= from && d.ClosedAt < to) || d.Referrals.Any(r => r.ReferredAt >= from && r.ReferredAt < to))
                .Select(d => new
                {
                    d.CommunityId, d.CreatedAt, d.ClosedAt, d.Status, d.Outcome, d.TypeCode, d.TypeName, d.Channel, d.IsGroup, d.PeopleCount, d.Amount,
                    Referred = d.Referrals.Any(r => r.ReferredAt >= from && r.ReferredAt < to),
                })
                .ToListAsync(ct);
            var consultations = scope.Kind == AnalysisScopeKind.Mediator ? [] : await db.Set<Consultation>().AsNoTracking()
                .Where(c => c.At >= from && c.At < to && (scope.Kind != AnalysisScopeKind.Community || c.CommunityId == scope.CommunityId))
                .GroupBy(c => c.CommunityId).Select(g => new { CommunityId = g.Key, Count = g.Count() }).ToListAsync(ct);

            var types = await db.Set<DisputeType>().AsNoTracking().OrderBy(t => t.SortOrder).Select(t => new { t.Code, t.Name, t.IsActive }).ToListAsync(ct);
            var columns = types.Where(t => t.IsActive || rows.Any(r => r.TypeCode == t.Code)).Select(t => (t.Code, t.Name)).ToList();
            columns.AddRange(rows.Where(r => columns.All(c => c.Code != r.TypeCode)).Select(r => (r.TypeCode, r.TypeName)).Distinct());

            var units = scope.Kind == AnalysisScopeKind.Community
                ? [scope.CommunityId]
                : territory.Communities.Select(c => (Guid?)c.Id).ToList();
            if (scope.Kind != AnalysisScopeKind.Community && (rows.Any(r => r.CommunityId is null) || consultations.Any(c => c.CommunityId is null)))
            {
                units.Add(null);
            }

            var lines = new List<Line>();
            foreach (var unit in units)
            {
                var mine = rows.Where(r => r.CommunityId == unit).ToList();
                var received = mine.Where(r => r.CreatedAt >= from && r.CreatedAt < to).ToList();
                var closed = mine.Where(r => r.Status == DisputeStatus.Closed && r.ClosedAt >= from && r.ClosedAt < to).ToList();
                var successful = closed.Where(r => r.Outcome is DisputeOutcome.Agreement or DisputeOutcome.PartialAgreement or DisputeOutcome.ResolvedByReferral).ToList();
                var mediated = successful.Count + closed.Count(r => r.Outcome is DisputeOutcome.Failed or DisputeOutcome.UnresolvedByReferral);
                lines.Add(new Line(
                    figures.CommunityName(unit),
                    received.Count(r => r.Channel == DisputeChannel.GridDiscovery),
                    received.Count,
                    [.. columns.Select(c => received.Count(r => r.TypeCode == c.Code))],
                    mediated,
                    successful.Count,
                    Rate(successful.Count, mediated),
                    successful.Where(r => r.Outcome is DisputeOutcome.Agreement or DisputeOutcome.PartialAgreement).Sum(r => r.Amount ?? 0m),
                    mine.Count(r => r.Referred),
                    received.Count(r => r.IsGroup),
                    received.Sum(r => r.PeopleCount),
                    consultations.Where(c => c.CommunityId == unit).Sum(c => c.Count)));
            }

            var total = new Line("合计", lines.Sum(l => l.Screened), lines.Sum(l => l.Received),
                [.. columns.Select((_, i) => lines.Sum(l => l.ByType[i]))], lines.Sum(l => l.Mediated), lines.Sum(l => l.Successful),
                Rate(lines.Sum(l => l.Successful), lines.Sum(l => l.Mediated)), lines.Sum(l => l.AgreementAmount), lines.Sum(l => l.Referred),
                lines.Sum(l => l.Group), lines.Sum(l => l.People), lines.Sum(l => l.Consultations));
            var name = scope.Kind switch
            {
                AnalysisScopeKind.Community => figures.CommunityName(scope.CommunityId),
                AnalysisScopeKind.Mediator => $"{GetAnalysis.ActorName(user)}（本人承办）",
                _ => territory.Street?.Name ?? "街道",
            };
            return AnalysisOutcome<Table>.Ok(new Table(m, name, [.. columns.Select(c => c.Name)], lines, total));
        }

        private static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 1);
    }

    public const string Title = "矛盾纠纷排查化解情况统计表";

    /// <summary>The table as the government sheet: title, unit and period, header, lines, 合计, signature line.</summary>
    public static byte[] Excel(Table t)
    {
        var first = ReportMonths.FirstDay(t.Month);
        var last = first.AddMonths(1).AddDays(-1);
        string[] header = ["序号", "单位", "排查发现", "受理纠纷", .. t.Types, "调解结案", "调解成功", "调解成功率", "协议涉及金额（元）", "移交五调联动", "群体性纠纷", "涉及人数", "咨询解答"];
        var rows = new List<IReadOnlyList<object?>>
        {
            new object?[] { $"{t.ScopeName}{Title}" },
            new object?[] { $"填报单位：{t.ScopeName}", null, null, $"统计期间：{first:yyyy年M月d日}—{last:yyyy年M月d日}" },
            header,
        };
        rows.AddRange(t.Lines.Select((l, i) => Cells((i + 1).ToString(CultureInfo.InvariantCulture), l)));
        rows.Add(Cells("", t.Total));
        rows.Add([]);
        rows.Add(new object?[] { "填表人：", null, null, "审核人：", null, null, "填报日期：" });
        var sheet = Spreadsheets.Grid(rows);
        return Spreadsheets.Workbook(new Dictionary<string, object> { [$"{t.Month}统计表"] = sheet }, printHeader: false);
    }

    private static object?[] Cells(string number, Line l) =>
    [
        number, l.Unit, l.Screened, l.Received, .. l.ByType.Cast<object?>(), l.Mediated, l.Successful,
        l.SuccessRate is { } r ? r.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—", l.AgreementAmount, l.Referred, l.Group, l.People, l.Consultations,
    ];

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapGet("/statistics/{month}/excel", async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> (
                string month, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(month, user, ct);
                return outcome.Status switch
                {
                    AnalysisOutcomeStatus.Ok => TypedResults.File(Excel(outcome.Value!), Spreadsheets.XlsxContentType, $"{Title}_{outcome.Value!.Month}.xlsx"),
                    AnalysisOutcomeStatus.Invalid => Problems.Validation(outcome.Field!, outcome.Message!),
                    _ => TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status403Forbidden, title: Problems.TitleFor(403)),
                };
            })
            .RequireAuthorization(Policies.Staff)
            .WithName("Disputes.StatisticsTable");
}
