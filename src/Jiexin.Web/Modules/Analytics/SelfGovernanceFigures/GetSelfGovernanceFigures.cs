using System.Globalization;
using System.Security.Claims;
using Jiexin.Modules.SelfGovernance.Contracts;
using Jiexin.Modules.ServiceLists.Contracts;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Calendar;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiexin.Modules.Analytics.SelfGovernanceFigures;

/// <summary>
/// Issue 7 §6 for the command centre: per community, a month's 三张清单 items opened and closed (on time), the year's
/// 书记项目 progress, and the month's 四方议事 meetings held and resolutions carried out — read through the two modules'
/// Contracts. The street sees every community; a community account its own; anyone else is refused.
/// </summary>
public static class GetSelfGovernanceFigures
{
    public sealed record CommunityFigures(
        Guid CommunityId,
        string CommunityName,
        int ListOpened,
        int ListClosed,
        int ListClosedOnTime,
        int ListOpenOverdue,
        int Projects,
        int ProjectProgress,
        int MilestonesDone,
        int MilestonesTotal,
        int MeetingsHeld,
        int ResolutionsCarriedOut);

    public sealed record Figures(string Month, IReadOnlyList<CommunityFigures> Communities)
    {
        /// <summary>Share of the month's closed items closed by their deadline, in percent (null when none closed).</summary>
        public double? OnTimeShare => Communities.Sum(c => c.ListClosed) is var closed and > 0
            ? Math.Round(100.0 * Communities.Sum(c => c.ListClosedOnTime) / closed, 1)
            : null;
    }

    public sealed class Handler(IOrgScope scopes, IServiceListFigures lists, ISelfGovernanceFigures deliberations, TimeProvider clock)
    {
        /// <summary>Null when the caller sees no community (a grid, a department, a resident).</summary>
        public async Task<Figures?> Handle(ClaimsPrincipal user, DateOnly month, CancellationToken ct)
        {
            var scope = scopes.FilterFor(user);
            if (!scope.AllTerritory && scope.CommunityIds.Length == 0)
            {
                return null;
            }

            var first = new DateOnly(month.Year, month.Month, 1);
            var monthText = first.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var listFigures = await lists.ForMonthAsync(monthText, ct);
            var projects = (await lists.ProjectsForYearAsync(first.Year, ct)).ToDictionary(p => p.CommunityId);
            var meetings = (await deliberations.DeliberationsByMonthAsync(first, first.AddMonths(1), ct))
                .Where(d => d.Year == first.Year && d.Month == first.Month)
                .ToDictionary(d => d.CommunityId);

            var rows = listFigures
                .Where(l => scope.AllTerritory || scope.CommunityIds.Contains(l.CommunityId))
                .Select(l =>
                {
                    var p = projects.GetValueOrDefault(l.CommunityId);
                    var m = meetings.GetValueOrDefault(l.CommunityId);
                    return new CommunityFigures(
                        l.CommunityId, l.CommunityName, l.Opened, l.Closed, l.ClosedOnTime, l.OpenOverdue,
                        p?.Projects ?? 0, p?.AverageProgress ?? 0, p?.MilestonesDone ?? 0, p?.MilestonesTotal ?? 0,
                        m?.MeetingsHeld ?? 0, m?.ResolutionsCarriedOut ?? 0);
                })
                .ToList();
            return new Figures(monthText, rows);
        }

        public DateOnly ThisMonth() => ChinaTime.Today(clock);
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder group) =>
        group.MapGet("/self-governance", async Task<Results<Ok<Figures>, ValidationProblem, ForbidHttpResult>> (
                string? month, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                DateOnly at;
                if (string.IsNullOrWhiteSpace(month))
                {
                    at = handler.ThisMonth();
                }
                else if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out at))
                {
                    return Problems.Validation("month", "月份格式应为 yyyy-MM，例如 2026-11。");
                }

                return await handler.Handle(user, at, ct) is { } figures ? TypedResults.Ok(figures) : TypedResults.Forbid();
            })
            .RequireAuthorization(Policies.Staff)
            .WithName("Analytics.SelfGovernance");
}
