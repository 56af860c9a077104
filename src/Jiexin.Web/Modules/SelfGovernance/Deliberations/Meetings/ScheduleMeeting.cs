using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.SelfGovernance.Domain;
using Jiexin.Modules.SelfGovernance.Shared;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.SelfGovernance.Deliberations.Meetings;

/// <summary>召集议事会: a venue of the community, a time, accepted topics as the agenda (in order), the invited attendees by party.</summary>
public static class ScheduleMeeting
{
    public sealed record Invitee(DeliberationParty Party, string Name);

    public sealed record Request(Guid? CommunityId, string? Title, Guid? VenueId, DateTime? ScheduledAt, IReadOnlyList<Guid>? TopicIds, IReadOnlyList<Invitee>? Attendees);

    public sealed class Handler(JiexinDbContext db, SelfGovernanceAccess access, TimeProvider clock)
    {
        public async Task<Outcome<MeetingDto>> Handle(Request body, ClaimsPrincipal user, CancellationToken ct)
        {
            if (body.CommunityId is not { } communityId || !access.CommunityExists(communityId))
            {
                return Outcome<MeetingDto>.Invalid("communityId", "请选择社区。");
            }

            if (!await access.CanManageAsync(user, communityId))
            {
                return Outcome<MeetingDto>.Forbidden("该社区不在您的职责范围内。");
            }

            var title = body.Title?.Trim();
            if (string.IsNullOrEmpty(title) || title.Length > 100)
            {
                return Outcome<MeetingDto>.Invalid("title", "请填写会议名称（不超过 100 字）。");
            }

            if (body.ScheduledAt is not { } at)
            {
                return Outcome<MeetingDto>.Invalid("scheduledAt", "请填写会议时间。");
            }

            var venue = body.VenueId is { } venueId
                ? await db.Set<DeliberationVenue>().AsNoTracking().SingleOrDefaultAsync(v => v.Id == venueId && v.CommunityId == communityId && v.IsActive, ct)
                : null;
            if (venue is null)
            {
                return Outcome<MeetingDto>.Invalid("venueId", "请选择本社区在用的议事场所。");
            }

            var topicIds = (body.TopicIds ?? []).Distinct().ToList();
            if (topicIds.Count == 0)
            {
                return Outcome<MeetingDto>.Invalid("topicIds", "请至少选择一个议题列入议程。");
            }

            var topics = await db.Set<DeliberationTopic>().Where(t => topicIds.Contains(t.Id) && t.CommunityId == communityId).ToListAsync(ct);
            if (topics.Count != topicIds.Count)
            {
                return Outcome<MeetingDto>.Invalid("topicIds", "所选议题不存在或不属于本社区。");
            }

            var invitees = body.Attendees ?? [];
            if (invitees.Count > DeliberationWorkflow.MaxAttendees || invitees.Any(a => string.IsNullOrWhiteSpace(a.Name) || a.Name.Trim().Length > 50))
            {
                return Outcome<MeetingDto>.Invalid("attendees", "请填写每位参会人员的姓名（不超过 50 字）。");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var context = new ActContext(user.GetUserId(), user.FindFirst(JiexinClaims.DisplayName)?.Value ?? "", now);
            var meeting = new DeliberationMeeting
            {
                Id = Guid.CreateVersion7(now), CommunityId = communityId, Title = title, VenueId = venue.Id, VenueName = venue.Name,
                ScheduledAt = at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : at.ToUniversalTime(),
                Status = MeetingStatus.Planned, CreatedAt = now, CreatedBy = context.UserName,
            };
            var position = 0;
            foreach (var id in topicIds)
            {
                var topic = topics.Single(t => t.Id == id);
                var step = DeliberationWorkflow.Topics.Apply(topic, TopicAction.PutOnAgenda, new(), context);
                if (!step.Succeeded)
                {
                    return Outcome<MeetingDto>.Invalid("topicIds", $"议题“{topic.Title}”{step.Message}");
                }

                meeting.Agenda.Add(new MeetingAgendaItem { Id = Guid.CreateVersion7(now), MeetingId = meeting.Id, TopicId = topic.Id, Topic = topic, Position = position++ });
            }

            meeting.Attendees = [.. invitees.Select(a => new MeetingAttendee { Id = Guid.CreateVersion7(now), MeetingId = meeting.Id, Party = a.Party, Name = a.Name.Trim() })];
            db.Add(meeting);
            await db.SaveChangesAsync(ct);
            return Outcome<MeetingDto>.Created(MeetingDto.From(meeting, access, true, MeetingDto.ChinaToday(clock)));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapPost("/meetings", async Task<Results<Ok<MeetingDto>, Created<MeetingDto>, ValidationProblem, ProblemHttpResult>> (
                Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                (await handler.Handle(body, user, ct)).ToHttp(m => $"/api/v1/deliberations/meetings/{m.Id}"))
            .RequireAuthorization(Policies.Staff)
            .WithName("SelfGovernance.ScheduleMeeting");
}
