using System.Globalization;
using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.Shared;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Jiexin.Platform.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using static Jiexin.Modules.Events.ImportEvents.HotlineOrderFile;

namespace Jiexin.Modules.Events.ImportEvents;

/// <summary>
/// 12345 热线工单批量导入: every row is validated first and every problem reported (row, column, zh-CN message); only
/// a file without a single problem is imported, in one transaction, as events of the channel Hotline12345. The order
/// number is the idempotency key (unique in <c>events_intake</c>), so importing the same file again creates nothing.
/// Runs in the background as a Platform import job (<see cref="HotlineImportJobs"/>); progress is polled from any instance.
/// </summary>
public static class ImportEvents
{
    public const long MaxFileBytes = 20L * 1024 * 1024;
    public const int MaxRows = 20_000;
    private const int ChunkSize = 250;

    internal sealed record ValidRow(int Row, string OrderNo, DateTime ReceivedAtUtc, string Description, string? Address,
        double? Latitude, double? Longitude, GridLocation? Location, string? ContactName, string? ContactPhone);

    public sealed class Handler(JiexinDbContext db, ReportEvent.ReportEvent.Handler intake, IGridLocator locator, TimeProvider clock)
    {
        public async Task RunAsync(ImportJobRun job, byte[] content, ClaimsPrincipal user, CancellationToken ct)
        {
            var (rows, fileError) = Read(content, job.View.FileName);
            if (rows is null || rows.Count == 0)
            {
                await FinishAsync(job, ImportState.Invalid, errors: [new ImportRowError(1, "", fileError ?? "文件中没有工单（第 2 行起为数据）。")]);
                return;
            }

            if (rows.Count > MaxRows)
            {
                await FinishAsync(job, ImportState.Invalid, errors: [new ImportRowError(1, "", $"一次最多导入 {MaxRows} 条工单，请拆分文件。")]);
                return;
            }

            // 1. Validate everything; report every problem at once.
            var errors = new List<ImportRowError>();
            var valid = new List<ValidRow>();
            var firstRowOfOrder = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var now = Now();
            for (var i = 0; i < rows.Count; i++)
            {
                if (Validate(rows[i], firstRowOfOrder, now, errors) is { } row)
                {
                    valid.Add(row);
                }

                if (i % 100 == 0)
                {
                    job.Progress(nameof(ImportState.Validating), i + 1, rows.Count);
                }
            }

            if (errors.Count > 0)
            {
                await FinishAsync(job, ImportState.Invalid, errors: errors,
                    message: $"共 {rows.Count} 行，{errors.Select(e => e.Row).Distinct().Count()} 行有误，未导入任何工单。请修改后重新上传。");
                return;
            }

            // 2. Orders imported before are skipped: the same file twice is one set of events.
            var orderNos = valid.Select(r => r.OrderNo).ToList();
            var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var chunk in orderNos.Chunk(500))
            {
                known.UnionWith(await db.Set<EventIntakeDetails>().AsNoTracking()
                    .Where(x => x.ExternalOrderNo != null && chunk.Contains(x.ExternalOrderNo))
                    .Select(x => x.ExternalOrderNo!).ToListAsync(ct));
            }

            var fresh = valid.Where(r => !known.Contains(r.OrderNo)).ToList();
            job.Progress(nameof(ImportState.Importing), 0, fresh.Count);

            // 3. All new orders in one transaction, saved in chunks so progress moves and the tracker stays small.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                for (var i = 0; i < fresh.Count; i++)
                {
                    var r = fresh[i];
                    var at = Now();
                    var e = await intake.NewEventAsync(Guid.CreateVersion7(at), r.Description, r.Latitude, r.Longitude, r.Address, r.Location,
                        EventChannel.Hotline12345, user, isResident: false, anonymous: false, key: "12345:" + r.OrderNo, hash: null, at, ct);
                    e.Timeline[0].Note = $"{ReportEvent.ReportEvent.ChannelName(EventChannel.Hotline12345)} · 工单 {r.OrderNo}";
                    db.Add(e);
                    db.Add(intake.ContactDetails(e.Id, r.ContactName, r.ContactPhone, r.OrderNo, r.ReceivedAtUtc));
                    if ((i + 1) % ChunkSize == 0 || i == fresh.Count - 1)
                    {
                        await db.SaveChangesAsync(ct);
                        db.ChangeTracker.Clear();
                        job.Progress(nameof(ImportState.Importing), i + 1, fresh.Count);
                    }
                }

                // "Succeeded" commits with the events: a job shown as interrupted (its lease lost) can never have saved any.
                var message = known.Count == 0 ? $"已导入 {fresh.Count} 条工单。" : $"已导入 {fresh.Count} 条工单，{known.Count} 条此前已导入，已跳过。";
                if (!await job.StageFinishAsync(db, v => HotlineImportJobs.Final(v, ImportState.Succeeded, fresh.Count, known.Count, message), ct))
                {
                    await tx.RollbackAsync(CancellationToken.None);
                    await FinishAsync(job, ImportState.Failed, message: ImportJobs.InterruptedMessage);
                    return;
                }

                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException)
            {
                await tx.RollbackAsync(CancellationToken.None);
                await FinishAsync(job, ImportState.Failed, skipped: known.Count,
                    message: "有工单正被同时导入（工单编号重复），本次未保存任何工单。请重新上传同一文件：已导入的工单会自动跳过。");
                return;
            }

            job.CompleteStaged();
        }

        private static Task FinishAsync(ImportJobRun job, ImportState state, int created = 0, int skipped = 0, string? message = null,
            IReadOnlyList<ImportRowError>? errors = null) =>
            job.FinishAsync(v => HotlineImportJobs.Final(v, state, created, skipped, message, errors));

        private DateTime Now() => clock.GetUtcNow().UtcDateTime;

        private ValidRow? Validate(HotlineOrderRow row, Dictionary<string, int> firstRowOfOrder, DateTime now, List<ImportRowError> errors)
        {
            var before = errors.Count;
            void Error(string column, string message) => errors.Add(new ImportRowError(row.RowNumber, column, message));

            var orderNo = row[OrderNo];
            if (orderNo is null)
            {
                Error(OrderNo, "工单编号不能为空。");
            }
            else if (orderNo.Length > 50 || !orderNo.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                Error(OrderNo, "工单编号只能包含字母、数字、“-”和“_”，最长 50 位。");
            }
            else if (firstRowOfOrder.TryGetValue(orderNo, out var first))
            {
                Error(OrderNo, $"与第 {first} 行的工单编号重复。");
            }
            else
            {
                firstRowOfOrder[orderNo] = row.RowNumber;
            }

            DateTime received = default;
            if (row[ReceivedAt] is not { } receivedText)
            {
                Error(ReceivedAt, "来电时间不能为空。");
            }
            else if (ParseChinaTime(receivedText) is not { } parsed)
            {
                Error(ReceivedAt, "来电时间格式不正确，应如 2026-11-29 09:30。");
            }
            else if (parsed > now.AddMinutes(10))
            {
                Error(ReceivedAt, "来电时间不能晚于现在。");
            }
            else
            {
                received = parsed;
            }

            var description = row[Description];
            if (description is null || description.Length < ReportEvent.ReportEvent.MinDescription)
            {
                Error(Description, $"诉求内容不能少于 {ReportEvent.ReportEvent.MinDescription} 个字。");
            }
            else if (description.Length > ReportEvent.ReportEvent.MaxDescription)
            {
                Error(Description, $"诉求内容不能超过 {ReportEvent.ReportEvent.MaxDescription} 个字。");
            }

            var address = row[Address];
            if (address is { Length: > 200 })
            {
                Error(Address, "地址不能超过 200 个字。");
            }

            if (row[ContactName] is { Length: > ReportEvent.ReportEvent.MaxContactName })
            {
                Error(ContactName, $"联系人不能超过 {ReportEvent.ReportEvent.MaxContactName} 个字。");
            }

            var phone = row[ContactPhone];
            if (phone is not null && ContactPhones.Normalise(phone) is null)
            {
                Error(ContactPhone, "联系电话格式不正确（7 到 15 位数字）。");
            }

            double? lat = null, lng = null;
            GridLocation? location = null;
            var latText = row[Latitude];
            var lngText = row[Longitude];
            if (latText is null != lngText is null)
            {
                Error(latText is null ? Latitude : Longitude, "纬度和经度须同时填写。");
            }
            else if (latText is not null && lngText is not null)
            {
                lat = ParseNumber(latText);
                lng = ParseNumber(lngText);
                if (lat is not { } la || !GeoCoordinates.IsValidLatitude(la))
                {
                    Error(Latitude, "纬度须是 -90 到 90 之间的数字。");
                }
                else if (lng is not { } lo || !GeoCoordinates.IsValidLongitude(lo))
                {
                    Error(Longitude, "经度须是 -180 到 180 之间的数字。");
                }
                else if ((location = locator.Locate(la, lo)) is null)
                {
                    Error(Latitude, "该位置不在本街道范围内。");
                }
            }
            else if (address is null)
            {
                Error(Address, "请填写地址，或同时填写纬度和经度。");
            }

            return errors.Count > before
                ? null
                : new ValidRow(row.RowNumber, orderNo!, received, description!, address, lat, lng, location, row[ContactName], phone);
        }

        private static readonly string[] TimeFormats =
        [
            "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd H:mm", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm", "yyyy/MM/dd HH:mm",
            "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd", "yyyy/M/d", "yyyy年M月d日 H:mm", "yyyy年M月d日 H时m分", "yyyy年M月d日",
        ];

        /// <summary>China time (UTC+8, no daylight saving) as written in the file → UTC. Excel serial numbers too.</summary>
        internal static DateTime? ParseChinaTime(string text)
        {
            if (DateTime.TryParseExact(text.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
            {
                return DateTime.SpecifyKind(local.AddHours(-8), DateTimeKind.Utc);
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20_000 and < 80_000)
            {
                return DateTime.SpecifyKind(DateTime.FromOADate(serial).AddHours(-8), DateTimeKind.Utc);
            }

            return null;
        }

        private static double? ParseNumber(string text) =>
            double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
    }

    public static void Map(RouteGroupBuilder events)
    {
        var imports = events.MapGroup("/imports").RequireAuthorization(p => p.RequireRole(Roles.Commander));

        imports.MapGet("/template", (string? format) => format?.ToLowerInvariant() == "csv"
                ? TypedResults.File(TemplateCsv(), "text/csv; charset=utf-8", "12345工单导入模板.csv")
                : TypedResults.File(TemplateXlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "12345工单导入模板.xlsx"))
            .WithName("Events.ImportTemplate");

        imports.MapPost("/", async Task<Results<Accepted<ImportJobDto>, ValidationProblem>> (
                HttpRequest request, ClaimsPrincipal user, HotlineImportJobs jobs, CancellationToken ct) =>
            {
                if (!request.HasFormContentType)
                {
                    return Problems.Validation("file", "请以 multipart/form-data 上传文件（字段名 file）。");
                }

                var form = await request.ReadFormAsync(ct);
                if (form.Files.GetFile("file") is not { } file || file.Length == 0)
                {
                    return Problems.Validation("file", "请选择要导入的 .xlsx 或 .csv 文件。");
                }

                if (file.Length > MaxFileBytes)
                {
                    return Problems.Validation("file", $"文件不能超过 {MaxFileBytes / 1024 / 1024} MB。");
                }

                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                var job = await jobs.StartAsync(buffer.ToArray(), Path.GetFileName(file.FileName), user, ct);
                return TypedResults.Accepted($"/api/v1/events/imports/{job.Id}", job);
            })
            .Accepts<IFormFile>("multipart/form-data")
            .WithName("Events.ImportEvents");

        imports.MapGet("/{id:guid}", async Task<Results<Ok<ImportJobDto>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, HotlineImportJobs jobs, CancellationToken ct) =>
                await jobs.FindAsync(id, user, ct) is { } job ? TypedResults.Ok(job) : Problems.NotFound("未找到该导入任务。"))
            .WithName("Events.GetImport");
    }
}
