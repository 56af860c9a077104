using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.SelfGovernance.Domain;
using Jiexin.Modules.SelfGovernance.Shared;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.SelfGovernance.Deliberations.Meetings;

/// <summary>议事会 list: filter by community, status, time range and words; newest first.</summary>
public static class ListMeetings
{
    public sealed record Query(Guid? CommunityId = null, MeetingStatus? Status = null, DateTime? From = null, DateTime? To = null, string? Q = null, int Page = 1, int PageSize = 20);

    public sealed record Item(
        Guid Id, Guid CommunityId, string CommunityName, string Title, string VenueName, DateTime ScheduledAt, MeetingStatus Status, string StatusName,
        int TopicCount, int ResolutionCount, int CarriedOutCount, int OpenTaskCount);

    public sealed record Page(IReadOnlyList<Item> Items, int Total, int PageNumber, int PageSize);

    public sealed class Handler(JiexinDbContext db, SelfGovernanceAccess access)
    {
        public async Task<Page> Handle(Query q, ClaimsPrincipal user, CancellationToken ct)
        {
            var size = Math.Clamp(q.PageSize, 1, 100);
            var number = Math.Max(1, q.Page);
            var visible = access.VisibleCommunities(user);
            var query = db.Set<DeliberationMeeting>().AsNoTracking();
            if (visible is not null)
            {
                query = query.Where(m => Enumerable.Contains(visible, m.CommunityId));
            }

            if (q.CommunityId is { } c)
            {
                query = query.Where(m => m.CommunityId == c);
            }

            if (q.Status is { } s)
            {
                query = query.Where(m => m.Status == s);
            }

            if (q.From is { } from)
            {
                query = query.Where(m => m.ScheduledAt >= from.ToUniversalTime());
            }

            if (q.To is { } to)
            {
                query = query.Where(m => m.ScheduledAt < to.ToUniversalTime());
            }

            if (!string.IsNullOrWhiteSpace(q.Q))
            {
                var words = q.Q.Trim();
                query = query.Where(m => m.Title.Contains(words) || m.VenueName.Contains(words) || m.Agenda.Any(a => a.Topic.Title.Contains(words)));
            }

            var total = await query.CountAsync(ct);
            var rows = await query.OrderByDescending(m => m.ScheduledAt).Skip((number - 1) * size).Take(size)
                .Select(m => new
                {
                    m.Id, m.CommunityId, m.Title, m.VenueName, m.ScheduledAt, m.Status,
                    Topics = m.Agenda.Count,
                    Resolutions = m.Resolutions.Count,
                    CarriedOut = m.Resolutions.Count(r => r.Status == ResolutionStatus.CarriedOut),
                    OpenTasks = m.Resolutions.SelectMany(r => r.Tasks).Count(t => t.State == TaskState.Open),
                })
                .ToListAsync(ct);
            return new([.. rows.Select(r => new Item(r.Id, r.CommunityId, access.CommunityName(r.CommunityId), r.Title, r.VenueName, r.ScheduledAt, r.Status,
                DeliberationRules.MeetingStatusName(r.Status), r.Topics, r.Resolutions, r.CarriedOut, r.OpenTasks))], total, number, size);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapGet("/meetings", async Task<Ok<Page>> ([AsParameters] Query q, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(q, user, ct)))
            .RequireAuthorization(Policies.Staff)
            .WithName("SelfGovernance.ListMeetings");
}
