using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Jiexin.Data;
using Jiexin.Modules.Territory.Directory;
using Jiexin.Modules.Territory.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using CommunityItem = Jiexin.Modules.Territory.Communities.ListCommunities.ListCommunities.Item;
using ListHandler = Jiexin.Modules.Territory.Communities.ListCommunities.ListCommunities.Handler;

namespace Jiexin.Modules.Territory.Communities.SaveCommunity;

/// <summary>Creates a 村社区 or edits one (optimistic concurrency on <c>Version</c>).</summary>
public static class SaveCommunity
{
    public const string StaleMessage = "该村社区已被他人修改，您编辑的是旧版本。请刷新后重新修改。";

    /// <summary>The form and the API body. <see cref="Version"/> is the version that was edited (ignored on create).</summary>
    public sealed class Input
    {
        [Required(ErrorMessage = "请填写名称")]
        [StringLength(64, ErrorMessage = "名称最多 64 个字")]
        public string Name { get; set; } = "";

        [StringLength(32, ErrorMessage = "编号最多 32 个字符")]
        [RegularExpression("^[A-Za-z0-9_-]*$", ErrorMessage = "编号只能包含字母、数字、- 和 _")]
        public string? Code { get; set; }

        [JsonConverter(typeof(JsonStringEnumConverter<CommunityKind>))]
        public CommunityKind Kind { get; set; } = CommunityKind.Community;

        [Range(0, 9999, ErrorMessage = "排序须在 0～9999 之间")]
        public int SortOrder { get; set; }

        public int Version { get; set; }
    }

    public sealed record Command(Guid? Id, Input Input);

    public abstract record Result
    {
        public sealed record Saved(CommunityItem Community) : Result;

        public sealed record NotFound : Result;

        /// <summary>A field is wrong (400): shown next to that field.</summary>
        public sealed record Invalid(string Field, string Message) : Result;

        /// <summary>Stale version or missing prerequisite (409).</summary>
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
            var code = input.Code?.Trim() ?? "";
            Community entity;
            if (command.Id is { } id)
            {
                var found = await db.Set<Community>().SingleOrDefaultAsync(c => c.Id == id, ct);
                if (found is null)
                {
                    return new Result.NotFound();
                }

                if (found.Version != input.Version)
                {
                    return new Result.Conflict(StaleMessage);
                }

                entity = found;
                // The concurrency token is checked against the version the user edited, not the one just read.
                db.Entry(entity).Property(c => c.Version).OriginalValue = input.Version;
            }
            else
            {
                var streetId = await db.Set<Street>().OrderBy(s => s.Name).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
                if (streetId is null)
                {
                    return new Result.Conflict("尚未建立街道信息，暂时无法添加村社区。");
                }

                entity = new Community { Id = Guid.CreateVersion7(), StreetId = streetId.Value, Name = name };
                db.Add(entity);
            }

            var others = db.Set<Community>().Where(c => c.StreetId == entity.StreetId && c.Id != entity.Id);
            if (await others.AnyAsync(c => c.Name == name, ct))
            {
                return new Result.Invalid("name", $"已有名为「{name}」的村社区，名称不能重复");
            }

            if (code.Length > 0 && await others.Where(c => c.Code == code).Select(c => c.Name).FirstOrDefaultAsync(ct) is { } holder)
            {
                return new Result.Invalid("code", $"编号「{code}」已被「{holder}」使用");
            }

            entity.Name = name;
            entity.Code = code;
            entity.Kind = input.Kind;
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
                // Lost a race on the unique (street, name) index.
                return new Result.Invalid("name", $"已有名为「{name}」的村社区，名称不能重复");
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

            return string.IsNullOrWhiteSpace(input.Name) ? new Result.Invalid("name", "请填写名称") : new Result.Invalid("kind", "类型只能是社区或村");
        }
    }

    public static void Map(RouteGroupBuilder communities)
    {
        communities.MapPost("/", async Task<Results<Created<CommunityItem>, ValidationProblem, ProblemHttpResult>> (
                Input body, Handler handler, CancellationToken ct) =>
                await handler.Handle(new Command(null, body), ct) switch
                {
                    Result.Saved s => TypedResults.Created($"/api/v1/territory/communities/{s.Community.Id}", s.Community),
                    Result.Invalid i => Problems.Validation(i.Field, i.Message),
                    Result.Conflict c => Problems.Conflict(c.Message),
                    _ => Problems.NotFound("村社区不存在或已被删除。"),
                })
            .RequireAuthorization(Policies.TerritoryEditor)
            .WithName("Territory.CreateCommunity")
            .WithSummary("新增村社区");

        communities.MapPut("/{id:guid}", async Task<Results<Ok<CommunityItem>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Input body, Handler handler, CancellationToken ct) =>
                await handler.Handle(new Command(id, body), ct) switch
                {
                    Result.Saved s => TypedResults.Ok(s.Community),
                    Result.Invalid i => Problems.Validation(i.Field, i.Message),
                    Result.Conflict c => Problems.Conflict(c.Message),
                    _ => Problems.NotFound("村社区不存在或已被删除。"),
                })
            .RequireAuthorization(Policies.TerritoryEditor)
            .WithName("Territory.UpdateCommunity")
            .WithSummary("修改村社区（带上所编辑的 version）");
    }
}
