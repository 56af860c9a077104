using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.ServiceLists.Domain;
using Jiexin.Modules.ServiceLists.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.ServiceLists.Publication;

/// <summary>公示: a community's lists of one month, published to residents (once; publishing again changes nothing).</summary>
public static class PublishMonth
{
    public sealed record Request(Guid? CommunityId, string? Month);

    public sealed record PublicationDto(Guid CommunityId, string Month, DateTime PublishedAt, string PublishedByName);

    public enum Result { Ok, Invalid, Forbidden }

    public sealed record Outcome(Result Result, PublicationDto? Publication = null, string? Field = null, string? Error = null);

    public sealed class Handler(JiexinDbContext db, ListAccess access, TimeProvider clock)
    {
        public async Task<Outcome> Handle(Request r, ClaimsPrincipal user, CancellationToken ct)
        {
            if (r.CommunityId is not { } community || access.PlaceName(community, null) == "—")
            {
                return new(Result.Invalid, Field: "communityId", Error: "请选择村社区。");
            }

            var month = r.Month?.Trim();
            if (!ListRules.IsMonth(month))
            {
                return new(Result.Invalid, Field: "month", Error: "月份格式应为 yyyy-MM，例如 2026-11。");
            }

            if (!await access.CanActOnAsync(user, new OrgUnitRef(OrgUnitKind.Community, community)))
            {
                return new(Result.Forbidden);
            }

            if (await FindAsync(community, month!, ct) is { } existing)
            {
                return new(Result.Ok, existing);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            db.Add(new ListPublication { Id = Guid.CreateVersion7(now), CommunityId = community, Month = month!, PublishedAt = now, PublishedByName = ListAccess.ActorName(user) });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Published by someone else at the same moment: theirs stands.
                db.ChangeTracker.Clear();
            }

            return new(Result.Ok, await FindAsync(community, month!, ct));
        }

        private Task<PublicationDto?> FindAsync(Guid community, string month, CancellationToken ct) =>
            db.Set<ListPublication>().AsNoTracking().Where(p => p.CommunityId == community && p.Month == month)
                .Select(p => new PublicationDto(p.CommunityId, p.Month, p.PublishedAt, p.PublishedByName)).SingleOrDefaultAsync(ct);
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder lists) =>
        lists.MapPost("/publications", async Task<Results<Ok<PublicationDto>, ValidationProblem, ProblemHttpResult>> (
                Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var o = await handler.Handle(body, user, ct);
                return o.Result switch
                {
                    Result.Ok => TypedResults.Ok(o.Publication!),
                    Result.Invalid => Problems.Validation(o.Field!, o.Error!),
                    _ => TypedResults.Problem(detail: "您无权公示该村社区的清单。", statusCode: 403, title: Problems.TitleFor(403)),
                };
            })
            .WithName("ServiceLists.PublishMonth");
}

/// <summary>The published lists of a community for residents: no contact data, no owners' or residents' identities.</summary>
public static class GetPublishedLists
{
    public sealed record PublicItem(Guid Id, ListKind Kind, string Title, string? Category, string PlaceName, ListItemStatus Status, string StatusName,
        DateOnly Deadline, DateTime? ClosedAt, string? ResourceKindName, string? Offer);

    public sealed record PublishedLists(Guid CommunityId, string CommunityName, string Month, DateTime PublishedAt, IReadOnlyList<string> PublishedMonths,
        IReadOnlyList<PublicItem> Needs, IReadOnlyList<PublicItem> Resources, IReadOnlyList<PublicItem> Services);

    public sealed class Handler(JiexinDbContext db, ListAccess access)
    {
        /// <summary>The month's lists, or the latest published month when <paramref name="month"/> is null; null when not published.</summary>
        public async Task<PublishedLists?> Handle(Guid communityId, string? month, CancellationToken ct)
        {
            var months = await db.Set<ListPublication>().AsNoTracking().Where(p => p.CommunityId == communityId)
                .OrderByDescending(p => p.Month).Select(p => new { p.Month, p.PublishedAt }).ToListAsync(ct);
            var chosen = month is null ? months.FirstOrDefault() : months.FirstOrDefault(m => m.Month == month);
            if (chosen is null)
            {
                return null;
            }

            var items = await db.Set<ListItem>().AsNoTracking()
                .Where(i => i.Month == chosen.Month && (i.CommunityId == communityId || (i.CommunityId == null && i.Kind == ListKind.Resource)))
                .OrderBy(i => i.Status).ThenBy(i => i.Deadline).ThenBy(i => i.Title).ToListAsync(ct);
            List<PublicItem> Of(ListKind kind) => [.. items.Where(i => i.Kind == kind).Select(i => new PublicItem(
                i.Id, i.Kind, i.Title, kind == ListKind.Resource ? string.Join("、", ListItem.SplitCategories(i.Categories)) : i.Category,
                access.PlaceName(i.CommunityId, i.GridId), i.Status, ListRules.Name(i.Status), i.Deadline, i.ClosedAt,
                i.ResourceKind is { } rk ? ListRules.Name(rk) : null, i.Offer))];
            return new(communityId, access.PlaceName(communityId, null), chosen.Month, chosen.PublishedAt, [.. months.Select(m => m.Month)],
                Of(ListKind.Need), Of(ListKind.Resource), Of(ListKind.Service));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder lists) =>
        lists.MapGet("/published", async Task<Results<Ok<PublishedLists>, ProblemHttpResult>> (
                Guid communityId, string? month, Handler handler, CancellationToken ct) =>
                await handler.Handle(communityId, month, ct) is { } published ? TypedResults.Ok(published) : Problems.NotFound("该村社区尚未公示本月清单。"))
            .WithName("ServiceLists.GetPublishedLists");
}
