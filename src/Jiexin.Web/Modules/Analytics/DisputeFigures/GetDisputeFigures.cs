using System.Security.Claims;
using Jiexin.Modules.Disputes.Contracts;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Calendar;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiexin.Modules.Analytics.DisputeFigures;

/// <summary>
/// Issue 8 §1 dispute figures for the command centre: over the last 30 and 365 days (China dates, today included), cases
/// received, closed, mediated successfully, not resolved, and referred to 五调联动 — with the success rate — through
/// Disputes' <see cref="IDisputeFigures"/>. The street sees the whole centre; a community account its community's
/// cases; anyone else is refused.
/// </summary>
public static class GetDisputeFigures
{
    public static readonly int[] Windows = [30, 365];

    public sealed record Period(int Days, DateOnly From, DateOnly To, int Received, int Closed, int Successful, int Failed, int Referred, double? SuccessShare)
    {
        /// <summary>Issue 6 §10: resolution levels (矛盾不上交), rates and days to resolve of the cases closed in the period.</summary>
        public Resolution? Resolution { get; init; }
    }

    /// <summary>Rates in percent (one decimal), null when there is nothing to divide by; see <see cref="DisputeResolutionFigures"/>.</summary>
    public sealed record Resolution(
        int ResolvedInCommunity, int ResolvedAtStreet, int ReferredUp, int NotResolved, double? KeptBelowRate,
        int Successful, int MediatedConcluded, double? SuccessRate,
        int VisitsWithPerformance, int VisitsHonoured, double? HonouredRate,
        int FollowUpsDue, int FollowUpsMade, double? FollowUpRate,
        int ResolvedCount, double? MedianDaysToResolve, double? MeanDaysToResolve)
    {
        public static Resolution From(DisputeResolutionFigures f) => new(
            f.ResolvedInCommunity, f.ResolvedAtStreet, f.ReferredUp, f.NotResolved, f.KeptBelowRate,
            f.Successful, f.MediatedConcluded, f.SuccessRate,
            f.VisitsWithPerformance, f.VisitsHonoured, f.HonouredRate,
            f.FollowUpsDue, f.FollowUpsMade, f.FollowUpRate,
            f.DaysToResolve.Count, f.MedianDays, f.MeanDays);
    }

    public sealed record Figures(IReadOnlyList<Period> Periods);

    public sealed class Handler(IOrgScope scopes, IDisputeFigures disputes, TimeProvider clock)
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
            var end = ChinaTime.ToUtc(today.AddDays(1).ToDateTime(TimeOnly.MinValue));
            var periods = new List<Period>();
            foreach (var days in Windows)
            {
                var from = today.AddDays(1 - days);
                var start = ChinaTime.ToUtc(from.ToDateTime(TimeOnly.MinValue));
                var parts = scope.AllTerritory
                    ? [await disputes.CountAsync(start, end, null, ct)]
                    : await CountEachAsync(scope.CommunityIds, start, end, ct);
                var closed = parts.Sum(p => p.Closed);
                var successful = parts.Sum(p => p.Successful);
                var now = clock.GetUtcNow().UtcDateTime;
                var resolution = scope.AllTerritory
                    ? await disputes.ResolutionAsync(start, end, now, null, ct)
                    : DisputeResolutionFigures.Sum(await ResolveEachAsync(scope.CommunityIds, start, end, now, ct));
                periods.Add(new Period(days, from, today, parts.Sum(p => p.Received), closed, successful, parts.Sum(p => p.Failed),
                    parts.Sum(p => p.Referred), closed == 0 ? null : Math.Round(100.0 * successful / closed, 1)) { Resolution = Resolution.From(resolution) });
            }

            return new Figures(periods);
        }

        private async Task<List<DisputeResolutionFigures>> ResolveEachAsync(Guid[] communities, DateTime start, DateTime end, DateTime now, CancellationToken ct)
        {
            var parts = new List<DisputeResolutionFigures>();
            foreach (var community in communities)
            {
                parts.Add(await disputes.ResolutionAsync(start, end, now, community, ct));
            }

            return parts;
        }

        private async Task<List<DisputePeriodFigures>> CountEachAsync(Guid[] communities, DateTime start, DateTime end, CancellationToken ct)
        {
            var parts = new List<DisputePeriodFigures>();
            foreach (var community in communities)
            {
                parts.Add(await disputes.CountAsync(start, end, community, ct));
            }

            return parts;
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder group) =>
        group.MapGet("/disputes", async Task<Results<Ok<Figures>, ForbidHttpResult>> (ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.Handle(user, ct) is { } figures ? TypedResults.Ok(figures) : TypedResults.Forbid())
            .RequireAuthorization(Policies.Staff)
            .WithName("Analytics.Disputes");
}
