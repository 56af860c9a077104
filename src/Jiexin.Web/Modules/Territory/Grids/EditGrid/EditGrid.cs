using System.ComponentModel.DataAnnotations;
using Jiexin.Data;
using Jiexin.Modules.Territory.Directory;
using Jiexin.Modules.Territory.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using GridDetail = Jiexin.Modules.Territory.Grids.SearchGrids.SearchGrids.Detail;
using SearchHandler = Jiexin.Modules.Territory.Grids.SearchGrids.SearchGrids.Handler;

namespace Jiexin.Modules.Territory.Grids.EditGrid;

/// <summary>Renames a grid, changes its code or moves it to another community. Boundaries change by import.</summary>
public static class EditGrid
{
    public const string StaleMessage = "该网格已被他人修改，您编辑的是旧版本。请刷新后重新修改。";

    public sealed class Input
    {
        [Required(ErrorMessage = "请填写网格名称")]
        [StringLength(64, ErrorMessage = "名称最多 64 个字")]
        public string Name { get; set; } = "";

        [StringLength(32, ErrorMessage = "编号最多 32 个字符")]
        [RegularExpression("^[A-Za-z0-9_-]*$", ErrorMessage = "编号只能包含字母、数字、- 和 _")]
        public string? Code { get; set; }

        [Required(ErrorMessage = "请选择所属村社区")]
        public Guid? CommunityId { get; set; }

        public int Version { get; set; }
    }

    public sealed record Command(Guid Id, Input Input);

    public abstract record Result
    {
        public sealed record Saved(GridDetail Grid) : Result;

        public sealed record NotFound : Result;

        public sealed record Invalid(string Field, string Message) : Result;

        public sealed record Conflict(string Message) : Result;
    }

    public sealed class Handler(JiexinDbContext db, TerritoryDirectory directory, SearchHandler read)
    {
        public async Task<Result> Handle(Command command, CancellationToken ct)
        {
            var input = command.Input;
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true))
            {
                var first = results[0];
                var member = first.MemberNames.FirstOrDefault() ?? "";
                return new Result.Invalid(member.Length > 0 ? char.ToLowerInvariant(member[0]) + member[1..] : "", first.ErrorMessage ?? "提交的数据有误");
            }

            var name = input.Name.Trim();
            if (name.Length == 0)
            {
                return new Result.Invalid("name", "请填写网格名称");
            }

            var code = input.Code?.Trim() ?? "";
            var grid = await db.Set<Grid>().SingleOrDefaultAsync(g => g.Id == command.Id, ct);
            if (grid is null)
            {
                return new Result.NotFound();
            }

            if (grid.Version != input.Version)
            {
                return new Result.Conflict(StaleMessage);
            }

            var communityId = input.CommunityId!.Value;
            if (!await db.Set<Community>().AnyAsync(c => c.Id == communityId, ct))
            {
                return new Result.Invalid("communityId", "所选村社区不存在，请重新选择");
            }

            if (await db.Set<Grid>().AnyAsync(g => g.Id != grid.Id && g.CommunityId == communityId && g.Name == name, ct))
            {
                return new Result.Invalid("name", $"该村社区已有名为「{name}」的网格");
            }

            // Imports match grids by code, so a code must point at one grid only.
            if (code.Length > 0 && await db.Set<Grid>().Where(g => g.Id != grid.Id && g.Code == code).Select(g => g.Name).FirstOrDefaultAsync(ct) is { } holder)
            {
                return new Result.Invalid("code", $"编号「{code}」已被网格「{holder}」使用");
            }

            db.Entry(grid).Property(g => g.Version).OriginalValue = input.Version;
            grid.Name = name;
            grid.Code = code;
            grid.CommunityId = communityId;
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
                return new Result.Invalid("name", $"该村社区已有名为「{name}」的网格");
            }

            await directory.ReloadAsync(ct);
            return new Result.Saved((await read.Find(grid.Id, ct))!);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder grids) =>
        grids.MapPut("/{id:guid}", async Task<Results<Ok<GridDetail>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Input body, Handler handler, CancellationToken ct) =>
                await handler.Handle(new Command(id, body), ct) switch
                {
                    Result.Saved s => TypedResults.Ok(s.Grid),
                    Result.Invalid i => Problems.Validation(i.Field, i.Message),
                    Result.Conflict c => Problems.Conflict(c.Message),
                    _ => Problems.NotFound("网格不存在或已被删除。"),
                })
            .RequireAuthorization(Policies.TerritoryEditor)
            .WithName("Territory.EditGrid")
            .WithSummary("修改网格名称、编号或所属村社区（带上所编辑的 version）");
}
