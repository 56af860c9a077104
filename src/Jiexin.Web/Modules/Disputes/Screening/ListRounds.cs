using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiexin.Modules.Disputes.Screening;

/// <summary>排查 rounds per grid with their completion, in the caller's scope, filtered and paged; with the period's tally.</summary>
public static class ListRounds
{
    public const int MaxPageSize = 100;

    public sealed record Query(
        DateOnly? Period = null,
        Guid? CommunityId = null,
        Guid? GridId = null,
        ScreeningCompletion? Completion = null,
        int? Page = null,
        int? PageSize = null);

    /// <summary>How the rounds of the filter stand (all pages).</summary>
    public sealed record Tally(int Total, int Done, int NoneFound, int NotDone, int Overdue);

    public sealed record Page(IReadOnlyList<ScreeningRoundDto> Items, int Total, int PageNumber, int PageSize, DateOnly PeriodStart, DateOnly PeriodEnd, Tally Tally);

    public sealed class Handler(
        JiexinDbContext db, ScreeningAccess access, OpenRounds.Handler open, IOrgDirectory orgs, ITerritoryLookup territory,
        IOptions<ScreeningOptions> options, TimeProvider clock)
    {
        public async Task<Page> Handle(Query q, ClaimsPrincipal user, CancellationToken ct)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var current = ScreeningPeriods.At(now, options.Value.PeriodDays);
            var (start, end, _) = q.Period is { } day ? ScreeningPeriods.Of(day, options.Value.PeriodDays) : current;
            if (start == current.Start)
            {
                // The current period is always complete on screen, even before the job's first tick of the week.
                await open.OpenAllAsync(ct);
            }

            var page = Math.Max(1, q.Page ?? 1);
            var size = Math.Clamp(q.PageSize ?? 20, 1, MaxPageSize);
            var query = access.Visible(db.Set<ScreeningRound>().AsNoTracking(), user).Where(r => r.PeriodStart == start);
            if (q.CommunityId is { } community)
            {
                query = query.Where(r => r.CommunityId == community);
            }

            if (q.GridId is { } grid)
            {
                query = query.Where(r => r.GridId == grid);
            }

            var statuses = await query.GroupBy(r => new { r.Status, Late = r.DueAt <= now }).Select(g => new { g.Key.Status, g.Key.Late, Count = g.Count() }).ToListAsync(ct);
            var tally = new Tally(
                statuses.Sum(s => s.Count),
                statuses.Where(s => s.Status == ScreeningStatus.RisksFound).Sum(s => s.Count),
                statuses.Where(s => s.Status == ScreeningStatus.NoneFound).Sum(s => s.Count),
                statuses.Where(s => s.Status == ScreeningStatus.Pending && !s.Late).Sum(s => s.Count),
                statuses.Where(s => s.Status == ScreeningStatus.Pending && s.Late).Sum(s => s.Count));

            query = q.Completion switch
            {
                ScreeningCompletion.Done => query.Where(r => r.Status == ScreeningStatus.RisksFound),
                ScreeningCompletion.NoneFound => query.Where(r => r.Status == ScreeningStatus.NoneFound),
                ScreeningCompletion.NotDone => query.Where(r => r.Status == ScreeningStatus.Pending && r.DueAt > now),
                ScreeningCompletion.Overdue => query.Where(r => r.Status == ScreeningStatus.Pending && r.DueAt <= now),
                _ => query,
            };
            // A period holds one round per grid, so the filtered period (a few hundred rows at most) is read whole and
            // ordered as the territory lists its grids (communities in display order, grids by code): ordering by the
            // ids in SQL put 第12网格 before 第3网格 and mixed the communities.
            var rows = await query
                .Select(r => new
                {
                    Round = r,
                    Count = r.Risks.Count,
                    Highest = r.Risks.Select(x => (RiskLevel?)x.Risk).Max(),
                })
                .ToListAsync(ct);
            var place = TerritoryOrder();
            var items = rows
                .OrderBy(x => x.Round.Status == ScreeningStatus.Pending ? 0 : 1)
                .ThenBy(x => place.GetValueOrDefault(x.Round.GridId, int.MaxValue))
                .ThenBy(x => x.Round.GridId)
                .Skip((page - 1) * size).Take(size)
                .Select(x => ScreeningRoundDto.From(x.Round, orgs, now, x.Count, x.Highest ?? RiskLevel.None))
                .ToList();
            return new(items, rows.Count, page, size, start, end, tally);
        }

        /// <summary>Each grid's place in the territory's own order (the directory lists them so).</summary>
        private Dictionary<Guid, int> TerritoryOrder() =>
            territory.GridOutlines.Select((grid, i) => (grid.Id, i)).ToDictionary(x => x.Id, x => x.i);
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder screening) =>
        screening.MapGet("/rounds", async Task<Results<Ok<Page>, ValidationProblem>> (
                string? period, Guid? communityId, Guid? gridId, string? completion, int? page, int? pageSize,
                ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                DateOnly? day = null;
                if (!string.IsNullOrWhiteSpace(period))
                {
                    if (!DateOnly.TryParseExact(period, "yyyy-MM-dd", out var d))
                    {
                        return Problems.Validation("period", "排查周期请写成日期，如 2026-11-30。");
                    }

                    day = d;
                }

                ScreeningCompletion? c = null;
                if (!string.IsNullOrWhiteSpace(completion))
                {
                    if (!Enum.TryParse<ScreeningCompletion>(completion, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                    {
                        return Problems.Validation("completion", "完成情况只能是 Done、NoneFound、NotDone 或 Overdue。");
                    }

                    c = parsed;
                }

                return TypedResults.Ok(await handler.Handle(new(day, communityId, gridId, c, page, pageSize), user, ct));
            })
            .WithName("Disputes.ListScreeningRounds");
}
