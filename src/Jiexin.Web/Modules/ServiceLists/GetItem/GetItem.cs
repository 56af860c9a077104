using System.Security.Claims;
using Jiexin.Modules.ServiceLists.Shared;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiexin.Modules.ServiceLists.GetItem;

/// <summary>One item with its closing trail and links. Not visible → 404.</summary>
public static class GetItem
{
    public sealed class Handler(ListAccess access, ItemReader reader)
    {
        public async Task<ListItemDto?> Handle(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            var item = await reader.LoadAsync(id, ct);
            return item is null || !await access.CanSeeAsync(user, item) ? null : await reader.ToDtoAsync(item, user, ct);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder lists) =>
        lists.MapGet("/items/{id:guid}", async Task<Results<Ok<ListItemDto>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.Handle(id, user, ct) is { } dto ? TypedResults.Ok(dto) : Problems.NotFound("未找到该清单事项。"))
            .WithName("ServiceLists.GetItem");
}
