using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.ServiceLists.Domain;
using Jiexin.Modules.ServiceLists.Shared;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using static Jiexin.Platform.Localization.Text;

namespace Jiexin.Modules.ServiceLists.SuggestResources;

/// <summary>
/// Resources for a need: open resources offering the need's category, nearest first — the same grid, then the same
/// community, then street-wide — and within a place the larger capacity first.
/// </summary>
public static class SuggestResources
{
    public const int MaxSuggestions = 10;

    public enum Proximity { SameGrid, SameCommunity, StreetWide }

    public sealed record Suggestion(Guid Id, string Title, ResourceKind? ResourceKind, string? Offer, int? Capacity, string PlaceName, Proximity Proximity, string ProximityName, string? ContactName, string? ContactPhone);

    public sealed class Handler(JiexinDbContext db, ListAccess access)
    {
        public async Task<IReadOnlyList<Suggestion>?> Handle(Guid needId, ClaimsPrincipal user, CancellationToken ct)
        {
            var need = await db.Set<ListItem>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == needId && x.Kind == ListKind.Need, ct);
            if (need is null || !ListAccess.IsStaff(user) || !await access.CanSeeAsync(user, need))
            {
                return null;
            }

            if (need.Category is null)
            {
                return [];
            }

            var tagged = "|" + need.Category + "|";
            var community = need.CommunityId;
            var candidates = await db.Set<ListItem>().AsNoTracking()
                .Where(r => r.Kind == ListKind.Resource && r.Status == ListItemStatus.Open && r.Categories != null && r.Categories.Contains(tagged)
                            && (r.CommunityId == null || r.CommunityId == community))
                .ToListAsync(ct);
            return [.. candidates
                .Select(r => (Resource: r, Proximity: r.GridId != null && r.GridId == need.GridId ? Proximity.SameGrid
                    // A resource of another grid of the same community ranks with the community's own.
                    : r.CommunityId != null ? Proximity.SameCommunity
                    : Proximity.StreetWide))
                .OrderBy(x => x.Proximity).ThenByDescending(x => x.Resource.Capacity ?? 0).ThenBy(x => x.Resource.Title)
                .Take(MaxSuggestions)
                .Select(x => new Suggestion(x.Resource.Id, x.Resource.Title, x.Resource.ResourceKind, x.Resource.Offer, x.Resource.Capacity,
                    access.PlaceName(x.Resource.CommunityId, x.Resource.GridId), x.Proximity, Name(x.Proximity), x.Resource.ContactName, x.Resource.ContactPhoneMasked))];
        }
    }

    public static string Name(Proximity p) => p switch
    {
        Proximity.SameGrid => T("同网格", "Same grid"),
        Proximity.SameCommunity => T("同村社区", "Same community"),
        _ => T("全街道", "Street-wide"),
    };

    public static RouteHandlerBuilder Map(RouteGroupBuilder lists) =>
        lists.MapGet("/items/{id:guid}/resource-suggestions", async Task<Results<Ok<IReadOnlyList<Suggestion>>, ProblemHttpResult>> (
                Guid id, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.Handle(id, user, ct) is { } list ? TypedResults.Ok(list) : Problems.NotFound("未找到该群众需求。"))
            .WithName("ServiceLists.SuggestResources");
}
