using System.Globalization;
using System.Security.Claims;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Calendar;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiexin.Modules.Disputes.Analysis;

/// <summary>导出 Excel: the same analysis as the page, one sheet per section (概况, 趋势, one per breakdown, 热点, 重点案件, 研判结论, 工作措施).</summary>
public static class ExportAnalysis
{
    public sealed class Handler(GetAnalysis.Handler analysis)
    {
        public async Task<(byte[]? File, AnalysisOutcome<AnalysisDto> Outcome)> Handle(string? month, ClaimsPrincipal user, CancellationToken ct)
        {
            var outcome = await analysis.Handle(month, user, ct);
            return outcome.Value is { } a ? (Spreadsheets.Workbook(Sheets(a)), outcome) : (null, outcome);
        }
    }

    public static Dictionary<string, object> Sheets(AnalysisDto a)
    {
        var f = a.Figures;
        var t = f.Totals;
        var sheets = new Dictionary<string, object>
        {
            ["概况"] = Pairs(
                ("范围", a.ScopeName),
                ("月份", a.Month),
                ("数据时间", Local(f.ComputedAt)),
                ("本月受理", t.Received),
                ("上月受理", t.PreviousMonthReceived),
                ("本月结案", t.Closed),
                ("调解成功", t.Successful),
                ("调解不成功", t.Failed),
                ("撤回", t.Withdrawn),
                ("调解成功率", Percent(t.SuccessRate)),
                ("移交五调联动", t.Referred),
                ("群体性纠纷", t.Group),
                ("在办", t.OpenNow),
                ("超期在办", t.OverdueNow),
                ("咨询解答", t.Consultations)),
            ["趋势"] = f.Months.Select((m, i) => new Dictionary<string, object?> { ["月份"] = m, ["受理"] = f.ReceivedTrend[i] }).ToList(),
        };
        foreach (var b in f.Breakdowns)
        {
            sheets[b.Label] = b.Rows.Count == 0
                ? [new Dictionary<string, object?> { [b.Label] = "（无受理）" }]
                : b.Rows.Select(r =>
                {
                    var row = new Dictionary<string, object?> { [b.Label] = r.Name };
                    for (var i = 0; i < f.Months.Count; i++)
                    {
                        row[f.Months[i]] = r.Months[i];
                    }

                    row["前11月月均"] = r.PriorAverage;
                    row["热点"] = r.Rising ? "是" : "";
                    return row;
                }).ToList();
        }

        sheets["热点"] = f.Hotspots.Count == 0
            ? [new Dictionary<string, object?> { ["维度"] = "（本月无热点）" }]
            : f.Hotspots.Select(h => new Dictionary<string, object?> { ["维度"] = h.DimensionLabel, ["名称"] = h.Name, ["本月"] = h.ThisMonth, ["前11月月均"] = h.PriorAverage }).ToList();
        sheets["重点案件"] = f.KeyCases.Count == 0
            ? [new Dictionary<string, object?> { ["案号"] = "（无）" }]
            : f.KeyCases.Select(k => new Dictionary<string, object?>
            {
                ["案号"] = k.CaseNumber, ["类型"] = k.TypeName, ["村社区"] = k.CommunityName, ["状态"] = k.StatusName, ["层级"] = k.TierName,
                ["重点原因"] = string.Join("、", k.Reasons), ["受理时间"] = Local(k.CreatedAt), ["调解期限"] = k.DueAt is { } d ? Local(d) : "",
            }).ToList();
        sheets["研判结论"] = Pairs(
            ("会议日期", a.Meeting.HeldOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ""),
            ("参会人员", a.Meeting.Participants),
            ("研判结论", a.Meeting.Conclusions));
        sheets["工作措施"] = a.Measures.Count == 0
            ? [new Dictionary<string, object?> { ["措施"] = "（无）" }]
            : a.Measures.Select(m => new Dictionary<string, object?>
            {
                ["措施"] = m.Content, ["责任单位"] = m.OwnerUnit, ["完成时限"] = m.Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["状态"] = m.StatusName + (m.Overdue ? "（超期）" : ""), ["落实情况"] = m.DoneNote ?? "", ["提出月份"] = m.Month,
            }).ToList();
        return sheets;
    }

    private static List<Dictionary<string, object?>> Pairs(params (string Item, object? Value)[] rows) =>
        [.. rows.Select(x => new Dictionary<string, object?> { ["项目"] = x.Item, ["数值"] = x.Value })];

    public static string Percent(double? percent) => percent is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Local(DateTime utc) => ChinaTime.FromUtc(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapGet("/analysis/{month}/excel", async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> (
                string month, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var (file, outcome) = await handler.Handle(month, user, ct);
                return outcome.Status switch
                {
                    AnalysisOutcomeStatus.Ok => TypedResults.File(file!, Spreadsheets.XlsxContentType, $"矛盾纠纷分析研判_{outcome.Value!.Month}.xlsx"),
                    AnalysisOutcomeStatus.Invalid => Problems.Validation(outcome.Field!, outcome.Message!),
                    _ => TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status403Forbidden, title: Problems.TitleFor(403)),
                };
            })
            .RequireAuthorization(Policies.Staff)
            .WithName("Disputes.ExportAnalysis");
}
