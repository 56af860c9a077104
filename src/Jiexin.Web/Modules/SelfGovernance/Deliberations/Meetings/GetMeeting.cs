using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.SelfGovernance.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.SelfGovernance.Deliberations.Meetings;

public static class GetMeeting
{
    public sealed class Handler(JiexinDbContext db, SelfGovernanceAccess access, TimeProvider clock)
    {
        public async Task<MeetingDto?> Handle(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            var m = await MeetingDto.Load(db).AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (m is null || !await access.CanSeeAsync(user, m.CommunityId))
            {
                return null;
            }

            return MeetingDto.From(m, access, await access.CanManageAsync(user, m.CommunityId), MeetingDto.ChinaToday(clock));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapGet("/meetings/{id:guid}", async Task<Results<Ok<MeetingDto>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.Handle(id, user, ct) is { } m ? TypedResults.Ok(m) : Problems.NotFound("未找到该议事会。"))
            .RequireAuthorization(Policies.Staff)
            .WithName("SelfGovernance.GetMeeting");
}
