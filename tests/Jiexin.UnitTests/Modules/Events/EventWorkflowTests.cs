using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Platform.Auth;

namespace Jiexin.UnitTests.Modules.Events;

public sealed class EventWorkflowTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 2, 0, 0, DateTimeKind.Utc);
    private static readonly OrgUnitRef Grid = new(OrgUnitKind.Grid, Guid.NewGuid());
    private static readonly OrgUnitRef Department = new(OrgUnitKind.Department, Guid.NewGuid());

    private static Event NewEvent(EventStatus status = EventStatus.Reported) => new()
    {
        Id = Guid.NewGuid(),
        TrackingCode = "JX261130TEST1",
        Description = "测试事件",
        Status = status,
        GridId = Grid.Id,
    };

    private static TransitionContext Ctx(OrgUnitRef? unit = null) => new(Guid.NewGuid(), "测试", unit, Now);

    public static TheoryData<EventAction, EventStatus> EveryActionFromEveryState()
    {
        var data = new TheoryData<EventAction, EventStatus>();
        foreach (var action in Enum.GetValues<EventAction>())
        {
            foreach (var status in Enum.GetValues<EventStatus>())
            {
                data.Add(action, status);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryActionFromEveryState))]
    public void An_action_succeeds_exactly_from_its_declared_states(EventAction action, EventStatus status)
    {
        var transition = EventWorkflow.Find(action)!;
        var e = NewEvent(status);
        e.DueAt = Now;
        e.AssigneeKind = Department.Kind;
        e.AssigneeId = Department.Id;
        var input = new TransitionInput("理由", Department, Guid.NewGuid(), Now.AddDays(3),
            Departments: [Department.Id, Guid.NewGuid()], Rating: 4, ActingUnit: Department);
        PrepareFor(action, e);

        var result = EventWorkflow.Apply(e, action, input, transition.Roles.ToList(), Ctx(Department));

        if (transition.From.Contains(status))
        {
            Assert.True(result.Succeeded, result.Message);
            // A row with Next picks its target after the effect (the last part done, a low rating); it ends in one of the table's states.
            if (transition.Next is null)
            {
                Assert.Equal(transition.To, e.Status);
            }

            var step = Assert.Single(e.Timeline);
            Assert.Equal(status, step.FromStatus);
            Assert.Equal(e.Status, step.ToStatus);
        }
        else
        {
            Assert.Equal(TransitionFailure.WrongStatus, result.Failure);
            Assert.Equal(status, e.Status);
            Assert.Empty(e.Timeline);
        }
    }

    /// <summary>What a row needs beyond its state to pass its guard: a summons to check in to, a closing to rate ...</summary>
    private static void PrepareFor(EventAction action, Event e)
    {
        switch (action)
        {
            case EventAction.Whistle:
                e.AssigneeKind = OrgUnitKind.Grid;
                e.AssigneeId = Grid.Id;
                break;
            case EventAction.CheckIn or EventAction.RecordPart:
                e.Summons.Add(new EventSummons
                {
                    Id = Guid.NewGuid(), EventId = e.Id, DepartmentId = Department.Id, SummonedAt = Now.AddHours(-1), CheckInDueAt = Now.AddMinutes(-30),
                    CheckedInAt = action == EventAction.RecordPart ? Now.AddMinutes(-40) : null,
                });
                break;
            case EventAction.Rate:
                e.ClosedAt = Now.AddDays(-1);
                break;
            case EventAction.ReopenAfterReview or EventAction.CloseAfterReview:
                e.ClosedAt = Now.AddDays(-1);
                e.Feedback.Add(new EventFeedback { Id = Guid.NewGuid(), EventId = e.Id, ClosedAt = e.ClosedAt.Value, Kind = FeedbackKind.Rated, Rating = 1 });
                break;
        }
    }

    [Fact]
    public void Roles_not_listed_are_refused_and_nothing_changes()
    {
        var e = NewEvent();
        var result = EventWorkflow.Apply(e, EventAction.Dispatch, new(Assignee: Department), [Roles.GridWorker, Roles.Resident], Ctx());
        Assert.Equal(TransitionFailure.RoleNotAllowed, result.Failure);
        Assert.Equal(EventStatus.Reported, e.Status);
        Assert.Null(e.AssigneeId);
    }

    [Theory]
    [InlineData(EventAction.Return, EventStatus.Dispatched)]
    [InlineData(EventAction.Reject, EventStatus.Reported)]
    [InlineData(EventAction.Suspend, EventStatus.Accepted)]
    [InlineData(EventAction.Handle, EventStatus.Accepted)]
    [InlineData(EventAction.VerifyFail, EventStatus.Handled)]
    [InlineData(EventAction.Reopen, EventStatus.Closed)]
    public void Actions_that_need_a_reason_refuse_without_one(EventAction action, EventStatus from)
    {
        var e = NewEvent(from);
        var roles = EventWorkflow.Find(action)!.Roles.ToList();
        var result = EventWorkflow.Apply(e, action, new TransitionInput(Note: "  "), roles, Ctx(Grid));
        Assert.Equal(TransitionFailure.GuardFailed, result.Failure);
        Assert.Equal(from, e.Status);
    }

    [Fact]
    public void Dispatch_needs_an_assignee_below_the_street()
    {
        var e = NewEvent();
        Assert.Equal(TransitionFailure.GuardFailed, EventWorkflow.Apply(e, EventAction.Dispatch, new(), [Roles.Commander], Ctx()).Failure);
        Assert.Equal(TransitionFailure.GuardFailed, EventWorkflow.Apply(e, EventAction.Dispatch, new(Assignee: new OrgUnitRef(OrgUnitKind.Street, Guid.NewGuid())), [Roles.Commander], Ctx()).Failure);
        Assert.True(EventWorkflow.Apply(e, EventAction.Dispatch, new(Assignee: Department), [Roles.Commander], Ctx()).Succeeded);
        Assert.Equal(Department.Id, e.AssigneeId);
    }

    [Fact]
    public void An_extension_must_ask_for_a_later_deadline_and_the_grant_sets_it()
    {
        var e = NewEvent(EventStatus.Accepted);
        e.DueAt = Now.AddDays(1);
        Assert.Equal(TransitionFailure.GuardFailed,
            EventWorkflow.Apply(e, EventAction.RequestExtension, new("雨天无法施工", DueAt: Now), [Roles.DepartmentStaff], Ctx()).Failure);
        Assert.True(EventWorkflow.Apply(e, EventAction.RequestExtension, new("雨天无法施工", DueAt: Now.AddDays(5)), [Roles.DepartmentStaff], Ctx()).Succeeded);
        Assert.True(EventWorkflow.Apply(e, EventAction.GrantExtension, new(DueAt: Now.AddDays(4)), [Roles.Commander], Ctx()).Succeeded);
        Assert.Equal(EventStatus.Accepted, e.Status);
        Assert.Equal(Now.AddDays(4), e.DueAt);
    }

    [Theory]
    [InlineData(OrgUnitKind.Grid, ResolutionTier.Grid)]
    [InlineData(OrgUnitKind.Community, ResolutionTier.Community)]
    [InlineData(OrgUnitKind.Department, ResolutionTier.Street)]
    public void Closing_records_the_tier_at_which_the_matter_was_resolved(OrgUnitKind assignee, ResolutionTier tier)
    {
        var e = NewEvent(EventStatus.Verified);
        e.AssigneeKind = assignee;
        e.AssigneeId = Guid.NewGuid();
        Assert.True(EventWorkflow.Apply(e, EventAction.Close, new(), [Roles.Commander], Ctx()).Succeeded);
        Assert.Equal(tier, e.ResolvedTier);
        Assert.Equal(Now, e.ClosedAt);
    }

    [Fact]
    public void Failed_verification_and_returns_go_back_to_the_dispatch_queue_unassigned()
    {
        var e = NewEvent(EventStatus.Handled);
        e.AssigneeKind = Department.Kind;
        e.AssigneeId = Department.Id;
        Assert.True(EventWorkflow.Apply(e, EventAction.VerifyFail, new("现场仍未修复"), [Roles.GridWorker], Ctx()).Succeeded);
        Assert.Equal(EventStatus.Reopened, e.Status);
        Assert.Null(e.AssigneeId);
        Assert.True(EventWorkflow.Apply(e, EventAction.Dispatch, new(Assignee: Department), [Roles.Commander], Ctx()).Succeeded);
    }

    [Fact]
    public void Scope_is_checked_against_the_grid_or_the_assignee_as_each_transition_declares()
    {
        var street = Guid.NewGuid();
        var e = NewEvent(EventStatus.Dispatched);
        e.AssigneeKind = Department.Kind;
        e.AssigneeId = Department.Id;
        Assert.Equal(Department, EventWorkflow.ScopeUnit(EventWorkflow.Find(EventAction.Accept)!, e, street));
        Assert.Equal(Grid, EventWorkflow.ScopeUnit(EventWorkflow.Find(EventAction.Dispatch)!, e, street));
        e.GridId = null;
        Assert.Equal(new OrgUnitRef(OrgUnitKind.Street, street), EventWorkflow.ScopeUnit(EventWorkflow.Find(EventAction.Dispatch)!, e, street));
    }
}
