using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Platform.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Jiexin.Modules.Registry.ExportPeople;

/// <summary>
/// 导出实有人口 with the list's filters, masked like the screen (the export is not a way round the reveal). Audited
/// as an action: who exported how many rows with which filters.
/// </summary>
public static class ExportPeople
{
    public const string AuditAction = "RegistryPeopleExported";
    public const int MaxRows = 200_000;

    public sealed class Handler(JiexinDbContext db, ListPeople.ListPeople.Handler list, IAuditTrail audit, TimeProvider clock)
    {
        public async Task<(byte[] Content, int Rows)> Handle(ListPeople.ListPeople.Query query, ClaimsPrincipal user, CancellationToken ct)
        {
            var people = await list.Filtered(query, user).OrderBy(p => p.CommunityId).ThenBy(p => p.GridId).ThenBy(p => p.Name)
                .Take(MaxRows).ToListAsync(ct);
            var addressIds = people.Where(p => p.AddressId != null).Select(p => p.AddressId!.Value).Distinct().ToList();
            var labels = new Dictionary<Guid, string>();
            foreach (var chunk in addressIds.Chunk(500))
            {
                foreach (var a in await db.Set<StandardAddress>().AsNoTracking().Where(a => chunk.Contains(a.Id)).Select(a => new { a.Id, a.Label }).ToListAsync(ct))
                {
                    labels[a.Id] = a.Label;
                }
            }

            var rows = people.Select(p =>
            {
                var row = list.ToRow(p, p.AddressId is { } a ? labels.GetValueOrDefault(a) : null);
                return new Dictionary<string, object?>
                {
                    [PeopleFile.Name] = row.Name,
                    [PeopleFile.IdNumber] = row.IdNumber,
                    [PeopleFile.Phone] = row.Phone,
                    ["性别"] = row.Sex,
                    ["出生日期"] = row.BirthDate?.ToString("yyyy-MM-dd"),
                    [PeopleFile.Residence] = PersonRules.Display(row.ResidenceType),
                    [PeopleFile.Address] = row.Address,
                    [PeopleFile.Relation] = p.RelationToHouse is { } r ? PersonRules.Display(r) : null,
                    [PeopleFile.Tags] = string.Join("，", row.Tags),
                    ["村社区"] = row.CommunityName,
                    ["网格"] = row.GridName,
                    ["核查时间"] = row.VerifiedAt?.AddHours(8).ToString("yyyy-MM-dd"),
                };
            }).ToList();
            using var stream = new MemoryStream();
            if (rows.Count == 0)
            {
                rows.Add(new Dictionary<string, object?> { [PeopleFile.Name] = "（无符合条件的人员）" });
            }

            stream.SaveAs(rows, excelType: ExcelType.XLSX);
            await audit.RecordAsync(new AuditRecord(AuditAction)
            {
                EntityType = nameof(Person),
                Details = new Dictionary<string, object?>
                {
                    ["rows"] = people.Count,
                    ["communityId"] = query.CommunityId,
                    ["gridId"] = query.GridId,
                    ["residenceType"] = query.ResidenceType?.ToString(),
                    ["tag"] = query.Tag,
                    ["name"] = query.Name,
                    // An exact-number filter is itself personal data: record only that there was one.
                    ["numberFilter"] = !string.IsNullOrWhiteSpace(query.Number),
                    ["at"] = clock.GetUtcNow().UtcDateTime,
                },
            }, ct);
            return (stream.ToArray(), people.Count);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder people) =>
        people.MapGet("/export", async ([AsParameters] ListPeople.ListPeople.QueryParameters q, ClaimsPrincipal user, Handler handler, TimeProvider clock, CancellationToken ct) =>
            {
                var (content, _) = await handler.Handle(q.ToQuery(), user, ct);
                var name = $"实有人口_{clock.GetUtcNow().AddHours(8):yyyyMMdd_HHmm}.xlsx";
                return TypedResults.File(content, PeopleFile.XlsxContentType, name);
            })
            .WithName("Registry.ExportPeople");
}
