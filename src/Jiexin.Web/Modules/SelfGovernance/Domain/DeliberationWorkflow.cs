namespace Jiexin.Modules.SelfGovernance.Domain;

public enum TopicAction
{
    Accept,
    Decline,
    PutOnAgenda,
    MarkDeliberated,
    TakeOffAgenda,
}

public enum MeetingAction
{
    RecordAttendance,
    Hold,
    Cancel,
    AddResolution,
}

public enum ResolutionAction
{
    Vote,
    Tally,
    Publish,
    AssignTask,
    CloseTask,
}

public sealed record AttendeeInput(DeliberationParty Party, string Name, bool Present);

/// <summary>What the person acting supplies (each row reads what it needs).</summary>
public sealed record DeliberationInput
{
    public string? Note { get; init; }
    public string? Minutes { get; init; }
    public IReadOnlyList<AttendeeInput>? Attendees { get; init; }
    public string? Text { get; init; }
    public Guid? TopicId { get; init; }
    public DeliberationParty? Party { get; init; }
    public VoteChoice? Choice { get; init; }
    public string? VoterName { get; init; }
    public string? Title { get; init; }
    public string? OwnerName { get; init; }
    public DateOnly? DueOn { get; init; }
    public Guid? TaskId { get; init; }
}

/// <summary>
/// 四方议事 as three explicit transition tables (topics, meetings, resolutions). The meeting's rows move its agenda
/// topics through the topic table; a resolution is carried out (已落实) when its last task is closed.
/// </summary>
public static class DeliberationWorkflow
{
    public static readonly StateTable<DeliberationTopic, TopicStatus, TopicAction, DeliberationInput> Topics = new(
    [
        new(TopicAction.Accept, "受理议题", States.Of(TopicStatus.Proposed), TopicStatus.Accepted, NoGuard, (t, _, _) => t.DecisionNote = null),
        new(TopicAction.Decline, "不予受理", States.Of(TopicStatus.Proposed, TopicStatus.Accepted), TopicStatus.Declined,
            (_, i) => Blank(i.Note) ? new("note", "请填写不予受理的理由。") : null, (t, i, _) => t.DecisionNote = i.Note!.Trim()),
        new(TopicAction.PutOnAgenda, "列入议程", States.Of(TopicStatus.Accepted), TopicStatus.OnAgenda, NoGuard, Nothing),
        new(TopicAction.TakeOffAgenda, "移出议程", States.Of(TopicStatus.OnAgenda), TopicStatus.Accepted, NoGuard, Nothing),
        new(TopicAction.MarkDeliberated, "议定", States.Of(TopicStatus.OnAgenda), TopicStatus.Deliberated, NoGuard, Nothing),
    ], t => t.Status, (t, s) => t.Status = s, DeliberationRules.TopicStatusName);

    public static readonly StateTable<DeliberationMeeting, MeetingStatus, MeetingAction, DeliberationInput> Meetings = new(
    [
        new(MeetingAction.RecordAttendance, "登记参会人员", States.Of(MeetingStatus.Planned), null,
            (_, i) => AttendeesProblem(i.Attendees),
            (m, i, c) => m.Attendees = [.. i.Attendees!.Select(a => new MeetingAttendee
            {
                Id = Guid.CreateVersion7(c.Now), MeetingId = m.Id, Party = a.Party, Name = a.Name.Trim(), Present = a.Present,
            })]),
        new(MeetingAction.Hold, "召开并记录纪要", States.Of(MeetingStatus.Planned), MeetingStatus.Held,
            (m, i) => Blank(i.Minutes) ? new("minutes", "请填写会议纪要。")
                : DeliberationRules.QuorumProblem(m.Attendees) is { } quorum ? new GuardFailure("attendees", quorum)
                : null,
            (m, i, c) =>
            {
                m.Minutes = i.Minutes!.Trim();
                m.HeldAt = c.Now;
                foreach (var item in m.Agenda)
                {
                    Topics.Apply(item.Topic, TopicAction.MarkDeliberated, i, c);
                }
            }),
        new(MeetingAction.Cancel, "取消会议", States.Of(MeetingStatus.Planned), MeetingStatus.Cancelled,
            (_, i) => Blank(i.Note) ? new("note", "请填写取消原因。") : null,
            (m, i, c) =>
            {
                m.CancelReason = i.Note!.Trim();
                foreach (var item in m.Agenda)
                {
                    Topics.Apply(item.Topic, TopicAction.TakeOffAgenda, i, c);
                }
            }),
        new(MeetingAction.AddResolution, "形成决议", States.Of(MeetingStatus.Held), null,
            (m, i) => Blank(i.Text) ? new("text", "请填写决议内容。")
                : i.TopicId is { } t && m.Agenda.All(a => a.TopicId != t) ? new("topicId", "所选议题不在本次会议议程中。")
                : null,
            (m, i, c) => m.Resolutions.Add(new Resolution
            {
                Id = Guid.CreateVersion7(c.Now), MeetingId = m.Id, CommunityId = m.CommunityId, TopicId = i.TopicId,
                Text = i.Text!.Trim(), Status = ResolutionStatus.Voting, CreatedAt = c.Now,
            })),
    ], m => m.Status, (m, s) => m.Status = s, DeliberationRules.MeetingStatusName);

    public static readonly StateTable<Resolution, ResolutionStatus, ResolutionAction, DeliberationInput> Resolutions = new(
    [
        new(ResolutionAction.Vote, "记录表决", States.Of(ResolutionStatus.Voting), null,
            (_, i) => i.Party is not { } p || !DeliberationRules.VotingParties.Contains(p) ? new("party", "请选择表决的一方（社区党组织、居委会、业委会或物业公司）。")
                : i.Choice is null ? new("choice", "请选择赞成、反对或弃权。")
                : null,
            (r, i, c) =>
            {
                // One vote per party: a later record corrects the earlier one.
                var vote = r.Votes.FirstOrDefault(v => v.Party == i.Party);
                if (vote is null)
                {
                    vote = new ResolutionVote { Id = Guid.CreateVersion7(c.Now), ResolutionId = r.Id, Party = i.Party!.Value };
                    r.Votes.Add(vote);
                }

                vote.Choice = i.Choice!.Value;
                vote.VoterName = Trim(i.VoterName);
                vote.RecordedAt = c.Now;
            }),
        new(ResolutionAction.Tally, "计票", States.Of(ResolutionStatus.Voting), null,
            (r, _) => DeliberationRules.Tally(r.Votes) is null
                ? new("party", $"尚有一方未表决：{string.Join("、", DeliberationRules.VotingParties.Where(p => r.Votes.All(v => v.Party != p)).Select(DeliberationRules.PartyName))}。")
                : null,
            (r, _, c) => r.DecidedAt = c.Now,
            r => DeliberationRules.Tally(r.Votes)!.Value),
        new(ResolutionAction.Publish, "公示", States.Of(ResolutionStatus.Carried, ResolutionStatus.CarriedOut), null,
            (r, _) => r.PublishedAt is not null ? new("publishedAt", "该决议已公示。") : null,
            (r, _, c) => r.PublishedAt = c.Now),
        new(ResolutionAction.AssignTask, "分派任务", States.Of(ResolutionStatus.Carried), null,
            (_, i) => Blank(i.Title) ? new("title", "请填写任务内容。")
                : Blank(i.OwnerName) ? new("ownerName", "请填写责任人。")
                : i.DueOn is null ? new("dueOn", "请填写完成期限。")
                : null,
            (r, i, c) => r.Tasks.Add(new ResolutionTask
            {
                Id = Guid.CreateVersion7(c.Now), ResolutionId = r.Id, Title = i.Title!.Trim(), OwnerName = i.OwnerName!.Trim(),
                OwnerParty = i.Party, DueOn = i.DueOn!.Value, State = TaskState.Open,
            })),
        new(ResolutionAction.CloseTask, "任务办结", States.Of(ResolutionStatus.Carried), null,
            (r, i) => i.TaskId is not { } id || r.Tasks.All(t => t.Id != id) ? new("taskId", "请选择要办结的任务。")
                : r.Tasks.Single(t => t.Id == id).State == TaskState.Closed ? new("taskId", "该任务已办结。")
                : Blank(i.Note) ? new("note", "请填写办理结果。")
                : null,
            (r, i, c) =>
            {
                var task = r.Tasks.Single(t => t.Id == i.TaskId);
                task.State = TaskState.Closed;
                task.ClosedAt = c.Now;
                task.Outcome = i.Note!.Trim();
                task.ClosedBy = c.UserName;
                if (r.Tasks.All(t => t.State == TaskState.Closed))
                {
                    r.CarriedOutAt = c.Now;
                }
            },
            // 闭环: the resolution is carried out when its last task closes.
            r => r.Tasks.All(t => t.State == TaskState.Closed) ? ResolutionStatus.CarriedOut : ResolutionStatus.Carried),
    ], r => r.Status, (r, s) => r.Status = s, DeliberationRules.ResolutionStatusName);

    public const int MaxAttendees = 100;

    private static GuardFailure? AttendeesProblem(IReadOnlyList<AttendeeInput>? attendees) =>
        attendees is null || attendees.Count == 0 ? new("attendees", "请登记参会人员。")
        : attendees.Count > MaxAttendees ? new("attendees", $"参会人员不超过 {MaxAttendees} 人。")
        : attendees.Any(a => Blank(a.Name) || a.Name.Trim().Length > 50) ? new("attendees", "请填写每位参会人员的姓名（不超过 50 字）。")
        : null;

    private static GuardFailure? NoGuard<TEntity>(TEntity _, DeliberationInput __) => null;

    private static void Nothing<TEntity>(TEntity _, DeliberationInput __, ActContext ___) { }

    private static bool Blank(string? s) => string.IsNullOrWhiteSpace(s);

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
