using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.ServiceLists.Domain;
using Jiexin.Modules.ServiceLists.Shared;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.ServiceLists.UpdateItem;

/// <summary>Edits an open item against the version the editor saw (someone else saved first → 409). Kind, month and place stay.</summary>
public static class UpdateItem
{
    public enum Result { Ok, NotFound, Invalid, Conflict, Closed }

    public sealed record Outcome(Result Result, ListItemDto? Item = null, IDictionary<string, string[]>? Errors = null);

    public sealed class Handler(JiexinDbContext db, ListAccess access, ItemWriter writer, ItemReader reader, TimeProvider clock)
    {
        public async Task<Outcome> Handle(Guid id, ItemRequest r, ClaimsPrincipal user, CancellationToken ct)
        {
            var item = await reader.LoadAsync(id, ct, tracked: true);
            if (item is null || !await access.CanSeeAsync(user, item))
            {
                return new(Result.NotFound);
            }

            if (!await access.CanEditAsync(user, item))
            {
                return new(Result.NotFound);
            }

            if (r.Version is not { } version)
            {
                return new(Result.Invalid, Errors: new Dictionary<string, string[]> { ["version"] = ["缺少版本号。"] });
            }

            if (version != item.Version)
            {
                return new(Result.Conflict);
            }

            if (item.Status == ListItemStatus.Closed)
            {
                return new(Result.Closed);
            }

            var errors = await writer.ApplyAsync(item, r, user, ct);
            if (errors.Count > 0)
            {
                return new(Result.Invalid, Errors: errors);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            db.Add(new ListItemEntry { Id = Guid.CreateVersion7(now), ItemId = item.Id, At = now, Action = "Update", ActorName = ListAccess.ActorName(user) });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new(Result.Conflict);
            }

            return new(Result.Ok, await reader.ToDtoAsync((await reader.LoadAsync(id, ct))!, user, ct));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder lists) =>
        lists.MapPut("/items/{id:guid}", async Task<Results<Ok<ListItemDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, ItemRequest body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var o = await handler.Handle(id, body, user, ct);
                return o.Result switch
                {
                    Result.Ok => TypedResults.Ok(o.Item!),
                    Result.Invalid => TypedResults.ValidationProblem(o.Errors!, title: "提交的数据有误"),
                    Result.Conflict => Problems.Conflict("该事项已被他人修改，请刷新后重试。"),
                    Result.Closed => Problems.Conflict("该事项已销号，不能再修改。"),
                    _ => Problems.NotFound("未找到该清单事项。"),
                };
            })
            .WithName("ServiceLists.UpdateItem");
}
