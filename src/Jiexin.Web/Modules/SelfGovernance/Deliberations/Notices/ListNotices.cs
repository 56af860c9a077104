using Jiexin.Data;
using Jiexin.Modules.SelfGovernance.Domain;
using Jiexin.Modules.SelfGovernance.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.SelfGovernance.Deliberations.Notices;

public sealed record NoticeTask(string Title, string OwnerName, DateOnly DueOn, bool Done);

/// <summary>决议公示 as residents see it: no voter names, the parties' votes, the tasks and whether they are done.</summary>
public sealed record NoticeDto(
    Guid ResolutionId, string CommunityName, string MeetingTitle, string VenueName, DateTime? HeldAt, string? TopicTitle, string Text,
    ResolutionStatus Status, string StatusName, DateTime PublishedAt, IReadOnlyList<string> Votes, IReadOnlyList<NoticeTask> Tasks);

/// <summary>Published resolutions of one community, newest first (public: residents read them without an account).</summary>
public static class ListNotices
{
    public sealed class Handler(JiexinDbContext db, SelfGovernanceAccess access)
    {
        public async Task<IReadOnlyList<NoticeDto>> Handle(Guid communityId, int limit, CancellationToken ct)
        {
            var rows = await db.Set<Resolution>().AsNoTracking()
                .Where(r => r.CommunityId == communityId && r.PublishedAt != null)
                .OrderByDescending(r => r.PublishedAt)
                .Take(Math.Clamp(limit, 1, 100))
                .Include(r => r.Votes).Include(r => r.Tasks).AsSplitQuery()
                .ToListAsync(ct);
            var meetingIds = rows.Select(r => r.MeetingId).Distinct().ToList();
            var meetings = await db.Set<DeliberationMeeting>().AsNoTracking().Where(m => meetingIds.Contains(m.Id))
                .Select(m => new { m.Id, m.Title, m.VenueName, m.HeldAt }).ToDictionaryAsync(m => m.Id, ct);
            var topicIds = rows.Where(r => r.TopicId != null).Select(r => r.TopicId!.Value).Distinct().ToList();
            var topics = await db.Set<DeliberationTopic>().AsNoTracking().Where(t => topicIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Title, ct);
            var community = access.CommunityName(communityId);
            return [.. rows.Select(r =>
            {
                var m = meetings[r.MeetingId];
                return new NoticeDto(r.Id, community, m.Title, m.VenueName, m.HeldAt, r.TopicId is { } t ? topics.GetValueOrDefault(t) : null, r.Text,
                    r.Status, DeliberationRules.ResolutionStatusName(r.Status), r.PublishedAt!.Value,
                    [.. r.Votes.OrderBy(v => v.Party).Select(v => $"{DeliberationRules.PartyName(v.Party)}：{DeliberationRules.ChoiceName(v.Choice)}")],
                    [.. r.Tasks.OrderBy(x => x.DueOn).Select(x => new NoticeTask(x.Title, x.OwnerName, x.DueOn, x.State == TaskState.Closed))]);
            })];
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapGet("/notices", async Task<Results<Ok<IReadOnlyList<NoticeDto>>, ValidationProblem>> (Guid? communityId, SelfGovernanceAccess access, Handler handler, CancellationToken ct) =>
                communityId is { } c && access.CommunityExists(c)
                    ? TypedResults.Ok(await handler.Handle(c, 50, ct))
                    : Jiexin.Platform.Http.Problems.Validation("communityId", "请选择社区。"))
            .WithName("SelfGovernance.ListNotices");
}
