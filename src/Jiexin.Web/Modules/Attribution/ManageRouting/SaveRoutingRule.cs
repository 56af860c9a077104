using Jiexin.Data;
using Jiexin.Modules.Attribution.Catalog;
using Jiexin.Modules.Attribution.Domain;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Attribution.ManageRouting;

/// <summary>
/// <c>POST /api/v1/attribution/routing-rules</c> and <c>PUT /api/v1/attribution/routing-rules/{id}</c> (Admin):
/// "events of this category (in this community or grid) go to this department". Validated against the taxonomy and
/// the territory; an edit applies only to the <c>version</c> the Admin saw (409 otherwise). Two enabled rules for the
/// same category, place and priority are refused: which one wins would then depend on an id, not on a choice. After a
/// save the routing table in memory is rebuilt, so the next preview or intake follows the rule.
/// </summary>
public static class SaveRoutingRule
{
    public const string StaleMessage = "该规则刚被他人修改，您编辑的是旧版本。请刷新后重新修改。";
    public const int MaxPriority = 1000;

    public sealed class Input
    {
        /// <summary>A 小类 code, or a 大类 code for all its 小类.</summary>
        public string? CategoryCode { get; set; }

        /// <summary>Only in this community (leave <see cref="GridId"/> empty).</summary>
        public Guid? CommunityId { get; set; }

        /// <summary>Only in this grid (leave <see cref="CommunityId"/> empty, or give the grid's own community).</summary>
        public Guid? GridId { get; set; }

        public Guid? DepartmentId { get; set; }

        public int Priority { get; set; }

        public bool Enabled { get; set; } = true;

        public string? Note { get; set; }

        public int Version { get; set; }
    }

    public sealed record Command(Guid? Id, Input Input);

    public abstract record Result
    {
        public sealed record Saved(ListRoutingRules.Item Rule) : Result;

        public sealed record NotFound : Result;

        public sealed record Invalid(string Field, string Message) : Result;

        public sealed record Conflict(string Message) : Result;
    }

    public sealed class Handler(JiexinDbContext db, AttributionCatalog catalog, ITerritoryLookup territory, ListRoutingRules.Handler read)
    {
        public async Task<Result> Handle(Command command, CancellationToken ct)
        {
            var input = command.Input;
            var code = input.CategoryCode?.Trim() ?? "";
            if (code.Length == 0)
            {
                return new Result.Invalid("categoryCode", "请选择类别（小类，或整个大类）。");
            }

            var category = await db.Set<AttributionCategory>().AsNoTracking().SingleOrDefaultAsync(c => c.Code == code, ct);
            if (category is null)
            {
                return new Result.Invalid("categoryCode", $"没有编码为 {code} 的类别，请从列表中选择。");
            }

            Guid? communityId = input.CommunityId;
            Guid? gridId = input.GridId;
            if (gridId is { } grid)
            {
                var owner = territory.Communities.FirstOrDefault(c => territory.GridsOf(c.Id).Any(g => g.Id == grid));
                if (owner is null)
                {
                    return new Result.Invalid("gridId", "没有这个网格，请从列表中选择。");
                }

                if (communityId is { } given && given != owner.Id)
                {
                    return new Result.Invalid("gridId", $"该网格属于{owner.Name}，不在所选社区内。");
                }

                communityId = null; // a grid rule names the grid only
            }
            else if (communityId is { } community && territory.Communities.All(c => c.Id != community))
            {
                return new Result.Invalid("communityId", "没有这个社区，请从列表中选择。");
            }

            if (input.DepartmentId is not { } departmentId)
            {
                return new Result.Invalid("departmentId", "请选择责任部门。");
            }

            if (territory.Departments.All(d => d.Id != departmentId))
            {
                return new Result.Invalid("departmentId", "没有这个部门，请从列表中选择。");
            }

            if (input.Priority is < 0 or > MaxPriority)
            {
                return new Result.Invalid("priority", $"优先级须在 0～{MaxPriority} 之间。");
            }

            var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
            if (note?.Length > 200)
            {
                return new Result.Invalid("note", "备注最多 200 个字。");
            }

            RoutingRule entity;
            if (command.Id is { } id)
            {
                var found = await db.Set<RoutingRule>().SingleOrDefaultAsync(r => r.Id == id, ct);
                if (found is null)
                {
                    return new Result.NotFound();
                }

                if (found.Version != input.Version)
                {
                    return new Result.Conflict(StaleMessage);
                }

                entity = found;
                db.Entry(entity).Property(r => r.Version).OriginalValue = input.Version;
            }
            else
            {
                entity = new RoutingRule { Id = Guid.CreateVersion7(), CategoryCode = code };
                db.Add(entity);
            }

            if (input.Enabled && await db.Set<RoutingRule>().AnyAsync(r => r.Id != entity.Id && r.Enabled && r.CategoryCode == code
                    && r.CommunityId == communityId && r.GridId == gridId && r.Priority == input.Priority, ct))
            {
                return new Result.Invalid("priority", "已有同一类别、同一范围、同一优先级的启用规则。请修改那条规则，或给这条设不同的优先级。");
            }

            entity.CategoryCode = code;
            entity.CommunityId = communityId;
            entity.GridId = gridId;
            entity.DepartmentId = departmentId;
            entity.Priority = input.Priority;
            entity.Enabled = input.Enabled;
            entity.Note = note;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new Result.Conflict(StaleMessage);
            }

            await catalog.ReloadAsync(ct);
            return new Result.Saved((await read.Find(entity.Id, ct))!);
        }
    }

    public static void Map(RouteGroupBuilder attribution)
    {
        attribution.MapPost("/routing-rules", async Task<Results<Created<ListRoutingRules.Item>, ValidationProblem, ProblemHttpResult>> (
                Input body, Handler handler, CancellationToken ct) =>
                await handler.Handle(new Command(null, body), ct) switch
                {
                    Result.Saved s => TypedResults.Created($"/api/v1/attribution/routing-rules/{s.Rule.Id}", s.Rule),
                    Result.Invalid i => Problems.Validation(i.Field, i.Message),
                    Result.Conflict c => Problems.Conflict(c.Message),
                    _ => Problems.NotFound("规则不存在或已被删除。"),
                })
            .RequireAuthorization(Policies.Admin)
            .WithName("Attribution.CreateRoutingRule")
            .WithSummary("新增派单规则");

        attribution.MapPut("/routing-rules/{id:guid}", async Task<Results<Ok<ListRoutingRules.Item>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Input body, Handler handler, CancellationToken ct) =>
                await handler.Handle(new Command(id, body), ct) switch
                {
                    Result.Saved s => TypedResults.Ok(s.Rule),
                    Result.Invalid i => Problems.Validation(i.Field, i.Message),
                    Result.Conflict c => Problems.Conflict(c.Message),
                    _ => Problems.NotFound("规则不存在或已被删除。"),
                })
            .RequireAuthorization(Policies.Admin)
            .WithName("Attribution.UpdateRoutingRule")
            .WithSummary("修改派单规则（带上所编辑的 version）");
    }
}
