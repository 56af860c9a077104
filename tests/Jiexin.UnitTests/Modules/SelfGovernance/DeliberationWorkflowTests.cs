using Jiexin.Modules.SelfGovernance.Domain;

namespace Jiexin.UnitTests.Modules.SelfGovernance;

public sealed class DeliberationWorkflowTests
{
    private static readonly ActContext Ctx = new(Guid.NewGuid(), "社区干部", new DateTime(2026, 11, 29, 8, 0, 0, DateTimeKind.Utc));

    private static MeetingAttendee Person(DeliberationParty party, bool present) => new() { Party = party, Name = "某", Present = present };

    private static ResolutionVote Vote(DeliberationParty party, VoteChoice choice) => new() { Party = party, Choice = choice };

    [Fact]
    public void Quorum_is_met_with_every_party_present_and_at_least_half_of_the_invited()
    {
        List<MeetingAttendee> all = [.. DeliberationRules.VotingParties.Select(p => Person(p, true))];
        Assert.Null(DeliberationRules.QuorumProblem(all));

        all.AddRange(Enumerable.Range(0, 4).Select(_ => Person(DeliberationParty.Residents, false))); // 4 of 8
        Assert.Null(DeliberationRules.QuorumProblem(all));

        all.Add(Person(DeliberationParty.Residents, false)); // 4 of 9
        Assert.Contains("不足半数", DeliberationRules.QuorumProblem(all));
    }

    [Fact]
    public void Quorum_names_the_party_that_is_missing()
    {
        List<MeetingAttendee> attendees = [.. DeliberationRules.VotingParties.Select(p => Person(p, p != DeliberationParty.OwnersCommittee))];
        Assert.Contains("业委会", DeliberationRules.QuorumProblem(attendees));
    }

    [Theory]
    [InlineData(VoteChoice.For, VoteChoice.For, VoteChoice.For, VoteChoice.Against, ResolutionStatus.Carried)]
    [InlineData(VoteChoice.For, VoteChoice.For, VoteChoice.Abstain, VoteChoice.Against, ResolutionStatus.Rejected)]
    [InlineData(VoteChoice.For, VoteChoice.For, VoteChoice.For, VoteChoice.For, ResolutionStatus.Carried)]
    public void Three_of_the_four_parties_for_carries(VoteChoice a, VoteChoice b, VoteChoice c, VoteChoice d, ResolutionStatus expected)
    {
        var votes = DeliberationRules.VotingParties.Zip([a, b, c, d], Vote).ToList();
        Assert.Equal(expected, DeliberationRules.Tally(votes));
        Assert.Null(DeliberationRules.Tally(votes.Take(3).ToList()));
    }

    [Fact]
    public void Residents_representatives_do_not_vote_as_a_party()
    {
        var r = new Resolution { Text = "决议", Status = ResolutionStatus.Voting };
        var result = DeliberationWorkflow.Resolutions.Apply(r, ResolutionAction.Vote, new() { Party = DeliberationParty.Residents, Choice = VoteChoice.For }, Ctx);
        Assert.Equal(StepFailure.GuardFailed, result.Failure);
        Assert.Empty(r.Votes);
    }

    [Fact]
    public void A_later_vote_of_a_party_replaces_its_earlier_one()
    {
        var r = new Resolution { Text = "决议", Status = ResolutionStatus.Voting };
        DeliberationWorkflow.Resolutions.Apply(r, ResolutionAction.Vote, new() { Party = DeliberationParty.PropertyCompany, Choice = VoteChoice.Against }, Ctx);
        DeliberationWorkflow.Resolutions.Apply(r, ResolutionAction.Vote, new() { Party = DeliberationParty.PropertyCompany, Choice = VoteChoice.For }, Ctx);
        Assert.Equal(VoteChoice.For, Assert.Single(r.Votes).Choice);
    }

    [Fact]
    public void Closing_the_last_task_carries_the_resolution_out()
    {
        var r = new Resolution { Text = "决议", Status = ResolutionStatus.Carried };
        var due = new DateOnly(2026, 12, 10);
        DeliberationWorkflow.Resolutions.Apply(r, ResolutionAction.AssignTask, new() { Title = "甲", OwnerName = "张", DueOn = due }, Ctx);
        DeliberationWorkflow.Resolutions.Apply(r, ResolutionAction.AssignTask, new() { Title = "乙", OwnerName = "李", DueOn = due }, Ctx);

        Assert.True(DeliberationWorkflow.Resolutions.Apply(r, ResolutionAction.CloseTask, new() { TaskId = r.Tasks[0].Id, Note = "完成" }, Ctx).Succeeded);
        Assert.Equal(ResolutionStatus.Carried, r.Status);
        Assert.Null(r.CarriedOutAt);

        Assert.True(DeliberationWorkflow.Resolutions.Apply(r, ResolutionAction.CloseTask, new() { TaskId = r.Tasks[1].Id, Note = "完成" }, Ctx).Succeeded);
        Assert.Equal(ResolutionStatus.CarriedOut, r.Status);
        Assert.Equal(Ctx.Now, r.CarriedOutAt);
        Assert.Equal(StepFailure.WrongStatus, DeliberationWorkflow.Resolutions.Apply(r, ResolutionAction.AssignTask, new() { Title = "丙", OwnerName = "王", DueOn = due }, Ctx).Failure);
    }

    [Fact]
    public void Holding_a_meeting_marks_its_agenda_deliberated_and_cancelling_returns_it()
    {
        DeliberationMeeting Meeting()
        {
            var topic = new DeliberationTopic { Title = "t", Description = "d", ProposerName = "p", Status = TopicStatus.OnAgenda };
            return new DeliberationMeeting
            {
                Title = "会", VenueName = "民情茶馆", Agenda = [new MeetingAgendaItem { Topic = topic }],
                Attendees = [.. DeliberationRules.VotingParties.Select(p => Person(p, true))],
            };
        }

        var held = Meeting();
        Assert.True(DeliberationWorkflow.Meetings.Apply(held, MeetingAction.Hold, new() { Minutes = "纪要" }, Ctx).Succeeded);
        Assert.Equal((MeetingStatus.Held, TopicStatus.Deliberated), (held.Status, held.Agenda[0].Topic.Status));

        var cancelled = Meeting();
        Assert.Equal(StepFailure.GuardFailed, DeliberationWorkflow.Meetings.Apply(cancelled, MeetingAction.Cancel, new(), Ctx).Failure);
        Assert.True(DeliberationWorkflow.Meetings.Apply(cancelled, MeetingAction.Cancel, new() { Note = "改期" }, Ctx).Succeeded);
        Assert.Equal((MeetingStatus.Cancelled, TopicStatus.Accepted), (cancelled.Status, cancelled.Agenda[0].Topic.Status));
        Assert.Equal(StepFailure.WrongStatus, DeliberationWorkflow.Meetings.Apply(cancelled, MeetingAction.Hold, new() { Minutes = "纪要" }, Ctx).Failure);
    }
}
