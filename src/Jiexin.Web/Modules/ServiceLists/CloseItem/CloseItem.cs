using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.ServiceLists.Domain;
using Jiexin.Modules.ServiceLists.Evidence;
using Jiexin.Modules.ServiceLists.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Jiexin.Platform.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.ServiceLists.CloseItem;

/// <summary>逐个销号: closes one item with its evidence, against the version the closer saw; the trail records who and when.</summary>
public static class CloseItem
{
    /// <param name="PhotoIds">Evidence photos uploaded first with <c>POST /api/v1/lists/photos</c> (at most 5).</param>
    public sealed record Request(int? Version, string? Evidence, IReadOnlyList<Guid>? PhotoIds = null);

    /// <summary>Notification subject of a need (the resident who raised it hears when it is closed).</summary>
    public const string NotificationTopic = "list-item";

    public enum Result { Ok, NotFound, Invalid, Conflict, AlreadyClosed }

    public sealed record Outcome(Result Result, ListItemDto? Item = null, string? Error = null, string Field = "evidence");

    public sealed class Handler(JiexinDbContext db, ListAccess access, ItemReader reader, TimeProvider clock)
    {
        public async Task<Outcome> Handle(Guid id, Request r, ClaimsPrincipal user, CancellationToken ct)
        {
            var item = await db.Set<ListItem>().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (item is null || !await access.CanSeeAsync(user, item) || !await access.CanEditAsync(user, item))
            {
                return new(Result.NotFound);
            }

            var evidence = ItemWriter.Blank(r.Evidence);
            if (evidence is null || evidence.Length < 2 || evidence.Length > ListRules.MaxEvidence)
            {
                return new(Result.Invalid, Error: $"销号须填写办结佐证（2–{ListRules.MaxEvidence} 个字），例如服务时间、人数、结果。");
            }

            var (photos, photoError) = await EvidencePhotos.FindPendingAsync(db, r.PhotoIds, user.GetUserId(), ct);
            if (photos is null)
            {
                return new(Result.Invalid, Error: photoError, Field: "photoIds");
            }

            if (r.Version is not { } version || version != item.Version)
            {
                return new(Result.Conflict);
            }

            if (item.Status == ListItemStatus.Closed)
            {
                return new(Result.AlreadyClosed);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var actor = ListAccess.ActorName(user);
            item.Status = ListItemStatus.Closed;
            item.Evidence = evidence;
            item.ClosedAt = now;
            item.ClosedByName = actor;
            db.Add(new ListItemEntry { Id = Guid.CreateVersion7(now), ItemId = item.Id, At = now, Action = "Close", ActorName = actor, Note = evidence });
            EvidencePhotos.Attach(db, photos, item.Id);
            if (item.Kind == ListKind.Need && item.ResidentUserId is { } resident)
            {
                // The resident who raised the need hears that it is done, with what was done, in the same transaction.
                new NotificationMessage("您提出的需求已办结", $"{item.Title}｜{evidence}", NotificationKind.Progress, [Audience.User(resident)],
                        NotificationChannels.InApp | NotificationChannels.WeChat, StaffLink: $"/lists/items/{item.Id}", ResidentLink: "/m/needs",
                        SubjectType: NotificationTopic, SubjectId: item.Id)
                    .Enqueue(db, $"lists_need_closed:{item.Id:N}", now);
            }

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
        lists.MapPost("/items/{id:guid}/close", async Task<Results<Ok<ListItemDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var o = await handler.Handle(id, body, user, ct);
                return o.Result switch
                {
                    Result.Ok => TypedResults.Ok(o.Item!),
                    Result.Invalid => Problems.Validation(o.Field, o.Error!),
                    Result.Conflict => Problems.Conflict("该事项已被他人修改，请刷新后重试。"),
                    Result.AlreadyClosed => Problems.Conflict("该事项已销号。"),
                    _ => Problems.NotFound("未找到该清单事项。"),
                };
            })
            .WithName("ServiceLists.CloseItem");
}
