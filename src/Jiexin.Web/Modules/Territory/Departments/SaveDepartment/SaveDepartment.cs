using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Jiexin.Data;
using Jiexin.Modules.Territory.Directory;
using Jiexin.Modules.Territory.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using DepartmentItem = Jiexin.Modules.Territory.Departments.ListDepartments.ListDepartments.Item;
using ListHandler = Jiexin.Modules.Territory.Departments.ListDepartments.ListDepartments.Handler;

namespace Jiexin.Modules.Territory.Departments.SaveDepartment;

/// <summary>Creates a department or edits one (optimistic concurrency on <c>Version</c>).</summary>
public static class SaveDepartment
{
    public const string StaleMessage = "该部门已被他人修改，您编辑的是旧版本。请刷新后重新修改。";

    /// <summary>The form and the API body. <see cref="Version"/> is the version that was edited (ignored on create).</summary>
    public sealed class Input
    {
        [Required(ErrorMessage = "请填写部门名称")]
        [StringLength(64, ErrorMessage = "名称最多 64 个字")]
        public string Name { get; set; } = "";

        [StringLength(16, ErrorMessage = "简称最多 16 个字")]
        public string? ShortName { get; set; }

        [JsonConverter(typeof(JsonStringEnumConverter<DepartmentKind>))]
        public DepartmentKind Kind { get; set; } = DepartmentKind.Functional;

        [StringLength(32, ErrorMessage = "电话最多 32 个字符")]
        [RegularExpression(@"^[0-9+\-() 、,，]*$", ErrorMessage = "电话只能包含数字、+、-、括号和空格")]
        public string? Phone { get; set; }

        [Range(0, 9999, ErrorMessage = "排序须在 0～9999 之间")]
        public int SortOrder { get; set; }

        public int Version { get; set; }
    }

    public sealed record Command(Guid? Id, Input Input);

    public abstract record Result
    {
        public sealed record Saved(DepartmentItem Department) : Result;

        public sealed record NotFound : Result;

        public sealed record Invalid(string Field, string Message) : Result;

        public sealed record Conflict(string Message) : Result;
    }

    public sealed class Handler(JiexinDbContext db, TerritoryDirectory directory, ListHandler read)
    {
        public async Task<Result> Handle(Command command, CancellationToken ct)
        {
            var input = command.Input;
            if (FirstError(input) is { } error)
            {
                return error;
            }

            var name = input.Name.Trim();
            var shortName = input.ShortName?.Trim() ?? "";
            var phone = string.IsNullOrWhiteSpace(input.Phone) ? null : input.Phone.Trim();
            Department entity;
            if (command.Id is { } id)
            {
                var found = await db.Set<Department>().SingleOrDefaultAsync(d => d.Id == id, ct);
                if (found is null)
                {
                    return new Result.NotFound();
                }

                if (found.Version != input.Version)
                {
                    return new Result.Conflict(StaleMessage);
                }

                entity = found;
                db.Entry(entity).Property(d => d.Version).OriginalValue = input.Version;
            }
            else
            {
                var streetId = await db.Set<Street>().OrderBy(s => s.Name).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
                if (streetId is null)
                {
                    return new Result.Conflict("尚未建立街道信息，暂时无法添加部门。");
                }

                entity = new Department { Id = Guid.CreateVersion7(), StreetId = streetId.Value, Name = name };
                db.Add(entity);
            }

            var others = db.Set<Department>().Where(d => d.StreetId == entity.StreetId && d.Id != entity.Id);
            if (await others.AnyAsync(d => d.Name == name, ct))
            {
                return new Result.Invalid("name", $"已有名为「{name}」的部门，名称不能重复");
            }

            // The short name identifies a department in lists and dispatch rules: keep it unique too.
            if (shortName.Length > 0 && await others.Where(d => d.ShortName == shortName).Select(d => d.Name).FirstOrDefaultAsync(ct) is { } holder)
            {
                return new Result.Invalid("shortName", $"简称「{shortName}」已被「{holder}」使用");
            }

            entity.Name = name;
            entity.ShortName = shortName;
            entity.Kind = input.Kind;
            entity.Phone = phone;
            entity.SortOrder = input.SortOrder;
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
                return new Result.Invalid("name", $"已有名为「{name}」的部门，名称不能重复");
            }

            await directory.ReloadAsync(ct);
            return new Result.Saved((await read.Find(entity.Id, ct))!);
        }

        private static Result.Invalid? FirstError(Input input)
        {
            var results = new List<ValidationResult>();
            if (Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true)
                && Enum.IsDefined(input.Kind) && !string.IsNullOrWhiteSpace(input.Name))
            {
                return null;
            }

            if (results.FirstOrDefault() is { } first)
            {
                var member = first.MemberNames.FirstOrDefault() ?? "";
                return new Result.Invalid(member.Length > 0 ? char.ToLowerInvariant(member[0]) + member[1..] : "", first.ErrorMessage ?? "提交的数据有误");
            }

            return string.IsNullOrWhiteSpace(input.Name) ? new Result.Invalid("name", "请填写部门名称") : new Result.Invalid("kind", "请选择部门类型");
        }
    }

    public static void Map(RouteGroupBuilder departments)
    {
        departments.MapPost("/", async Task<Results<Created<DepartmentItem>, ValidationProblem, ProblemHttpResult>> (
                Input body, Handler handler, CancellationToken ct) =>
                await handler.Handle(new Command(null, body), ct) switch
                {
                    Result.Saved s => TypedResults.Created($"/api/v1/territory/departments/{s.Department.Id}", s.Department),
                    Result.Invalid i => Problems.Validation(i.Field, i.Message),
                    Result.Conflict c => Problems.Conflict(c.Message),
                    _ => Problems.NotFound("部门不存在或已被删除。"),
                })
            .RequireAuthorization(Policies.TerritoryEditor)
            .WithName("Territory.CreateDepartment")
            .WithSummary("新增部门");

        departments.MapPut("/{id:guid}", async Task<Results<Ok<DepartmentItem>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Input body, Handler handler, CancellationToken ct) =>
                await handler.Handle(new Command(id, body), ct) switch
                {
                    Result.Saved s => TypedResults.Ok(s.Department),
                    Result.Invalid i => Problems.Validation(i.Field, i.Message),
                    Result.Conflict c => Problems.Conflict(c.Message),
                    _ => Problems.NotFound("部门不存在或已被删除。"),
                })
            .RequireAuthorization(Policies.TerritoryEditor)
            .WithName("Territory.UpdateDepartment")
            .WithSummary("修改部门（带上所编辑的 version）");
    }
}
