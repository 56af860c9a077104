using Jiexin.Data;
using Jiexin.Modules.Registry.Contracts;
using Jiexin.Modules.Registry.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.Figures;

/// <summary>Three grouped counts (people, houses, open campaigns' items), merged per community.</summary>
internal sealed class RegistryFigures(JiexinDbContext db) : IRegistryFigures
{
    public async Task<IReadOnlyList<RegistryCommunityFigures>> ByCommunityAsync(DateTime verifiedSinceUtc, DateOnly today, CancellationToken ct)
    {
        var people = await db.Set<Person>().AsNoTracking()
            .GroupBy(p => p.CommunityId)
            .Select(g => new { g.Key, All = g.Count(), Verified = g.Count(p => p.VerifiedAt >= verifiedSinceUtc) })
            .ToListAsync(ct);
        var houses = await db.Set<House>().AsNoTracking()
            .GroupBy(h => h.CommunityId)
            .Select(g => new { g.Key, All = g.Count(), Verified = g.Count(h => h.VerifiedAt >= verifiedSinceUtc) })
            .ToListAsync(ct);
        var items = await (
                from i in db.Set<VerificationItem>().AsNoTracking()
                join c in db.Set<VerificationCampaign>().AsNoTracking() on i.CampaignId equals c.Id
                where c.ClosedAt == null
                group new { i.Outcome, c.DueOn } by i.CommunityId into g
                select new
                {
                    g.Key,
                    All = g.Count(),
                    Done = g.Count(x => x.Outcome != VerificationOutcome.Pending),
                    Overdue = g.Count(x => x.Outcome == VerificationOutcome.Pending && x.DueOn < today),
                })
            .ToListAsync(ct);

        var communities = people.Select(p => p.Key).Concat(houses.Select(h => h.Key)).Concat(items.Select(i => i.Key)).Distinct();
        return [.. communities.Select(id =>
        {
            var p = people.FirstOrDefault(x => x.Key == id);
            var h = houses.FirstOrDefault(x => x.Key == id);
            var i = items.FirstOrDefault(x => x.Key == id);
            return new RegistryCommunityFigures(
                id ?? Guid.Empty, p?.All ?? 0, p?.Verified ?? 0, h?.All ?? 0, h?.Verified ?? 0, i?.All ?? 0, i?.Done ?? 0, i?.Overdue ?? 0);
        })];
    }
}
