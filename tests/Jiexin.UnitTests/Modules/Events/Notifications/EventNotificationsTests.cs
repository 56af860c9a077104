using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.Notifications;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Notifications;

namespace Jiexin.UnitTests.Modules.Events.Notifications;

/// <summary>Who hears of which step: the rule table, the fallback for steps it does not know, nobody told of their own action.</summary>
public sealed class EventNotificationsTests
{
    private static readonly Guid Reporter = Guid.NewGuid();
    private static readonly Guid Commander = Guid.NewGuid();
    private static readonly Guid Department = Guid.NewGuid();
    private static readonly Guid Grid = Guid.NewGuid();
    private static readonly Guid Community = Guid.NewGuid();

    private static Event NewEvent() => new()
    {
        Id = Guid.NewGuid(),
        TrackingCode = "JX261129ABCDE",
        Description = "路灯不亮",
        ReporterUserId = Reporter,
        GridId = Grid,
        CommunityId = Community,
        AssigneeKind = OrgUnitKind.Department,
        AssigneeId = Department,
        Status = EventStatus.Dispatched,
    };

    private static EventTimelineEntry Step(Event e, string action, Guid? actor) =>
        new() { Id = Guid.NewGuid(), EventId = e.Id, Action = action, ToStatus = e.Status, ActorUserId = actor, At = DateTime.UtcNow };

    [Fact]
    public void Dispatch_tells_the_assigned_department_by_sms_too_and_the_reporter_by_wechat()
    {
        var e = NewEvent();
        var (staff, reporter) = EventNotifications.For(e, Step(e, nameof(EventAction.Dispatch), Commander), null);

        Assert.NotNull(staff);
        Assert.Equal([Audience.Unit(OrgUnitKind.Department, Department)], staff.Audiences);
        Assert.True(staff.Channels.HasFlag(NotificationChannels.Sms));
        Assert.Equal(Commander, staff.ExcludeUserId);
        Assert.Equal($"/events/{e.Id}", staff.StaffLink);

        Assert.NotNull(reporter);
        Assert.Equal([Audience.User(Reporter)], reporter.Audiences);
        Assert.True(reporter.Channels.HasFlag(NotificationChannels.WeChat));
        Assert.Equal($"/m/events/{e.Id}", reporter.ResidentLink);
    }

    [Fact]
    public void Overdue_goes_to_the_assignee_and_the_command_centre_as_a_deadline_notice()
    {
        var e = NewEvent();
        var (staff, reporter) = EventNotifications.For(e, Step(e, "Overdue", null), null);
        Assert.NotNull(staff);
        Assert.Equal(NotificationKind.Deadline, staff.Kind);
        Assert.Contains(Audience.Role(Roles.Commander), staff.Audiences);
        Assert.Contains(Audience.Unit(OrgUnitKind.Department, Department), staff.Audiences);
        Assert.Null(reporter);
    }

    [Fact]
    public void A_failed_verification_tells_the_unit_that_held_it_before()
    {
        var e = NewEvent();
        e.AssigneeKind = null;
        e.AssigneeId = null;
        var before = new OrgUnitRef(OrgUnitKind.Department, Department);
        var (staff, _) = EventNotifications.For(e, Step(e, nameof(EventAction.VerifyFail), Guid.NewGuid()), before);
        Assert.NotNull(staff);
        Assert.Contains(Audience.Unit(OrgUnitKind.Department, Department), staff.Audiences);
        Assert.Contains(Audience.Role(Roles.Commander), staff.Audiences);
    }

    [Fact]
    public void A_step_the_table_does_not_know_still_reaches_the_holder_and_the_reporter()
    {
        var e = NewEvent();
        var (staff, reporter) = EventNotifications.For(e, Step(e, "SomeFutureStep", Guid.NewGuid()), null);
        Assert.NotNull(staff);
        Assert.Equal([Audience.Unit(OrgUnitKind.Department, Department)], staff.Audiences);
        Assert.NotNull(reporter);
    }

    [Fact]
    public void The_reporter_is_not_told_of_their_own_steps_except_the_receipt_of_their_report()
    {
        var e = NewEvent();
        Assert.Null(EventNotifications.For(e, Step(e, "SomeFutureStep", Reporter), null).Reporter);
        Assert.NotNull(EventNotifications.For(e, Step(e, "Report", Reporter), null).Reporter);
    }

    [Fact]
    public void A_dissatisfied_rating_goes_to_the_command_centre_as_supervision_and_a_satisfied_one_to_nobody()
    {
        var e = NewEvent();
        e.Status = EventStatus.Dissatisfied;
        var (staff, reporter) = EventNotifications.For(e, Step(e, nameof(EventAction.Rate), Reporter), null);

        Assert.NotNull(staff);
        Assert.Equal(NotificationKind.Supervision, staff.Kind);
        Assert.Equal([Audience.Role(Roles.Commander)], staff.Audiences);
        Assert.True(staff.Channels.HasFlag(NotificationChannels.Sms));
        Assert.Null(reporter);

        e.Status = EventStatus.Closed;
        var (satisfiedStaff, satisfiedReporter) = EventNotifications.For(e, Step(e, nameof(EventAction.Rate), Reporter), null);
        Assert.Null(satisfiedStaff);
        Assert.Null(satisfiedReporter);
    }

    [Fact]
    public void Supervision_goes_to_the_assignee_by_sms_and_its_answer_to_the_command_centre_never_to_the_reporter()
    {
        var e = NewEvent();
        var (supervise, toReporter) = EventNotifications.For(e, Step(e, "Supervise", Commander), null);
        Assert.NotNull(supervise);
        Assert.Equal(NotificationKind.Supervision, supervise.Kind);
        Assert.Equal([Audience.Unit(OrgUnitKind.Department, Department)], supervise.Audiences);
        Assert.True(supervise.Channels.HasFlag(NotificationChannels.Sms));
        Assert.Null(toReporter);

        var (answer, answerToReporter) = EventNotifications.For(e, Step(e, "AnswerSupervision", Guid.NewGuid()), null);
        Assert.NotNull(answer);
        Assert.Equal([Audience.Role(Roles.Commander)], answer.Audiences);
        Assert.Null(answerToReporter);
    }
}
