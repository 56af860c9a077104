using System.Security.Claims;
using Jiexin.Modules.Registry.Contracts;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Calendar;
using Jiexin.Platform.Localization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiexin.Modules.Analytics.RegistryFigures;

/// <summary>
/// Issue 8 §1 "registry verification" for the command centre: per community, people and houses on the register, the
/// share verified on site in the last 12 months, and the open 核查 campaigns' progress — through Registry's Contracts.
/// The street sees every community; a community account its own; anyone else is refused (the register is kept per
/// community).
/// </summary>
public static class GetRegistryFigures
{
    /// <summary>Verified within this many days counts as current (信息数据 are checked at least yearly).</summary>
    public const int CurrentDays = 365;

    public sealed record CommunityLine(
        Guid CommunityId,
        string CommunityName,
        int People,
        int PeopleVerified,
        double? PeopleVerifiedShare,
        int Houses,
        int HousesVerified,
        double? HousesVerifiedShare,
        int CampaignItems,
        int CampaignItemsDone,
        int CampaignItemsOverdue);

    public sealed record Figures(DateOnly VerifiedSince, CommunityLine Total, IReadOnlyList<CommunityLine> Communities);

    public sealed class Handler(IOrgScope scopes, IRegistryFigures registry, ITerritoryLookup territory, TimeProvider clock)
    {
        /// <summary>Null when the caller sees no community (a grid, a department, a resident).</summary>
        public async Task<Figures?> Handle(ClaimsPrincipal user, CancellationToken ct)
        {
            var scope = scopes.FilterFor(user);
            if (!scope.AllTerritory && scope.CommunityIds.Length == 0)
            {
                return null;
            }

            var today = ChinaTime.Today(clock);
            var since = today.AddDays(1 - CurrentDays);
            var names = territory.Communities.ToDictionary(c => c.Id, c => c.Name);
            var lines = (await registry.ByCommunityAsync(ChinaTime.ToUtc(since.ToDateTime(TimeOnly.MinValue)), today, ct))
                .Where(f => scope.AllTerritory || scope.CommunityIds.Contains(f.CommunityId))
                .Select(f => Line(f.CommunityId, f.CommunityId == Guid.Empty ? Text.T("未定位", "No place") : names.GetValueOrDefault(f.CommunityId, f.CommunityId.ToString()), f))
                .OrderByDescending(l => l.People)
                .ToList();
            var total = Line(Guid.Empty, Text.T("合计", "Total"), new RegistryCommunityFigures(
                Guid.Empty, lines.Sum(l => l.People), lines.Sum(l => l.PeopleVerified), lines.Sum(l => l.Houses), lines.Sum(l => l.HousesVerified),
                lines.Sum(l => l.CampaignItems), lines.Sum(l => l.CampaignItemsDone), lines.Sum(l => l.CampaignItemsOverdue)));
            return new Figures(since, total, lines);
        }

        private static CommunityLine Line(Guid id, string name, RegistryCommunityFigures f) => new(
            id, name, f.People, f.PeopleVerified, Share(f.PeopleVerified, f.People), f.Houses, f.HousesVerified, Share(f.HousesVerified, f.Houses),
            f.CampaignItems, f.CampaignItemsDone, f.CampaignItemsOverdue);

        private static double? Share(int part, int whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 1);
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder group) =>
        group.MapGet("/registry", async Task<Results<Ok<Figures>, ForbidHttpResult>> (ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.Handle(user, ct) is { } figures ? TypedResults.Ok(figures) : TypedResults.Forbid())
            .RequireAuthorization(Policies.Staff)
            .WithName("Analytics.Registry");
}
