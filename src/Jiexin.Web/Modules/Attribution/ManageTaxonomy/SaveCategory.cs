using System.Text.RegularExpressions;
using Jiexin.Data;
using Jiexin.Modules.Attribution.Catalog;
using Jiexin.Modules.Attribution.Domain;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Attribution.ManageTaxonomy;

/// <summary>
/// <c>POST /api/v1/attribution/taxonomy</c> creates a 大类 (no <c>parentCode</c>) or a 小类 (with its 大类's code);
/// <c>PUT /api/v1/attribution/taxonomy/{id}</c> edits one against the <c>version</c> the Admin saw (409 otherwise).
/// The code and the parent are fixed once created: events, routing rules and deadline policies refer to the code.
/// Nothing is deleted — a category is disabled instead, so old events keep their name. After a save the in-memory
/// catalog (phrases, labels, default departments) is rebuilt, so the next classification uses it.
/// </summary>
public static partial class SaveCategory
{
    public const string StaleMessage = "该类别刚被他人修改，您编辑的是旧版本。请刷新后重新修改。";
    public const int MaxPhraseLength = 20;
    public const int MaxPhrasesText = 4000;

    /// <summary>The form and the API body; <see cref="Phrases"/> separated by 、 (commas or new lines also accepted).</summary>
    public sealed class Input
    {
        public string? Code { get; set; }

        /// <summary>The 大类's code for a 小类; empty for a 大类.</summary>
        public string? ParentCode { get; set; }

        public string? Name { get; set; }

        public string? EnglishName { get; set; }

        public string? Icon { get; set; }

        /// <summary>One of the seven first-level labels (小类 only).</summary>
        public string? Label { get; set; }

        public string? Phrases { get; set; }

        public string? DefaultDepartmentShortName { get; set; }

        public int SortOrder { get; set; }

        public bool Enabled { get; set; } = true;

        public int Version { get; set; }
    }

    public sealed record Command(Guid? Id, Input Input);

    public abstract record Result
    {
        public sealed record Saved(ListTaxonomy.Item Category) : Result;

        public sealed record NotFound : Result;

        public sealed record Invalid(string Field, string Message) : Result;

        public sealed record Conflict(string Message) : Result;
    }

    [GeneratedRegex(@"^\d{2}$")]
    private static partial Regex GroupCode();

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex SubcategoryCode();

    public sealed class Handler(JiexinDbContext db, AttributionCatalog catalog, ITerritoryLookup territory)
    {
        public async Task<Result> Handle(Command command, CancellationToken ct)
        {
            var input = command.Input;
            var name = input.Name?.Trim() ?? "";
            if (name.Length == 0)
            {
                return new Result.Invalid("name", "请填写类别名称。");
            }

            if (name.Length > 32)
            {
                return new Result.Invalid("name", "名称最多 32 个字。");
            }

            if ((input.EnglishName?.Trim().Length ?? 0) > 64)
            {
                return new Result.Invalid("englishName", "英文名最多 64 个字符。");
            }

            if ((input.Icon?.Trim().Length ?? 0) > 16)
            {
                return new Result.Invalid("icon", "图标最多 16 个字符（一个表情符号即可）。");
            }

            if (input.SortOrder is < 0 or > 9999)
            {
                return new Result.Invalid("sortOrder", "排序须在 0～9999 之间。");
            }

            var phrases = PhraseList.Parse(input.Phrases);
            if (phrases.FirstOrDefault(p => p.Length > MaxPhraseLength) is { } tooLong)
            {
                return new Result.Invalid("phrases", $"关键词「{tooLong[..8]}…」太长：每个关键词最多 {MaxPhraseLength} 个字。");
            }

            var phrasesText = PhraseList.Format(phrases);
            if (phrasesText.Length > MaxPhrasesText)
            {
                return new Result.Invalid("phrases", $"关键词合计最多 {MaxPhrasesText} 个字，请删去一些。");
            }

            var department = string.IsNullOrWhiteSpace(input.DefaultDepartmentShortName) ? null : input.DefaultDepartmentShortName.Trim();
            if (department is not null && territory.FindDepartmentByShortName(department) is null)
            {
                return new Result.Invalid("defaultDepartmentShortName", $"没有简称为「{department}」的部门，请从部门列表中选择。");
            }

            AttributionCategory entity;
            AttributionCategory? parent;
            if (command.Id is { } id)
            {
                var found = await db.Set<AttributionCategory>().SingleOrDefaultAsync(c => c.Id == id, ct);
                if (found is null)
                {
                    return new Result.NotFound();
                }

                if (found.Version != input.Version)
                {
                    return new Result.Conflict(StaleMessage);
                }

                if (!string.IsNullOrWhiteSpace(input.Code) && input.Code.Trim() != found.Code)
                {
                    return new Result.Invalid("code", "编码创建后不能修改（事件和派单规则按编码引用类别）。");
                }

                entity = found;
                parent = found.ParentId is { } parentId ? await db.Set<AttributionCategory>().SingleAsync(c => c.Id == parentId, ct) : null;
                db.Entry(entity).Property(c => c.Version).OriginalValue = input.Version;
            }
            else
            {
                var code = input.Code?.Trim() ?? "";
                var parentCode = string.IsNullOrWhiteSpace(input.ParentCode) ? null : input.ParentCode.Trim();
                if (parentCode is null)
                {
                    parent = null;
                    if (!GroupCode().IsMatch(code))
                    {
                        return new Result.Invalid("code", "大类编码为两位数字，如 15。");
                    }
                }
                else
                {
                    parent = await db.Set<AttributionCategory>().SingleOrDefaultAsync(c => c.Code == parentCode && c.ParentId == null, ct);
                    if (parent is null)
                    {
                        return new Result.Invalid("parentCode", "没有这个大类，请从列表中选择。");
                    }

                    if (!SubcategoryCode().IsMatch(code) || !code.StartsWith(parent.Code, StringComparison.Ordinal))
                    {
                        return new Result.Invalid("code", $"小类编码为四位数字，以所属大类的编码开头，如 {parent.Code}09。");
                    }
                }

                if (await db.Set<AttributionCategory>().AnyAsync(c => c.Code == code, ct))
                {
                    return new Result.Invalid("code", $"编码 {code} 已被使用。");
                }

                entity = new AttributionCategory { Id = Guid.CreateVersion7(), ParentId = parent?.Id, Code = code, Name = name };
                db.Add(entity);
            }

            var label = input.Label?.Trim() ?? "";
            if (parent is not null && !FirstLevelLabels.All.Contains(label))
            {
                return new Result.Invalid("label", "请选择模型一级类别（七类之一）。");
            }

            if (await db.Set<AttributionCategory>().AnyAsync(c => c.ParentId == entity.ParentId && c.Id != entity.Id && c.Name == name, ct))
            {
                return new Result.Invalid("name", parent is null ? $"已有名为「{name}」的大类。" : $"「{parent.Name}」下已有名为「{name}」的小类。");
            }

            entity.Name = name;
            entity.EnglishName = input.EnglishName?.Trim() ?? "";
            entity.Icon = input.Icon?.Trim() ?? "";
            entity.Label = parent is null ? "" : label;
            entity.Phrases = parent is null ? "" : phrasesText;
            entity.DefaultDepartmentShortName = department;
            entity.SortOrder = input.SortOrder;
            entity.Enabled = input.Enabled;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new Result.Conflict(StaleMessage);
            }
            catch (DbUpdateException)
            {
                // The unique code index: someone created the same code a moment ago.
                return new Result.Invalid("code", $"编码 {entity.Code} 已被使用。");
            }

            await catalog.ReloadAsync(ct);
            return new Result.Saved(ListTaxonomy.Handler.ToItem(entity, parent));
        }
    }

    public static void Map(RouteGroupBuilder attribution)
    {
        attribution.MapPost("/taxonomy", async Task<Results<Created<ListTaxonomy.Item>, ValidationProblem, ProblemHttpResult>> (
                Input body, Handler handler, CancellationToken ct) =>
                await handler.Handle(new Command(null, body), ct) switch
                {
                    Result.Saved s => TypedResults.Created($"/api/v1/attribution/taxonomy/{s.Category.Id}", s.Category),
                    Result.Invalid i => Problems.Validation(i.Field, i.Message),
                    Result.Conflict c => Problems.Conflict(c.Message),
                    _ => Problems.NotFound("类别不存在。"),
                })
            .RequireAuthorization(Policies.Admin)
            .WithName("Attribution.CreateCategory")
            .WithSummary("新增大类或小类");

        attribution.MapPut("/taxonomy/{id:guid}", async Task<Results<Ok<ListTaxonomy.Item>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Input body, Handler handler, CancellationToken ct) =>
                await handler.Handle(new Command(id, body), ct) switch
                {
                    Result.Saved s => TypedResults.Ok(s.Category),
                    Result.Invalid i => Problems.Validation(i.Field, i.Message),
                    Result.Conflict c => Problems.Conflict(c.Message),
                    _ => Problems.NotFound("类别不存在。"),
                })
            .RequireAuthorization(Policies.Admin)
            .WithName("Attribution.UpdateCategory")
            .WithSummary("修改类别：名称、关键词、模型一级类别、默认部门、启用（带上所编辑的 version）");
    }
}
