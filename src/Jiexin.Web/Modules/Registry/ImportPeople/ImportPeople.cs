using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Platform.Audit;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Jiexin.Platform.Jobs;
using Jiexin.Platform.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Jiexin.Modules.Registry.ImportPeople;

/// <summary>
/// 实有人口批量导入 (docs/decisions/0025-registry.md): every row validated (GB 11643 checksum, mobile, residence type,
/// standard address known and in scope, duplicate ID number in the file or already registered), a preview, then
/// all-or-nothing or valid-rows-only; a downloadable error report. Rows are sealed (encrypted, blind-indexed) in
/// parallel and inserted in batches inside one transaction with change detection off.
/// </summary>
public static class ImportPeople
{
    public const long MaxFileBytes = 50L * 1024 * 1024;
    public const int MaxRows = 200_000;
    private const int BatchSize = 2_000;
    public const string AuditAction = "RegistryPeopleImported";

    private sealed record Parsed(int Row, ValidPerson Person, Placement Placement, Guid? AddressId, string? AddressLabel, HouseRelation? Relation);

    public sealed class Handler(JiexinDbContext db, RegistryScope scope, PersonalDataSealer sealer, IAuditTrail audit, TimeProvider clock)
    {
        /// <summary>Checks the file; true when the job now waits for a mode (its rows kept in memory), false when it is rejected.</summary>
        public async Task<bool> ValidateAsync(ImportJobRun job, byte[] content, ClaimsPrincipal user, CancellationToken ct)
        {
            using var stream = new MemoryStream(content, writable: false);
            var (rows, fileError) = PeopleFile.Read(stream);
            if (rows is null || rows.Count == 0)
            {
                await RejectFileAsync(job, 0, fileError ?? "文件中没有人员（第 2 行起为数据）。", fileError ?? "文件中没有人员，未导入任何数据。");
                return false;
            }

            if (rows.Count > MaxRows)
            {
                await RejectFileAsync(job, rows.Count, $"一次最多导入 {MaxRows} 人，请拆分文件。", $"一次最多导入 {MaxRows} 人，请拆分文件。");
                return false;
            }

            // Addresses the user may file people at, by their label without spaces.
            var filter = scope.FilterFor(user);
            var addresses = (await db.Set<StandardAddress>().AsNoTracking().InScope(filter)
                    .Select(a => new { a.Id, a.Label, a.CommunityId, a.GridId }).ToListAsync(ct))
                .ToDictionary(a => a.Label, StringComparer.Ordinal);
            var fallback = scope.PlacementOf(user);
            var today = DateOnly.FromDateTime(Now().AddHours(8));

            var errors = new List<PeopleImportError>();
            var parsed = new List<Parsed>(rows.Count);
            var firstRowOfId = new Dictionary<string, int>(StringComparer.Ordinal);
            var fieldErrors = new Dictionary<string, string>();
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                var before = errors.Count;
                void Error(string column, string message) => errors.Add(new PeopleImportError(row.RowNumber, column, message));

                var residence = ResidenceType.Household;
                if (row[PeopleFile.Residence] is { } residenceText)
                {
                    if (PersonRules.ParseResidence(residenceText) is { } r)
                    {
                        residence = r;
                    }
                    else
                    {
                        Error(PeopleFile.Residence, "人口类型应为：户籍人口、流动人口或境外人员。");
                    }
                }

                HouseRelation? relation = null;
                if (row[PeopleFile.Relation] is { } relationText && (relation = PersonRules.ParseRelation(relationText)) is null)
                {
                    Error(PeopleFile.Relation, "与房屋关系应为：户主/产权人、家庭成员、租户或其他。");
                }

                var placement = fallback;
                Guid? addressId = null;
                string? label = null;
                if (row[PeopleFile.Address] is { } addressText)
                {
                    if (addresses.TryGetValue(SaveAddress.CreateAddress.Normalise(addressText), out var address))
                    {
                        (placement, addressId, label) = (new Placement(address.CommunityId, address.GridId), address.Id, address.Label);
                    }
                    else
                    {
                        Error(PeopleFile.Address, "标准地址不存在或不在您的辖区内（须与标准地址库中的地址完全一致）。");
                    }
                }

                fieldErrors.Clear();
                var person = PersonRules.Validate(new PersonFields
                {
                    Name = row[PeopleFile.Name],
                    IdNumber = row[PeopleFile.IdNumber],
                    Phone = row[PeopleFile.Phone],
                    ResidenceType = residence,
                    Tags = PersonRules.SplitTags(row[PeopleFile.Tags]),
                    Note = row[PeopleFile.Note],
                }, today, fieldErrors);
                foreach (var (field, message) in fieldErrors)
                {
                    Error(Column(field), message);
                }

                if (person?.IdNumber is { } idNumber)
                {
                    if (firstRowOfId.TryGetValue(idNumber, out var first))
                    {
                        Error(PeopleFile.IdNumber, $"与第 {first} 行的身份证号重复。");
                    }
                    else
                    {
                        firstRowOfId[idNumber] = row.RowNumber;
                    }
                }

                if (errors.Count == before && person is not null)
                {
                    parsed.Add(new Parsed(row.RowNumber, person, placement, addressId, label, relation));
                }

                if (i % 1000 == 0)
                {
                    job.Progress(nameof(PeopleImportState.Validating), i / 2, rows.Count);
                }
            }

            // Seal in parallel: AES-GCM and HMAC per row are the CPU cost of an import.
            var now = Now();
            var userId = user.GetUserId();
            var people = new Person[parsed.Count];
            Parallel.For(0, parsed.Count, new ParallelOptions { CancellationToken = ct }, i =>
            {
                var p = parsed[i];
                var person = new Person
                {
                    Id = Guid.CreateVersion7(now),
                    Name = p.Person.Name,
                    ResidenceType = p.Person.ResidenceType,
                    AddressId = p.AddressId,
                    RelationToHouse = p.Relation,
                    Note = p.Person.Note,
                    CommunityId = p.Placement.CommunityId,
                    GridId = p.Placement.GridId,
                    CreatedAt = now,
                    UpdatedAt = now,
                    CreatedBy = userId,
                };
                sealer.Seal(person, p.Person);
                people[i] = person;
            });
            job.Progress(nameof(PeopleImportState.Validating), rows.Count * 3 / 4, rows.Count);

            // Already registered: one IN query per chunk of blind indexes.
            var indexes = people.Where(p => p.IdNumberIndex != null).Select(p => p.IdNumberIndex!).ToList();
            var known = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in indexes.Chunk(1000))
            {
                known.UnionWith(await db.Set<Person>().AsNoTracking().Where(p => p.IdNumberIndex != null && chunk.Contains(p.IdNumberIndex))
                    .Select(p => p.IdNumberIndex!).ToListAsync(ct));
            }

            var ready = new List<Person>(people.Length);
            for (var i = 0; i < people.Length; i++)
            {
                if (people[i].IdNumberIndex is { } index && known.Contains(index))
                {
                    errors.Add(new PeopleImportError(parsed[i].Row, PeopleFile.IdNumber, "该身份证号已登记，不能重复导入。"));
                }
                else
                {
                    ready.Add(people[i]);
                }
            }

            errors.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : string.CompareOrdinal(a.Column, b.Column));
            var byPerson = parsed.Zip(people).Where(x => !(x.Second.IdNumberIndex is { } ix && known.Contains(ix)))
                .Take(20).Select(x => new PeopleImportPreviewRow(x.First.Row, x.Second.Name, x.Second.IdNumberMasked, x.Second.PhoneMasked,
                    PersonRules.Display(x.Second.ResidenceType), x.First.AddressLabel)).ToList();
            // The whole report goes to the database for the download (from any instance); the job row shows the first errors.
            if (errors.Count > PeopleImportJobs.ErrorsShown)
            {
                await job.SaveReportAsync(errors, ct);
            }

            var invalidRows = errors.Select(e => e.Row).Distinct().Count();
            job.Payload = ready;
            job.Change(v => (v with { State = nameof(PeopleImportState.Validated), Processed = v.Total })
                .WithDetails(new PeopleImportDetails(rows.Count, invalidRows, 0, null, byPerson))
                .WithErrors(errors.Take(PeopleImportJobs.ErrorsShown)));
            return true;
        }

        private static Task RejectFileAsync(ImportJobRun job, int totalRows, string error, string message) =>
            job.FinishAsync(v => PeopleImportJobs.Final(
                v.WithDetails(new PeopleImportDetails(totalRows, 1, 0, null, [])).WithErrors([new PeopleImportError(1, "", error)]),
                PeopleImportState.Rejected, message));

        public async Task ImportAsync(ImportJobRun job, PeopleImportMode mode, ClaimsPrincipal user, CancellationToken ct)
        {
            var details = job.View.Details<PeopleImportDetails>() ?? new PeopleImportDetails(0, 0, 0, null, []);
            job.Change(v => v.WithDetails(details with { Mode = mode }));
            var ready = job.Payload as IReadOnlyList<Person> ?? [];
            job.Payload = null;
            if (mode == PeopleImportMode.AllOrNothing && details.InvalidRows > 0)
            {
                await job.FinishAsync(v => PeopleImportJobs.Final(v, PeopleImportState.Rejected,
                    $"共 {details.TotalRows} 行，{details.InvalidRows} 行有误。按“全部导入或全部不导入”，未导入任何人员；请下载错误报告修改后重新上传。"));
                return;
            }

            if (ready.Count == 0)
            {
                await job.FinishAsync(v => PeopleImportJobs.Final(v, PeopleImportState.Rejected, "没有可导入的正确行，未导入任何人员。"));
                return;
            }

            job.Progress(nameof(PeopleImportState.Importing), 0, ready.Count);

            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                for (var i = 0; i < ready.Count; i += BatchSize)
                {
                    var batch = ready.Skip(i).Take(BatchSize).ToList();
                    db.AddRange(batch);
                    await db.SaveChangesAsync(ct);
                    db.ChangeTracker.Clear();
                    job.Progress(nameof(PeopleImportState.Importing), i + batch.Count, ready.Count);
                }

                // "Succeeded" commits with the people: a job shown as interrupted (its lease lost) can never have saved any.
                var message = details.InvalidRows == 0
                    ? $"已导入 {ready.Count} 人。"
                    : $"已导入 {ready.Count} 人；{details.InvalidRows} 行有误，已跳过（见错误报告）。";
                if (!await job.StageFinishAsync(db, v => PeopleImportJobs.Final(v, PeopleImportState.Succeeded, message, ready.Count), ct))
                {
                    await tx.RollbackAsync(CancellationToken.None);
                    await job.FinishAsync(v => PeopleImportJobs.Final(v, PeopleImportState.Failed, ImportJobs.InterruptedMessage));
                    return;
                }

                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException)
            {
                await tx.RollbackAsync(CancellationToken.None);
                await job.FinishAsync(v => PeopleImportJobs.Final(v, PeopleImportState.Failed, "有人员正被同时登记或导入（身份证号重复），本次未保存任何人员。请重新上传文件。"));
                return;
            }

            await audit.RecordAsync(new AuditRecord(AuditAction)
            {
                EntityType = nameof(Person),
                Details = new Dictionary<string, object?>
                {
                    ["file"] = job.View.FileName, ["mode"] = mode.ToString(), ["rows"] = details.TotalRows, ["created"] = ready.Count,
                    ["skipped"] = details.InvalidRows,
                },
            }, ct);
            job.CompleteStaged();
        }

        private DateTime Now() => clock.GetUtcNow().UtcDateTime;

        private static string Column(string field) => field switch
        {
            "name" => PeopleFile.Name,
            "idNumber" => PeopleFile.IdNumber,
            "phone" => PeopleFile.Phone,
            "tags" => PeopleFile.Tags,
            "note" => PeopleFile.Note,
            _ => field,
        };
    }

    /// <summary>The error report: row, column, problem (no cell values: the user has the file, the report may travel).</summary>
    public static byte[] ErrorReport(IReadOnlyList<PeopleImportError> errors)
    {
        var rows = errors.Select(e => new Dictionary<string, object?> { ["行号"] = e.Row, ["列"] = e.Column, ["问题"] = e.Message }).ToList();
        if (rows.Count == 0)
        {
            rows.Add(new Dictionary<string, object?> { ["行号"] = null, ["列"] = null, ["问题"] = "没有错误。" });
        }

        using var stream = new MemoryStream();
        stream.SaveAs(rows, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    public sealed record CommitRequest(PeopleImportMode? Mode);

    public static void Map(RouteGroupBuilder people)
    {
        var imports = people.MapGroup("/imports").RequireAuthorization(p => p.RequireRole(Roles.CommunityStaff, Roles.Commander, Roles.Admin));

        imports.MapGet("/template", () => TypedResults.File(PeopleFile.Template(), PeopleFile.XlsxContentType, "实有人口导入模板.xlsx"))
            .WithName("Registry.PeopleImportTemplate");

        imports.MapPost("/", async Task<Results<Accepted<PeopleImportDto>, ValidationProblem>> (
                HttpRequest request, ClaimsPrincipal user, PeopleImportJobs jobs, CancellationToken ct) =>
            {
                if (!request.HasFormContentType)
                {
                    return Problems.Validation("file", "请以 multipart/form-data 上传文件（字段名 file）。");
                }

                var form = await request.ReadFormAsync(ct);
                if (form.Files.GetFile("file") is not { } file || file.Length == 0)
                {
                    return Problems.Validation("file", "请选择要导入的 .xlsx 文件。");
                }

                if (file.Length > MaxFileBytes)
                {
                    return Problems.Validation("file", $"文件不能超过 {MaxFileBytes / 1024 / 1024} MB。");
                }

                PeopleImportMode? mode = null;
                if (form["mode"].ToString() is { Length: > 0 } modeText)
                {
                    if (!Enum.TryParse<PeopleImportMode>(modeText, ignoreCase: true, out var parsedMode) || !Enum.IsDefined(parsedMode))
                    {
                        return Problems.Validation("mode", "导入方式应为 AllOrNothing 或 ValidRowsOnly。");
                    }

                    mode = parsedMode;
                }

                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                var job = await jobs.StartAsync(buffer.ToArray(), Path.GetFileName(file.FileName), user, mode, ct);
                return TypedResults.Accepted($"/api/v1/registry/people/imports/{job.Id}", job);
            })
            .Accepts<IFormFile>("multipart/form-data")
            .WithName("Registry.ImportPeople");

        imports.MapGet("/{id:guid}", async Task<Results<Ok<PeopleImportDto>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, PeopleImportJobs jobs, CancellationToken ct) =>
                await jobs.FindAsync(id, user, ct) is { } job ? TypedResults.Ok(job) : Problems.NotFound("未找到该导入任务。"))
            .WithName("Registry.GetPeopleImport");

        imports.MapPost("/{id:guid}/commit", async Task<Results<Accepted<PeopleImportDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, CommitRequest body, ClaimsPrincipal user, PeopleImportJobs jobs, CancellationToken ct) =>
            {
                if (await jobs.FindAsync(id, user, ct) is null)
                {
                    return Problems.NotFound("未找到该导入任务。");
                }

                if (body.Mode is not { } mode)
                {
                    return Problems.Validation("mode", "请选择导入方式：AllOrNothing 或 ValidRowsOnly。");
                }

                return await jobs.CommitAsync(id, mode, user, ct) == PeopleImportCommit.Started
                    && await jobs.FindAsync(id, user, ct) is { } job
                    ? TypedResults.Accepted($"/api/v1/registry/people/imports/{id}", job)
                    : Problems.Conflict("该导入任务不在等待确认的状态（仍在校验，或已导入）。");
            })
            .WithName("Registry.CommitPeopleImport");

        imports.MapGet("/{id:guid}/errors", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, PeopleImportJobs jobs, CancellationToken ct) =>
                await jobs.ErrorsAsync(id, user, ct) is { } errors
                    ? TypedResults.File(ErrorReport(errors), PeopleFile.XlsxContentType, "实有人口导入错误报告.xlsx")
                    : Problems.NotFound("未找到该导入任务。"))
            .WithName("Registry.PeopleImportErrors");
    }
}
