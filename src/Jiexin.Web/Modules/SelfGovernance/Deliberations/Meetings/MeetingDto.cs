using Jiexin.Data;
using Jiexin.Modules.SelfGovernance.Deliberations.Topics;
using Jiexin.Modules.SelfGovernance.Domain;
using Jiexin.Modules.SelfGovernance.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.SelfGovernance.Deliberations.Meetings;

public sealed record AttendeeDto(DeliberationParty Party, string PartyName, string Name, bool Present);

public sealed record VoteDto(DeliberationParty Party, string PartyName, VoteChoice Choice, string ChoiceName, string? VoterName, DateTime RecordedAt);

public sealed record TaskDto(
    Guid Id, string Title, string OwnerName, DeliberationParty? OwnerParty, DateOnly DueOn, TaskState State, DateTime? ClosedAt, string? Outcome, string? ClosedBy, bool Overdue);

public sealed record ResolutionDto(
    Guid Id, Guid? TopicId, string Text, ResolutionStatus Status, string StatusName, DateTime CreatedAt, DateTime? DecidedAt, DateTime? PublishedAt,
    DateTime? CarriedOutAt, int Version, IReadOnlyList<VoteDto> Votes, IReadOnlyList<TaskDto> Tasks, IReadOnlyList<ResolutionAction> Actions);

public sealed record MeetingDto(
    Guid Id, Guid CommunityId, string CommunityName, string Title, Guid VenueId, string VenueName, DateTime ScheduledAt, MeetingStatus Status,
    string StatusName, DateTime? HeldAt, string? Minutes, string? CancelReason, string? CreatedBy, int Version,
    IReadOnlyList<TopicDto> Agenda, IReadOnlyList<AttendeeDto> Attendees, bool QuorumMet, string? QuorumProblem,
    IReadOnlyList<ResolutionDto> Resolutions, IReadOnlyList<MeetingAction> Actions)
{
    /// <summary>The meeting with everything its detail shows (agenda topics, attendees, resolutions with votes and tasks).</summary>
    internal static IQueryable<DeliberationMeeting> Load(JiexinDbContext db) =>
        db.Set<DeliberationMeeting>()
            .Include(m => m.Agenda).ThenInclude(a => a.Topic)
            .Include(m => m.Attendees)
            .Include(m => m.Resolutions).ThenInclude(r => r.Votes)
            .Include(m => m.Resolutions).ThenInclude(r => r.Tasks)
            .AsSplitQuery();

    /// <param name="canManage">Whether to offer the state's actions (a reader gets none).</param>
    /// <param name="today">Today in China (deadlines are dates).</param>
    internal static MeetingDto From(DeliberationMeeting m, SelfGovernanceAccess access, bool canManage, DateOnly today)
    {
        var quorum = DeliberationRules.QuorumProblem(m.Attendees);
        return new(
            m.Id, m.CommunityId, access.CommunityName(m.CommunityId), m.Title, m.VenueId, m.VenueName, m.ScheduledAt, m.Status,
            DeliberationRules.MeetingStatusName(m.Status), m.HeldAt, m.Minutes, m.CancelReason, m.CreatedBy, m.Version,
            [.. m.Agenda.OrderBy(a => a.Position).Select(a => TopicDto.From(a.Topic, access))],
            [.. m.Attendees.OrderBy(a => a.Party).ThenBy(a => a.Name).Select(a => new AttendeeDto(a.Party, DeliberationRules.PartyName(a.Party), a.Name, a.Present))],
            quorum is null, quorum,
            [.. m.Resolutions.OrderBy(r => r.CreatedAt).Select(r => ResolutionFrom(r, canManage, today))],
            canManage ? DeliberationWorkflow.Meetings.Available(m) : []);
    }

    internal static ResolutionDto ResolutionFrom(Resolution r, bool canManage, DateOnly today) =>
        new(r.Id, r.TopicId, r.Text, r.Status, DeliberationRules.ResolutionStatusName(r.Status), r.CreatedAt, r.DecidedAt, r.PublishedAt, r.CarriedOutAt, r.Version,
            [.. r.Votes.OrderBy(v => v.Party).Select(v => new VoteDto(v.Party, DeliberationRules.PartyName(v.Party), v.Choice, DeliberationRules.ChoiceName(v.Choice), v.VoterName, v.RecordedAt))],
            [.. r.Tasks.OrderBy(t => t.DueOn).ThenBy(t => t.Id).Select(t => new TaskDto(t.Id, t.Title, t.OwnerName, t.OwnerParty, t.DueOn, t.State, t.ClosedAt, t.Outcome, t.ClosedBy,
                t.State == TaskState.Open && t.DueOn < today))],
            canManage ? [.. DeliberationWorkflow.Resolutions.Available(r).Where(a => a != ResolutionAction.Publish || r.PublishedAt is null)] : []);

    /// <summary>Today's date in China (UTC+8, no daylight saving).</summary>
    internal static DateOnly ChinaToday(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8));
}
