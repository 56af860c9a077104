using System.Globalization;
using System.Security.Claims;
using Jiexin.Platform.Calendar;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiexin.Modules.Analytics.MonthlyReport;

/// <summary>导出 Excel: the same report as the page (the frozen figures once final), one sheet per section.</summary>
public static class ExportReport
{
    public const string XlsxContentType = Spreadsheets.XlsxContentType;

    public sealed class Handler(GetReport.Handler reports)
    {
        public async Task<(byte[]? File, ReportOutcome Outcome)> Handle(string? month, ClaimsPrincipal user, CancellationToken ct)
        {
            var outcome = await reports.Handle(month, user, ct);
            if (outcome.Report is not { } report)
            {
                return (null, outcome);
            }

            var sheets = new Dictionary<string, object>
            {
                ["概况"] = Summary(report),
                ["大类"] = Categories(report.Figures),
                [report.Figures.UnitsLabel] = Units(report.Figures),
                ["研判意见"] = report.Commentary.InOrder().Select(c => new Dictionary<string, object?> { ["栏目"] = c.Label, ["内容"] = c.Text }).ToList(),
            };
            return (Spreadsheets.Workbook(sheets), outcome);
        }

        private static List<Dictionary<string, object?>> Summary(MonthlyReportDto r)
        {
            var f = r.Figures;
            var rows = new List<(string Item, object? Value)>
            {
                ("报告", $"{f.ScopeName} {f.Month} 月度研判报告"),
                ("状态", r.StatusName),
                ("数据时间", ChinaTime.FromUtc(f.ComputedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)),
                ("受理事件", f.Intake),
                ("办结事件", f.Closed),
                ("月末在办", f.OpenAtMonthEnd),
                ("月末超期", f.OverdueAtMonthEnd),
                ("上月受理", f.PreviousMonthIntake),
                ("去年同月受理", f.LastYearIntake),
                ("按期办结率", Percent(f.OnTimeCompletion)),
                ("满意率", Percent(f.Satisfaction)),
                ("网格化解", f.Tiers.Grid),
                ("村社区化解", f.Tiers.Community),
                ("街道化解", f.Tiers.Street),
                ("街道以上化解", f.Tiers.AboveStreet),
                ("小事不出村率", Percent(f.Tiers.InVillage)),
                ("大事不出镇率", Percent(f.Tiers.InTown)),
                ("矛盾纠纷受理", f.Disputes.Received),
                ("矛盾纠纷结案", f.Disputes.Closed),
                ("调解成功", f.Disputes.Successful),
                ("调解成功率", Percent(f.Disputes.SuccessRate)),
                ("移交五调联动", f.Disputes.Referred),
                ("预警（红/橙/黄）", $"{f.Warnings.Total}（{f.Warnings.Red}/{f.Warnings.Orange}/{f.Warnings.Yellow}）"),
            };
            rows.AddRange(f.Assessment.Top.Select(t => ($"考核前列·{f.Assessment.UnitsLabel}", (object?)$"第 {t.Rank} 名 {t.Name} {t.Score:0.##}")));
            rows.AddRange(f.Assessment.Bottom.Select(t => ($"考核靠后·{f.Assessment.UnitsLabel}", (object?)$"第 {t.Rank} 名 {t.Name} {t.Score:0.##}")));
            return [.. rows.Select(x => new Dictionary<string, object?> { ["项目"] = x.Item, ["数值"] = x.Value })];
        }

        private static List<Dictionary<string, object?>> Categories(ReportFigures f)
        {
            var rows = f.TopCategories.Select(c => new Dictionary<string, object?>
            {
                ["大类"] = c.Name,
                ["本月受理"] = c.Intake,
                ["上月受理"] = c.PreviousMonth,
                ["环比"] = Change(c.MonthOnMonth),
                ["去年同月"] = c.LastYear,
                ["同比"] = Change(c.YearOnYear),
            }).ToList();
            return rows.Count > 0 ? rows : [new Dictionary<string, object?> { ["大类"] = "（本月无受理）" }];
        }

        private static List<Dictionary<string, object?>> Units(ReportFigures f) =>
        [
            .. f.ByUnit.Select(u => new Dictionary<string, object?>
            {
                [f.UnitsLabel] = u.Name,
                ["受理"] = u.Intake,
                ["办结"] = u.Closed,
                ["月末在办"] = u.Open,
                ["月末超期"] = u.Overdue,
            }),
        ];
    }

    public static string Percent(Rate r) => r.Value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Change(double? ratio) => ratio is { } v ? (v >= 0 ? "+" : "") + (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapGet("/reports/{month}/excel", async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> (
                string month, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var (file, outcome) = await handler.Handle(month, user, ct);
                if (file is not null)
                {
                    return TypedResults.File(file, XlsxContentType, $"研判报告_{outcome.Report!.ScopeName}_{outcome.Report.Month}.xlsx");
                }

                return outcome.Status == ReportOutcomeStatus.Invalid
                    ? Problems.Validation(outcome.Field!, outcome.Message!)
                    : TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status403Forbidden, title: Problems.TitleFor(403));
            })
            .WithName("Analytics.ExportReport");
}
