using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.ServiceLists.Domain;
using Jiexin.Modules.ServiceLists.Evidence;
using Jiexin.Modules.ServiceLists.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Media;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.ServiceLists.ResidentNeeds;

/// <summary>
/// A resident raises a need (群众需求) for their community on the H5 page: it goes onto this month's needs list,
/// due at the month's end, until staff take it and set an owner.
/// </summary>
public static class SubmitNeed
{
    public const int MaxTitle = 60;

    public sealed record Request(string? Title, string? Description, string? Category, Guid? CommunityId, Guid? GridId);

    public sealed record Outcome(Guid? Id, IDictionary<string, string[]>? Errors = null);

    public sealed class Handler(JiexinDbContext db, ListAccess access, TimeProvider clock)
    {
        public async Task<Outcome> Handle(Request r, ClaimsPrincipal user, CancellationToken ct)
        {
            var errors = new ItemWriter.Errors();
            var title = ItemWriter.Blank(r.Title);
            if (title is null || title.Length < 2 || title.Length > MaxTitle)
            {
                errors.Add("title", $"请用一句话说明您的需求（2–{MaxTitle} 个字）。");
            }

            var description = ItemWriter.Blank(r.Description);
            if (description?.Length > ListRules.MaxDescription)
            {
                errors.Add("description", $"补充说明不能超过 {ListRules.MaxDescription} 个字。");
            }

            var category = ItemWriter.Blank(r.Category);
            if (category is null || !ListRules.SuggestedCategories.Contains(category))
            {
                errors.Add("category", "请选择需求类别。");
            }

            if (r.CommunityId is not { } community || access.PlaceName(community, null) == "—")
            {
                errors.Add("communityId", "请选择您所在的村社区。");
            }
            else if (r.GridId is { } grid && access.CommunityOfGrid(grid) != community)
            {
                errors.Add("gridId", "所选网格不属于该村社区。");
            }

            if (user.GetUserId() is not { } resident)
            {
                errors.Add("user", "请先登录。");
                return new(null, errors);
            }

            if (errors.Count > 0)
            {
                return new(null, errors);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var month = ListRules.MonthOf(now);
            var item = new ListItem
            {
                Id = Guid.CreateVersion7(now),
                Kind = ListKind.Need,
                Month = month,
                OpenedMonth = month,
                CommunityId = r.CommunityId,
                GridId = r.GridId,
                Title = title!,
                Description = description,
                Category = category,
                Status = ListItemStatus.Open,
                Deadline = ListRules.LastDayOf(month),
                Source = NeedSource.Resident,
                ResidentUserId = resident,
                CreatedAt = now,
                CreatedByUserId = resident,
                CreatedByName = ListAccess.ActorName(user),
            };
            item.Timeline.Add(new ListItemEntry { Id = Guid.CreateVersion7(now), ItemId = item.Id, At = now, Action = "Submit", ActorName = item.CreatedByName });
            db.Add(item);
            await db.SaveChangesAsync(ct);
            return new(item.Id);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder lists) =>
        lists.MapPost("/my-needs", async Task<Results<Created<ListMyNeeds.MyNeed>, ValidationProblem>> (
                Request body, ClaimsPrincipal user, Handler handler, ListMyNeeds.Handler mine, CancellationToken ct) =>
            {
                var o = await handler.Handle(body, user, ct);
                if (o.Errors is { } errors)
                {
                    return TypedResults.ValidationProblem(errors, title: "提交的数据有误");
                }

                var created = (await mine.Handle(user, ct)).First(n => n.Id == o.Id);
                return TypedResults.Created($"/api/v1/lists/items/{o.Id}", created);
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Resident))
            .WithName("ServiceLists.SubmitNeed");
}

/// <summary>A resident's own needs, newest first, with their status and, once closed, what was done.</summary>
public static class ListMyNeeds
{
    public sealed record MyNeed(Guid Id, string Title, string? Category, string PlaceName, string Month, ListItemStatus Status, string StatusName,
        DateOnly Deadline, DateTime CreatedAt, DateTime? ClosedAt, string? Evidence, Guid? CommunityId)
    {
        /// <summary>The closing's evidence photos (the resident may see them: it is their need).</summary>
        public IReadOnlyList<MediaRef> EvidencePhotos { get; init; } = [];
    }

    public sealed class Handler(JiexinDbContext db, ListAccess access)
    {
        public async Task<IReadOnlyList<MyNeed>> Handle(ClaimsPrincipal user, CancellationToken ct)
        {
            if (user.GetUserId() is not { } me)
            {
                return [];
            }

            var items = await db.Set<ListItem>().AsNoTracking().Where(i => i.ResidentUserId == me && i.Kind == ListKind.Need)
                .OrderByDescending(i => i.CreatedAt).Take(100).ToListAsync(ct);
            var closed = items.Where(i => i.Status == ListItemStatus.Closed).Select(i => i.Id).ToArray();
            var photos = closed.Length == 0 ? [] : await db.Set<MediaFile>().AsNoTracking()
                .Where(m => m.OwnerKind == EvidencePhotos.EvidenceKind && Enumerable.Contains(closed, m.OwnerId))
                .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(ct);
            return [.. items.Select(i => new MyNeed(i.Id, i.Title, i.Category, access.PlaceName(i.CommunityId, i.GridId), i.Month, i.Status, ListRules.Name(i.Status),
                i.Deadline, i.CreatedAt, i.ClosedAt, i.Evidence, i.CommunityId) { EvidencePhotos = [.. photos.Where(m => m.OwnerId == i.Id).Select(m => m.ToRef())] })];
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder lists) =>
        lists.MapGet("/my-needs", async Task<Ok<IReadOnlyList<MyNeed>>> (ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(user, ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.Resident))
            .WithName("ServiceLists.ListMyNeeds");
}
