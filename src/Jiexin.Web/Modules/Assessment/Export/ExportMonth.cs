using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Assessment.GetMonth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniExcelLibs;

namespace Jiexin.Modules.Assessment.Export;

/// <summary>导出 one month's assessment (departments, communities, grids: one sheet each) in the caller's scope.</summary>
public static class ExportMonth
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public sealed class Handler(GetMonth.GetMonth.Handler months)
    {
        /// <summary>Null with the refusal when the caller may not read or the month is invalid.</summary>
        public async Task<(byte[]? File, GetMonth.GetMonth.Outcome Outcome)> Handle(string month, ClaimsPrincipal user, CancellationToken ct)
        {
            var sheets = new Dictionary<string, object>();
            GetMonth.GetMonth.Outcome? last = null;
            foreach (var (kind, sheet) in new[] { (OrgUnitKind.Department, "部门"), (OrgUnitKind.Community, "村社区"), (OrgUnitKind.Grid, "网格") })
            {
                last = await months.Handle(month, kind.ToString(), user, ct);
                if (last.Status != GetMonth.GetMonth.Status.Ok)
                {
                    return (null, last);
                }

                sheets[sheet] = Rows(last.Month!);
            }

            using var stream = new MemoryStream();
            stream.SaveAs(sheets, excelType: ExcelType.XLSX);
            return (stream.ToArray(), last!);
        }

        private static List<Dictionary<string, object?>> Rows(AssessmentMonthDto m)
        {
            var rows = m.Rows.Select(r =>
            {
                var cells = new Dictionary<string, object?>
                {
                    ["月份"] = m.Month,
                    ["排名"] = r.Rank,
                    ["参与排名"] = r.RankedCount,
                    ["单位"] = r.ParentName is null ? r.UnitName : $"{r.ParentName} / {r.UnitName}",
                    ["得分"] = r.Score,
                };
                foreach (var measure in r.Measures)
                {
                    cells[$"{measure.Name}（%）"] = measure.Rate is { } rate ? Math.Round(rate * 100, 2) : null;
                    cells[$"{measure.Name}·分子/分母"] = $"{measure.Numerator}/{measure.Denominator}";
                    cells[$"{measure.Name}·权重"] = measure.Weight;
                }

                cells["包干领导"] = string.Join("、", r.Leaders);
                cells["考核规则"] = $"第 {m.Rules.Number} 版";
                cells["状态"] = m.IsClosed ? "已封存" : "实时（未封存）";
                return cells;
            }).ToList();
            if (rows.Count == 0)
            {
                rows.Add(new Dictionary<string, object?> { ["单位"] = "（无）" });
            }

            return rows;
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapGet("/months/{month}/export", async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> (
                string month, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var (file, outcome) = await handler.Handle(month, user, ct);
                if (file is not null)
                {
                    return TypedResults.File(file, XlsxContentType, $"考核_{outcome.Month!.Month}.xlsx");
                }

                return outcome.Status == GetMonth.GetMonth.Status.Invalid
                    ? Problems.Validation(outcome.Field!, outcome.Message!)
                    : TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status403Forbidden, title: Problems.TitleFor(403));
            })
            .WithName("Assessment.ExportMonth");
}
