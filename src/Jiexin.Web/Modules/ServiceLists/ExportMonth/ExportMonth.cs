using System.Security.Claims;
using Jiexin.Modules.ServiceLists.Domain;
using Jiexin.Platform.Calendar;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Jiexin.Modules.ServiceLists.ExportMonth;

/// <summary>导出 a month's three lists (one sheet each) with the list page's filters; contact phones stay masked.</summary>
public static class ExportMonth
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const int MaxRows = 50_000;

    public sealed class Handler(ListItems.ListItems.Handler list, TimeProvider clock)
    {
        public async Task<byte[]> Handle(ListItems.ListItems.Query query, ClaimsPrincipal user, CancellationToken ct)
        {
            var items = await list.Filtered(query with { Kind = null }, user).OrderBy(i => i.CommunityId).ThenBy(i => i.GridId).ThenBy(i => i.CreatedAt)
                .Take(MaxRows).ToListAsync(ct);
            var today = ChinaTime.Today(clock);
            List<Dictionary<string, object?>> Sheet(ListKind kind)
            {
                var rows = items.Where(i => i.Kind == kind).Select(i =>
                {
                    var row = list.ToRow(i, today);
                    var cells = new Dictionary<string, object?>
                    {
                        ["月份"] = row.Month,
                        ["村社区 / 网格"] = row.PlaceName,
                        ["名称"] = row.Title,
                        ["类别"] = row.Category,
                    };
                    if (kind == ListKind.Need)
                    {
                        cells["来源"] = i.Source is { } s ? ListRules.Name(s) : null;
                    }

                    if (kind == ListKind.Resource)
                    {
                        cells["资源类型"] = i.ResourceKind is { } rk ? ListRules.Name(rk) : null;
                        cells["可提供服务"] = i.Offer;
                        cells["服务能力"] = i.Capacity;
                        cells["联系人"] = i.ContactName;
                        cells["联系电话"] = i.ContactPhoneMasked;
                    }

                    cells["责任人"] = row.OwnerName;
                    cells["办结时限"] = row.Deadline.ToString("yyyy-MM-dd");
                    cells["状态"] = row.StatusName;
                    cells["销号时间"] = row.ClosedAt is { } closed ? ChinaTime.FromUtc(closed).ToString("yyyy-MM-dd HH:mm") : null;
                    cells["按期"] = row.ClosedOnTime switch { true => "是", false => "否", _ => null };
                    cells["办结佐证"] = i.Evidence;
                    cells["结转次数"] = row.CarryOvers;
                    return cells;
                }).ToList();
                if (rows.Count == 0)
                {
                    rows.Add(new Dictionary<string, object?> { ["名称"] = "（无）" });
                }

                return rows;
            }

            var sheets = new Dictionary<string, object>
            {
                ["群众需求清单"] = Sheet(ListKind.Need),
                ["治理资源清单"] = Sheet(ListKind.Resource),
                ["服务项目清单"] = Sheet(ListKind.Service),
            };
            using var stream = new MemoryStream();
            stream.SaveAs(sheets, excelType: ExcelType.XLSX);
            return stream.ToArray();
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder lists) =>
        lists.MapGet("/export", async ([AsParameters] ListItems.ListItems.Query q, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var content = await handler.Handle(q, user, ct);
                var name = $"三张清单_{(string.IsNullOrWhiteSpace(q.Month) ? "全部" : q.Month)}.xlsx";
                return TypedResults.File(content, XlsxContentType, name);
            })
            .WithName("ServiceLists.ExportMonth");
}
