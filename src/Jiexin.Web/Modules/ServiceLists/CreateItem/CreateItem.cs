using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.ServiceLists.Domain;
using Jiexin.Modules.ServiceLists.Shared;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiexin.Modules.ServiceLists.CreateItem;

/// <summary>Adds a need, a resource or a service item to a month's list of a community or grid (resources may be street-wide).</summary>
public static class CreateItem
{
    public sealed record Outcome(ListItemDto? Item, IDictionary<string, string[]>? Errors = null, bool Forbidden = false);

    public sealed class Handler(JiexinDbContext db, ListAccess access, ItemWriter writer, ItemReader reader, TimeProvider clock)
    {
        public async Task<Outcome> Handle(ItemRequest r, ClaimsPrincipal user, CancellationToken ct)
        {
            var errors = new ItemWriter.Errors();
            if (r.Kind is not { } kind || !Enum.IsDefined(kind))
            {
                errors.Add("kind", "请选择清单（需求、资源或服务项目）。");
                return new(null, errors);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var month = string.IsNullOrWhiteSpace(r.Month) ? ListRules.MonthOf(now) : r.Month.Trim();
            if (!ListRules.IsMonth(month))
            {
                errors.Add("month", "月份格式应为 yyyy-MM，例如 2026-11。");
            }

            var communityId = r.CommunityId;
            if (r.GridId is { } grid)
            {
                var owner = access.CommunityOfGrid(grid);
                if (owner is null || (communityId is { } c && c != owner))
                {
                    errors.Add("gridId", "所选网格不属于该村社区。");
                }

                communityId = owner;
            }
            else if (communityId is { } c && access.PlaceName(c, null) == "—")
            {
                errors.Add("communityId", "未找到该村社区。");
            }

            if (communityId is null && kind != ListKind.Resource && !errors.ContainsKey("gridId"))
            {
                errors.Add("communityId", "请选择村社区或网格。");
            }

            if (errors.Count > 0)
            {
                return new(null, errors);
            }

            var home = access.HomeOf(communityId, r.GridId);
            if (!await access.CanActOnAsync(user, home))
            {
                return new(null, Forbidden: true);
            }

            var item = new ListItem
            {
                Id = Guid.CreateVersion7(now),
                Kind = kind,
                Month = month,
                OpenedMonth = month,
                CommunityId = communityId,
                GridId = r.GridId,
                Status = ListItemStatus.Open,
                CreatedAt = now,
                CreatedByUserId = Platform.Auth.ClaimsPrincipalOrgExtensions.GetUserId(user),
                CreatedByName = ListAccess.ActorName(user),
            };
            errors = await writer.ApplyAsync(item, r, user, ct);
            if (errors.Count > 0)
            {
                return new(null, errors);
            }

            item.Timeline.Add(new ListItemEntry { Id = Guid.CreateVersion7(now), ItemId = item.Id, At = now, Action = "Create", ActorName = item.CreatedByName });
            db.Add(item);
            await db.SaveChangesAsync(ct);
            return new(await reader.ToDtoAsync(item, user, ct));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder lists) =>
        lists.MapPost("/items", async Task<Results<Created<ListItemDto>, ValidationProblem, ProblemHttpResult>> (
                ItemRequest body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(body, user, ct);
                if (outcome.Errors is { } errors)
                {
                    return TypedResults.ValidationProblem(errors, title: "提交的数据有误");
                }

                return outcome.Forbidden
                    ? TypedResults.Problem(detail: "您无权在该村社区或网格登记清单。", statusCode: 403, title: Problems.TitleFor(403))
                    : TypedResults.Created($"/api/v1/lists/items/{outcome.Item!.Id}", outcome.Item);
            })
            .WithName("ServiceLists.CreateItem");
}
