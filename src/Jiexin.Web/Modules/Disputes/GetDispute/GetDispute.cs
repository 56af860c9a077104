using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Disputes.Shared;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Disputes.GetDispute;

/// <summary>One dispute with its parties (masked), timeline, sessions, meetings, referrals, agreement and the caller's actions. Not visible → 404.</summary>
public static class GetDispute
{
    public sealed class Handler(JiexinDbContext db, DisputeAccess access, PartyData parties, ITerritoryLookup territory)
    {
        public async Task<DisputeDto?> Handle(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            var d = await Load(db).AsNoTracking().Include(x => x.Timeline).SingleOrDefaultAsync(x => x.Id == id, ct);
            if (d is null || !await access.CanSeeAsync(user, d))
            {
                return null;
            }

            var resident = !DisputeAccess.IsStaff(user);
            return DisputeDto.From(d, parties, territory, resident ? [] : await access.AvailableActionsAsync(user, d), forResident: resident)
                with { Evidence = await Evidence.DisputeEvidence.Uploads.OfOwnerAsync(db, d.Id, ct) };
        }
    }

    /// <summary>A dispute with what its transitions and its page read.</summary>
    internal static IQueryable<Dispute> Load(JiexinDbContext db) => db.Set<Dispute>()
        .Include(x => x.Parties).Include(x => x.Sessions).Include(x => x.Meetings).Include(x => x.Referrals).Include(x => x.Agreement).Include(x => x.FollowUps)
        .AsSplitQuery();

    public static RouteHandlerBuilder Map(RouteGroupBuilder disputes) =>
        disputes.MapGet("/{id:guid}", async Task<Results<Ok<DisputeDto>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.Handle(id, user, ct) is { } dto ? TypedResults.Ok(dto) : Problems.NotFound("未找到该纠纷。"))
            .WithName("Disputes.GetDispute");
}
